// Adds the live-reload script to an HTML page as it is served. Files on disk stay untouched, so
// `blatt build` output never contains it.

export const CLIENT_SCRIPT_URL = '/__blatt/client.js';
export const EVENTS_URL = '/__blatt/events';
/** The stylesheets of templates/assets/ as they are on disk, for the swap before the rebuild ends. */
export const EARLY_ASSETS_URL = '/__blatt/assets/';

const TAG = `<script src="${CLIENT_SCRIPT_URL}" defer></script>`;

export function injectClient(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${TAG}` : `${html.slice(0, at)}${TAG}\n${html.slice(at)}`;
}
