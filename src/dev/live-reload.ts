// Server-Sent Events to the open browser pages. Each page says which URL it shows when it
// connects; after a build the hub tells each page what to do: reload, swap stylesheets, show the
// error overlay, or remove it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../types.js';
import { EARLY_ASSETS_URL } from './inject.js';
import type { PageChanges } from './page-changes.js';
import { resolveRequest } from './safe-path.js';

interface Client {
  res: ServerResponse;
  /** The URL path the page shows. */
  url: string;
  /** Its output file when it connected, or null when it showed the 404 page. */
  page: string | null;
}

export interface LiveReload {
  /** Handles GET /__blatt/events?page=/path/. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** After a successful build. */
  changed(changes: PageChanges): void;
  /** Stylesheets of templates/assets/ that changed on disk (names like `style.css`), before the rebuild. */
  stylesheetsEdited(names: readonly string[]): void;
  /** After a failed build: the errors, shown over the last good pages. */
  problems(diagnostics: readonly Diagnostic[]): void;
  readonly clients: number;
  close(): void;
}

export function createLiveReload(root: string): LiveReload {
  const clients = new Set<Client>();
  let current: readonly Diagnostic[] = [];
  let version = 0;
  const send = (client: Client, event: string, data: unknown) => client.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const pageOf = (url: string) => {
    const r = resolveRequest(root, url);
    return r.kind === 'file' ? r.rel : null;
  };
  return {
    connect(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost').searchParams.get('page') ?? '/';
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      const client: Client = { res, url, page: pageOf(url) };
      clients.add(client);
      if (current.length > 0) send(client, 'problems', current);
      req.on('close', () => clients.delete(client));
    },
    changed(changes) {
      const hadProblems = current.length > 0;
      current = [];
      for (const client of clients) {
        if (hadProblems) send(client, 'ok', null);
        if (reloads(client, changes)) send(client, 'reload', null);
        else if (changes.stylesheets.size > 0) send(client, 'css', Object.fromEntries(changes.stylesheets));
      }
    },
    stylesheetsEdited(names) {
      version++;
      for (const client of clients) send(client, 'stylesheet', { base: EARLY_ASSETS_URL, names, version });
    },
    problems(diagnostics) {
      current = diagnostics.filter((d) => d.severity === 'error');
      for (const client of clients) send(client, 'problems', current);
    },
    get clients() {
      return clients.size;
    },
    close() {
      for (const client of clients) client.res.end();
      clients.clear();
    },
  };

  function reloads(client: Client, changes: PageChanges): boolean {
    if (client.page !== null) return changes.pages.has(client.page);
    // A 404 page: reload when its URL exists now, or when the 404 page itself changed.
    return pageOf(client.url) !== null || changes.pages.has('404.html');
  }
}
