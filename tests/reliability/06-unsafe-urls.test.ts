// Case 6: raw HTML and javascript:/vbscript:/data: URLs, in Markdown (inline, reference-style,
// autolinks, images, entity-encoded, mixed case, with whitespace and control characters) and in
// front-matter and settings URL fields, never reach an href or src; what is dropped is reported.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, goodBuild } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

const SCHEMES = ['javascript:alert(1)', 'JavaScript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:msgbox(1)', 'VBScript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'DATA:image/svg+xml,<svg onload=alert(1)>'];
const SPELLINGS = (url: string) => [url, `&#106;avascript:${url.split(':')[1]}`, `&#x6A;ava&#115;cript&colon;alert(1)`, `java&#9;script:alert(1)`, `java&#10;script:alert(1)`, `&#0000106avascript:alert(1)`, ` ${url}`, `\u0001${url}`];

/** One pass, as a browser decodes an attribute value (numeric references without ";" included). */
function decodeEntities(s: string): string {
  const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };
  return s.replace(/&(?:#x([0-9a-f]+);?|#(\d+);?|([a-z]+);)/gi, (all, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (named[name!.toLowerCase()] ?? all),
  );
}

/** Every href/src/action/srcset/formaction value of the page, decoded as a browser would. */
function urlsOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action|formaction|srcset|xlink:href|poster|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
}

function assertNoUnsafe(html: string, label: string) {
  for (const url of urlsOf(html)) {
    // eslint-disable-next-line no-control-regex
    const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
    assert.doesNotMatch(cleaned, /^(javascript|vbscript|data|file|blob):/, `${label}: unsafe URL reached the page: ${url}`);
  }
  assert.doesNotMatch(html, /<script(?![^>]*application\/ld\+json)/i, `${label}: script element`);
  assert.doesNotMatch(html, /<(iframe|object|embed|form|svg|math|style|base|meta http-equiv)/i, `${label}: dangerous element`);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${label}: event handler attribute`);
}

async function buildBody(body: string) {
  site.write('content/2025/links.md', `---\ntitle: "Links"\ndate: 2025-04-01\n---\n\n${body}\n`);
  try {
    const result = await buildSite(site);
    const page = result.files?.find((f) => f.path === '2025/04/links/index.html');
    assert.ok(page, JSON.stringify(result.diagnostics));
    return { html: String(page.contents), diagnostics: result.diagnostics.filter((d) => d.file === 'content/2025/links.md') };
  } finally {
    rmSync(join(site.content, '2025/links.md'));
  }
}

test('unsafe URLs in Markdown never reach an href or src, and each is reported', async () => {
  for (const scheme of SCHEMES) {
    for (const url of scheme === SCHEMES[0] ? SPELLINGS(scheme) : [scheme, ` ${scheme}`]) {
      const forms = [
        `[Klick](${url})`,
        `[Klick](<${url}>)`,
        `[Klick][ref]\n\n[ref]: ${url}`,
        `[Klick]\n\n[klick]: <${url}> "Titel"`,
        `![Bild](${url})`,
        `![Bild][img]\n\n[img]: ${url}`,
        `<${url.trim()}>`,
        `[![Bild](${url})](${url})`,
      ];
      for (const form of forms) {
        const { html, diagnostics } = await buildBody(`Vorher.\n\n${form}\n\nNachher.`);
        assertNoUnsafe(html, `${form}`);
        const body = /<div class="article__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html;
        // A dropped link or image leaves no empty href/src behind (which would point at the page itself).
        assert.doesNotMatch(body, /(href|src)=""/, form);
        if (/^\[Klick\]\((javascript|vbscript|data):[^\s]*\)$/i.test(form)) assert.ok(diagnostics.some((d) => d.rule === 'markdown/unsafe-url'), `${form}: reported`);
      }
    }
  }
});

test('a dropped link is reported at its line and keeps its text', async () => {
  const { html, diagnostics } = await buildBody('Eins.\n\nZwei [Klick](javascript:alert(1)) drei.\n\n<javascript:alert(2)>\n\n![Bild](data:image/png;base64,AAAA)');
  assert.match(html, /Zwei Klick drei/);
  const lines = diagnostics.filter((d) => d.rule === 'markdown/unsafe-url').map((d) => d.line);
  assert.deepEqual(lines, [8, 10, 12]);
});

test('raw HTML is removed and reported, never passed through', async () => {
  const pieces = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    'Text mit <span onclick="alert(1)">inline</span> HTML.',
    '<details open ontoggle=alert(1)>',
    '<!-- <script>alert(1)</script> -->',
  ];
  for (const piece of pieces) {
    const { html, diagnostics } = await buildBody(`Vorher.\n\n${piece}\n\nNachher.`);
    assertNoUnsafe(html, piece);
    assert.doesNotMatch(html, /evil\.example/, piece);
    if (!piece.startsWith('<!--')) assert.ok(diagnostics.some((d) => d.rule === 'markdown/raw-html' && d.severity === 'warning'), `${piece}: reported`);
  }
});

test('front-matter URL fields must be safe: canonical, image.src, related url', async () => {
  const head = 'title: "T"\ndate: 2025-04-01';
  for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\\tscript:alert(1)', 'vbscript:x', 'data:text/html,<script>alert(1)</script>', '\\u0001javascript:alert(1)']) {
    const q = JSON.stringify(url).replace(/\\\\/g, '\\');
    await assertRejected(site, '2025/fm.md', `---\n${head}\ncanonical: ${q}\n---\n`, { rule: 'front-matter/canonical', line: 4 }, `canonical ${url}`);
    await assertRejected(site, '2025/fm.md', `---\n${head}\nimage:\n  src: ${q}\n  alt: "x"\n---\n`, { rule: 'front-matter/image', line: 4 }, `image ${url}`);
    await assertRejected(site, '2025/fm.md', `---\n${head}\nrelated:\n  - title: "x"\n    url: ${q}\n---\n`, { rule: 'front-matter/related', line: 6 }, `related ${url}`);
  }
  // canonical and related links must be absolute http(s); relative ones are errors too.
  await assertRejected(site, '2025/fm.md', `---\n${head}\ncanonical: "/relativ/"\n---\n`, { rule: 'front-matter/canonical', line: 4 });
  await assertRejected(site, '2025/fm.md', `---\n${head}\ncanonical: "mailto:a@b.de"\n---\n`, { rule: 'front-matter/canonical', line: 4 });
});

test('settings URL fields must be safe: base_url, publisher.url, publisher.logo.src', async () => {
  const settings = (yaml: string) => {
    site.write('content/site.yml', yaml);
  };
  try {
    for (const [yaml, line] of [
      ['base_url: "javascript:alert(1)//"', 1],
      ['publisher:\n  name: "X"\n  url: "javascript:alert(1)"', 3],
      ['publisher:\n  name: "X"\n  url: "data:text/html,x"', 3],
      ['publisher:\n  name: "X"\n  logo: {src: "javascript:alert(1)", width: 10, height: 10}', 3],
    ] as const) {
      settings(yaml);
      const result = await buildSite(site);
      assert.equal(result.files, null, yaml);
      const d = result.diagnostics.find((x) => x.file === 'content/site.yml' && x.severity === 'error');
      assert.ok(d, `${yaml}: ${JSON.stringify(result.diagnostics)}`);
      if (line !== 1) assert.equal(d.line, line, yaml);
    }
  } finally {
    rmSync(join(site.content, 'site.yml'), { force: true });
  }
});
