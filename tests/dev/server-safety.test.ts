// The preview server answers every request with a status code and never serves anything outside
// the output folder: traversal (plain, encoded, double-encoded, backslashes), malformed URLs,
// a sibling folder whose name starts like the output folder, and symbolic links in the output.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { article } from '../helpers/site.js';
import { startHarness, type DevHarness } from './dev-harness.js';

/** Sends the request line exactly as given (fetch would normalize "..") and returns status and body. */
function raw(port: number, target: string, method = 'GET'): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, head: data.slice(0, data.indexOf('\r\n\r\n')), body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

describe('dev server safety', () => {
  let h: DevHarness;
  before(async () => {
    h = await startHarness({ '2025/meldung.md': article({ title: 'Eine Meldung' }) });
    h.site.write('secret.txt', 'TOP-SECRET');
    h.site.write('public-secret/index.html', 'SIBLING-SECRET');
    h.site.write('public-secret/secret.txt', 'SIBLING-SECRET');
  });
  after(() => h.stop());

  it('serves pages with the live-reload script, which the files on disk do not contain', async () => {
    const home = await h.get('/');
    assert.equal(home.status, 200);
    assert.match(home.type ?? '', /^text\/html/);
    assert.match(home.text, /<script src="\/__blatt\/client\.js" defer><\/script>\n<\/body>/);
    assert.doesNotMatch(readFileSync(join(h.site.out, 'index.html'), 'utf8'), /__blatt/);
    const script = await h.get('/__blatt/client.js');
    assert.equal(script.status, 200);
    assert.match(script.text, /EventSource/);
  });

  const traversals = [
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%2fsecret.txt',
    '/.%2e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/../public-secret/index.html',
    '/%2e%2e/public-secret/secret.txt',
    '/%2e%2e%2fpublic-secret%2fsecret.txt',
    '/thema/../../secret.txt',
    '/thema/%2e%2e/%2e%2e/public-secret/',
    '//etc/passwd',
    '/%00',
    '/index.html%00.txt',
    '/__blatt/assets/../../secret.txt',
    '/__blatt/assets/%2e%2e/%2e%2e/secret.txt',
    '/__blatt/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/__blatt/assets/..%2f..%2fpublic-secret%2fsecret.txt',
  ];
  for (const target of traversals) {
    it(`refuses ${target} with 400 or 404 and serves nothing outside the output`, async () => {
      const res = await raw(h.dev.port, target);
      assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
      assert.doesNotMatch(res.body, /SECRET|root:/);
    });
  }

  for (const target of ['/%', '/%E0%A4%A', '/%zz', '/%C0%AF', '/foo%', '/%ED%A0%80']) {
    it(`answers the malformed URL ${target} with 400 and keeps running`, async () => {
      const res = await raw(h.dev.port, target);
      assert.equal(res.status, 400);
      assert.equal((await h.get('/')).status, 200);
    });
  }

  it('answers a request target that is not a path with 400', async () => {
    assert.equal((await raw(h.dev.port, 'http://127.0.0.1/../secret.txt')).status, 400);
    assert.equal((await raw(h.dev.port, '*', 'OPTIONS')).status, 405);
  });

  it('serves only stylesheets of templates/assets/ under /__blatt/assets/', async () => {
    h.site.write('templates/assets/secret.txt', 'SECRET');
    assert.equal((await h.get('/__blatt/assets/style.css')).status, 200);
    assert.equal((await h.get('/__blatt/assets/secret.txt')).status, 404);
    assert.equal((await raw(h.dev.port, '/__blatt/assets/../article.hbs')).status, 400);
    assert.equal((await raw(h.dev.port, '/__blatt/assets/%2e%2e/article.hbs')).status, 400);
  });

  it('serves the site 404 page with status 404 for missing files', async () => {
    const res = await h.get('/2025/04/gibt-es-nicht/');
    assert.equal(res.status, 404);
    assert.match(res.text, /Seite nicht gefunden/);
    assert.match(res.text, /__blatt\/client\.js/);
    assert.equal((await h.get('/assets/nope.css')).status, 404);
  });

  it('redirects a folder without a trailing slash and refuses other methods', async () => {
    const res = await fetch(new URL('/thema', h.dev.url), { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/thema/');
    const doubled = await raw(h.dev.port, '//thema');
    assert.equal(doubled.status, 301);
    assert.match(doubled.head, /^location: \/thema\/$/im, 'never a redirect to another host');
    assert.equal((await raw(h.dev.port, '/', 'POST')).status, 405);
    assert.equal((await raw(h.dev.port, '/', 'DELETE')).status, 405);
    const head = await raw(h.dev.port, '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('does not follow symbolic links out of the output folder', async () => {
    symlinkSync(join(h.site.root, 'secret.txt'), join(h.site.out, 'leak.txt'));
    symlinkSync(join(h.site.root, 'public-secret'), join(h.site.out, 'sibling'));
    mkdirSync(join(h.site.out, 'nested'), { recursive: true });
    symlinkSync('../../secret.txt', join(h.site.out, 'nested', 'up.txt'));
    for (const target of ['/leak.txt', '/sibling/', '/sibling/index.html', '/sibling/secret.txt', '/nested/up.txt']) {
      const res = await raw(h.dev.port, target);
      assert.equal(res.status, 404, target);
      assert.doesNotMatch(res.body, /SECRET/, target);
    }
  });

  it('serves a symbolic link that stays inside the output folder', async () => {
    writeFileSync(join(h.site.out, 'inside.txt'), 'INSIDE');
    symlinkSync('inside.txt', join(h.site.out, 'alias.txt'));
    const res = await raw(h.dev.port, '/alias.txt');
    assert.equal(res.status, 200);
    assert.match(res.body, /INSIDE/);
  });

  it('answers many bad requests at once without dying', async () => {
    const results = await Promise.all(traversals.map((t) => raw(h.dev.port, t)));
    assert.ok(results.every((r) => r.status === 400 || r.status === 404));
    assert.equal((await h.get('/')).status, 200);
  });
});
