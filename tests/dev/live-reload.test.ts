// The live-reload protocol as a browser sees it (Server-Sent Events): the page whose file changed
// is told to reload, other pages are not; a stylesheet change is a swap, not a reload; a broken
// build sends the errors (file, line, message) and the next good build clears them. Drafts are
// shown with their banner.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { article } from '../helpers/site.js';
import { quiet, startHarness, type DevHarness } from './dev-harness.js';

interface Message {
  event: string;
  data: unknown;
}

/** Opens the event stream for a page and collects its messages. */
async function listen(h: DevHarness, page: string) {
  const controller = new AbortController();
  const res = await fetch(new URL(`/__blatt/events?page=${encodeURIComponent(page)}`, h.dev.url), { signal: controller.signal });
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const messages: Message[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) messages.push({ event, data: data === undefined ? null : JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { messages, close: () => controller.abort() };
}

describe('dev live reload', () => {
  let h: DevHarness;
  beforeEach(async () => {
    h = await startHarness({
      '2025/meldung-a.md': article({ title: 'Meldung A' }, 'Text A.'),
      '2025/meldung-b.md': article({ title: 'Meldung B', date: '2025-03-01' }, 'Text B.'),
      '2025/entwurf.md': article({ title: 'Noch nicht fertig', draft: true }, 'Entwurfstext.'),
    });
    await h.build(1);
  });
  afterEach(() => h.stop());

  it('shows drafts with the "Entwurf" banner', async () => {
    const page = await h.get('/2025/04/entwurf/');
    assert.equal(page.status, 200);
    assert.match(page.text, /class="draft-banner"[^>]*>Entwurf/);
  });

  it('tells the changed page to reload, and leaves an unrelated page alone', async () => {
    const a = await listen(h, '/2025/04/meldung-a/');
    const b = await listen(h, '/2025/03/meldung-b/');
    h.site.write('content/2025/meldung-a.md', article({ title: 'Meldung A' }, 'Neuer Text A.'));
    await h.build(2);
    await quiet(h, 300);
    a.close();
    b.close();
    assert.deepEqual(a.messages.map((m) => m.event), ['reload']);
    assert.deepEqual(b.messages, []);
  });

  it('swaps the stylesheet instead of reloading when only CSS changed', async () => {
    const a = await listen(h, '/2025/04/meldung-a/');
    h.site.write('templates/assets/style.css', `${h.site.read('templates/assets/style.css')}\nh1 { color: rgb(1, 2, 3); }\n`);
    await h.build(2);
    await quiet(h, 300);
    a.close();
    assert.deepEqual(a.messages.map((m) => m.event), ['stylesheet', 'css']);
    // First, before the rebuild ends: the stylesheet as it is in templates/assets/.
    const early = a.messages[0]?.data as { base: string; names: string[]; version: number };
    assert.deepEqual(early.names, ['style.css']);
    assert.match((await h.get(`${early.base}style.css?v=${early.version}`)).text, /rgb\(1, 2, 3\)/);
    // Then the built one under its new hashed name.
    const swaps = Object.entries(a.messages[1]?.data as Record<string, string>);
    assert.equal(swaps.length, 1);
    const [from, to] = swaps[0] as [string, string];
    assert.match(from, /^\/assets\/style\.[0-9a-f]{10}\.css$/);
    assert.match(to, /^\/assets\/style\.[0-9a-f]{10}\.css$/);
    assert.notEqual(from, to);
    assert.match((await h.get(to)).text, /rgb\(1, 2, 3\)/);
    assert.equal((await h.get(from)).status, 404);
  });

  it('sends the errors of a broken build, keeps the last good page, and clears them when fixed', async () => {
    const a = await listen(h, '/2025/04/meldung-a/');
    h.site.write('content/2025/meldung-a.md', '---\ntitle: "Meldung A"\ndate: 2025-13-45\n---\n\nKaputt.\n');
    await h.build(2);
    await quiet(h, 300);
    assert.equal(h.builds[1]?.ok, false);
    const problems = a.messages.find((m) => m.event === 'problems')?.data as { file: string; line: number; message: string }[];
    assert.ok(problems.some((p) => p.file === 'content/2025/meldung-a.md' && p.line === 3 && /13/.test(p.message)), JSON.stringify(problems));
    assert.match((await h.get('/2025/04/meldung-a/')).text, /Text A\./);
    // A page opened while the build is broken gets the errors at once.
    const late = await listen(h, '/');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(late.messages[0]?.event, 'problems');
    h.site.write('content/2025/meldung-a.md', article({ title: 'Meldung A' }, 'Repariert.'));
    await h.build(3);
    await quiet(h, 300);
    a.close();
    late.close();
    assert.deepEqual(a.messages.map((m) => m.event), ['problems', 'ok', 'reload']);
    assert.deepEqual(late.messages.map((m) => m.event).slice(0, 2), ['problems', 'ok']);
  });

  it('tells a 404 page to reload when its URL appears', async () => {
    const missing = await listen(h, '/2025/04/spaeter/');
    h.site.write('content/2025/spaeter.md', article({ title: 'Später' }));
    await h.build(2);
    await quiet(h, 300);
    missing.close();
    assert.ok(missing.messages.some((m) => m.event === 'reload'));
    assert.equal((await h.get('/2025/04/spaeter/')).status, 200);
  });
});

describe('dev server whose first build fails', () => {
  it('serves a placeholder with the overlay, then the site once the mistake is fixed', async () => {
    const h = await startHarness({ '2025/meldung-a.md': '---\ntitle: "Meldung A"\ndate: "gestern"\n---\n\nText.\n' });
    try {
      assert.equal((await h.build(1)).ok, false);
      const home = await h.get('/');
      assert.equal(home.status, 404);
      assert.match(home.text, /__blatt\/client\.js/);
      const client = await listen(h, '/');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const problems = client.messages[0];
      assert.equal(problems?.event, 'problems');
      assert.ok((problems?.data as { file: string; line: number }[]).some((p) => p.file === 'content/2025/meldung-a.md' && p.line === 3));
      h.site.write('content/2025/meldung-a.md', article({ title: 'Meldung A' }));
      await h.build(2);
      await quiet(h, 300);
      client.close();
      assert.deepEqual(client.messages.map((m) => m.event), ['problems', 'ok', 'reload']);
      assert.equal((await h.get('/')).status, 200);
    } finally {
      await h.stop();
    }
  });
});
