// Browser code (as text) served at /__blatt/client.js: listens to the dev server's events
// (Server-Sent Events) and reloads the page, swaps stylesheets, or shows the error overlay.
import { EARLY_ASSETS_URL, EVENTS_URL } from './inject.js';
import { OVERLAY_SCRIPT } from './overlay-script.js';

export const CLIENT_SCRIPT = `// Blatt dev: live reload (only served by "blatt dev", never written to the output).
(() => {
${OVERLAY_SCRIPT}
  const EARLY = ${JSON.stringify(EARLY_ASSETS_URL)};
  /** The stylesheet a link shows: "/assets/style.0123456789.css" and "/__blatt/assets/style.css?v=2" are both "style.css". */
  function nameOf(link) {
    const path = new URL(link.href, location.href).pathname;
    if (path.startsWith(EARLY)) return path.slice(EARLY.length);
    if (path.startsWith('/assets/')) return path.slice('/assets/'.length).replace(/\\.[0-9a-f]{10}\\.css$/, '.css');
    return null;
  }
  /**
   * Adds the new link after the current one; once it has loaded, every other link to the same
   * stylesheet goes. Only the newest replacement of a stylesheet wins; older ones remove themselves.
   */
  const newest = new Map();
  function replace(link, href) {
    const name = nameOf(link);
    const next = link.cloneNode();
    next.href = href;
    newest.set(name, next);
    next.addEventListener('load', () => {
      if (newest.get(name) !== next) return next.remove();
      for (const other of document.querySelectorAll('link[rel="stylesheet"]')) if (other !== next && nameOf(other) === name) other.remove();
    });
    link.after(next);
  }
  const links = () => [...document.querySelectorAll('link[rel="stylesheet"]')];
  // After the rebuild: old hashed URL → new hashed URL.
  function swapStylesheets(swaps) {
    for (const link of links()) {
      const to = swaps[new URL(link.href, location.href).pathname];
      if (to) replace(link, to);
    }
  }
  // Before the rebuild ends: the edited stylesheet straight from templates/assets/.
  function swapEarly(data) {
    const latest = new Map();
    for (const link of links()) latest.set(nameOf(link), link);
    for (const name of data.names) {
      const link = latest.get(name);
      if (link) replace(link, data.base + name + '?v=' + data.version);
    }
  }
  const events = new EventSource(${JSON.stringify(EVENTS_URL)} + '?page=' + encodeURIComponent(location.pathname));
  events.addEventListener('open', () => document.documentElement.setAttribute('data-blatt-live', 'on'));
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('css', (e) => swapStylesheets(JSON.parse(e.data)));
  events.addEventListener('stylesheet', (e) => swapEarly(JSON.parse(e.data)));
  events.addEventListener('problems', (e) => showOverlay(JSON.parse(e.data)));
  events.addEventListener('ok', () => hideOverlay());
})();
`;
