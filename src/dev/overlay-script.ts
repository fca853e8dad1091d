// Browser code (as text) of the error overlay: lists the build's errors with file, line and what
// to do, over the last good version of the page. Built with textContent only, so a message can
// never inject markup.

export const OVERLAY_SCRIPT = `
const OVERLAY_ID = 'blatt-dev-overlay';
function hideOverlay() {
  document.getElementById(OVERLAY_ID)?.remove();
}
function showOverlay(problems) {
  hideOverlay();
  const box = document.createElement('section');
  box.id = OVERLAY_ID;
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-label', 'Fehler beim Erstellen der Seite');
  box.style.cssText = 'position:fixed;inset:1rem;z-index:2147483647;overflow:auto;background:#fff;color:#111;' +
    'border:4px solid #b00020;border-radius:6px;padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 0 0 100vmax rgba(0,0,0,.45)';
  const title = document.createElement('h2');
  title.textContent = problems.length === 1 ? '1 Fehler – die Seite zeigt den letzten fehlerfreien Stand' : problems.length + ' Fehler – die Seite zeigt den letzten fehlerfreien Stand';
  title.style.cssText = 'margin:0 0 .75rem;font-size:1.2rem;color:#b00020';
  box.append(title);
  const list = document.createElement('ul');
  list.style.cssText = 'margin:0;padding:0;list-style:none';
  for (const p of problems) {
    const item = document.createElement('li');
    item.className = 'blatt-dev-problem';
    item.style.cssText = 'margin:0 0 .75rem;padding:.5rem .75rem;background:#fdf2f3;border-left:4px solid #b00020';
    const where = document.createElement('code');
    where.className = 'blatt-dev-where';
    where.textContent = p.file + (p.line ? ':' + p.line + (p.column ? ':' + p.column : '') : '');
    where.style.cssText = 'font-weight:bold';
    const message = document.createElement('p');
    message.className = 'blatt-dev-message';
    message.textContent = p.message;
    message.style.cssText = 'margin:.25rem 0 0';
    const rule = document.createElement('small');
    rule.textContent = '[' + p.rule + ']';
    item.append(where, message, rule);
    list.append(item);
  }
  box.append(list);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Ausblenden';
  close.addEventListener('click', hideOverlay);
  box.append(close);
  document.body.append(box);
}
`;
