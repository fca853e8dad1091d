// The preview server: serves the output folder on 127.0.0.1, adds the live-reload script to HTML
// pages as they are served, and answers every request, however malformed, with a status code
// instead of crashing: 400 for bad paths, 404 (with the site's 404 page) for missing files, 405
// for methods other than GET and HEAD.
import { createReadStream, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { CLIENT_SCRIPT } from './client-script.js';
import { CLIENT_SCRIPT_URL, EARLY_ASSETS_URL, EVENTS_URL, injectClient } from './inject.js';
import type { LiveReload } from './live-reload.js';
import { resolveRequest } from './safe-path.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** `root`: the output folder; `assets`: templates/assets/, whose stylesheets are served under /__blatt/assets/. */
export function createPreviewServer(root: string, assets: string, live: LiveReload): Server {
  const server = createServer((req, res) => {
    try {
      handle(root, assets, live, req, res);
    } catch {
      fail(res, 500, 'Internal error of the preview server.');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

function handle(root: string, assets: string, live: LiveReload, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return fail(res, 405, 'Only GET and HEAD are supported.');
  }
  const url = req.url ?? '/';
  const pathname = url.split(/[?#]/, 1)[0];
  if (pathname === EVENTS_URL) return live.connect(req, res);
  if (pathname === CLIENT_SCRIPT_URL) {
    res.writeHead(200, { ...HEADERS, 'content-type': TYPES['.js'] as string });
    return res.end(req.method === 'HEAD' ? undefined : CLIENT_SCRIPT);
  }
  if (pathname?.startsWith(EARLY_ASSETS_URL)) {
    const css = resolveRequest(assets, url.slice(EARLY_ASSETS_URL.length - 1));
    if (css.kind === 'bad-request') return fail(res, 400, `Bad request: ${css.reason}.`);
    if (css.kind !== 'file' || !css.abs.endsWith('.css')) return fail(res, 404, 'Not found.');
    return sendFile(req, res, 200, css.abs);
  }
  const found = resolveRequest(root, url);
  switch (found.kind) {
    case 'bad-request':
      return fail(res, 400, `Bad request: ${found.reason}.`);
    case 'redirect':
      res.writeHead(301, { ...HEADERS, location: found.location });
      return res.end();
    case 'not-found':
      return notFound(root, req, res);
    case 'file':
      return sendFile(req, res, 200, found.abs);
  }
}

/** Shown while the site has no 404 page (e.g. the first build failed), so the overlay and live reload still work. */
const PLACEHOLDER_404 = '<!doctype html>\n<html lang="de">\n<head><meta charset="utf-8"><title>Seite nicht gefunden</title></head>\n<body>\n<h1>Seite nicht gefunden</h1>\n<p>Diese Seite gibt es (noch) nicht. Sobald sie erstellt ist, lädt sie sich neu.</p>\n</body>\n</html>\n';

function notFound(root: string, req: IncomingMessage, res: ServerResponse) {
  const page = resolveRequest(root, '/404.html');
  if (page.kind === 'file') return sendFile(req, res, 404, page.abs);
  res.writeHead(404, { ...HEADERS, 'content-type': TYPES['.html'] as string });
  res.end(req.method === 'HEAD' ? undefined : injectClient(PLACEHOLDER_404));
}

function sendFile(req: IncomingMessage, res: ServerResponse, status: number, abs: string) {
  const type = TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream';
  if (type.startsWith('text/html')) {
    let html: string;
    try {
      html = injectClient(readFileSync(abs, 'utf8'));
    } catch {
      return fail(res, 404, 'Not found.');
    }
    res.writeHead(status, { ...HEADERS, 'content-type': type });
    return res.end(req.method === 'HEAD' ? undefined : html);
  }
  const stream = createReadStream(abs);
  stream.on('open', () => {
    res.writeHead(status, { ...HEADERS, 'content-type': type });
    if (req.method === 'HEAD') {
      stream.destroy();
      res.end();
    } else stream.pipe(res);
  });
  stream.on('error', () => (res.headersSent ? res.destroy() : fail(res, 404, 'Not found.')));
}

function fail(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}
