// Browser code (as text) served at /__blatt/client.js: listens to the dev server's events
// (Server-Sent Events) and reloads the page, swaps stylesheets, or shows the error overlay.
import { EVENTS_URL } from './inject.js';
import { OVERLAY_SCRIPT } from './overlay-script.js';

export const CLIENT_SCRIPT = `// Blatt dev: live reload (only served by "blatt dev", never written to the output).
(() => {
${OVERLAY_SCRIPT}
  function swapStylesheets(swaps) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const to = swaps[new URL(link.href, location.href).pathname];
      if (!to) continue;
      const next = link.cloneNode();
      next.href = to;
      next.addEventListener('load', () => link.remove());
      next.addEventListener('error', () => location.reload());
      link.after(next);
    }
  }
  const events = new EventSource(${JSON.stringify(EVENTS_URL)} + '?page=' + encodeURIComponent(location.pathname));
  events.addEventListener('open', () => document.documentElement.setAttribute('data-blatt-live', 'on'));
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('css', (e) => swapStylesheets(JSON.parse(e.data)));
  events.addEventListener('problems', (e) => showOverlay(JSON.parse(e.data)));
  events.addEventListener('ok', () => hideOverlay());
})();
`;
