import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { parseArticle } from '../../src/content/parse-article.js';

const render = createMarkdownRenderer();
const parse = (text: string, relPath = '2025/meine-meldung.md') => parseArticle({ path: `content/${relPath}`, relPath, text }, 'Europe/Berlin', render);

test('a valid article becomes a ParsedArticle', () => {
  const r = parse('---\ntitle: "Titel"\ndate: 2025-04-01\nauthor: "Anna Muster"\ntags: [Russland, China, Russland]\nsection: Ausland\n---\n\nEin Absatz mit vier Wörtern.\n');
  assert.deepEqual(r.diagnostics, []);
  const a = r.article!;
  assert.equal(a.slug, 'meine-meldung');
  assert.equal(a.title, 'Titel');
  assert.equal(a.date.iso, '2025-04-01T00:00:00+02:00');
  assert.deepEqual(a.authors, ['Anna Muster']);
  assert.deepEqual(a.tags, ['Russland', 'China']);
  assert.equal(a.section, 'Ausland');
  assert.equal(a.html, '<p>Ein Absatz mit vier Wörtern.</p>');
  assert.equal(a.wordCount, 5);
  assert.equal(a.draft, false);
});

test('the slug comes from the file name with German transliteration, or from "slug:"', () => {
  assert.equal(parse('---\ntitle: T\ndate: 2025-04-01\n---\nx\n', '2025/Grüße aus Köln.md').article!.slug, 'gruesse-aus-koeln');
  assert.equal(parse('---\ntitle: T\ndate: 2025-04-01\nslug: eigener-slug\n---\nx\n').article!.slug, 'eigener-slug');
});

test('an invalid slug is an error at its line', () => {
  const r = parse('---\ntitle: T\ndate: 2025-04-01\nslug: "Mein Slug"\n---\nx\n');
  assert.equal(r.article, null);
  assert.deepEqual(r.diagnostics.map((d) => [d.rule, d.line]), [['front-matter/slug', 4]]);
  assert.match(r.diagnostics[0]!.message, /mein-slug/);
});

test('an impossible date is an error at the line of "date"', () => {
  const r = parse('---\ntitle: T\n\ndate: 2025-02-30\n---\nx\n');
  assert.equal(r.article, null);
  assert.deepEqual(r.diagnostics.map((d) => [d.rule, d.line, d.column]), [['front-matter/date', 4, 1]]);
});

test('"updated" before "date" is an error', () => {
  const r = parse('---\ntitle: T\ndate: 2025-04-02\nupdated: 2025-04-01\n---\nx\n');
  assert.equal(r.article, null);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/updated');
});

test('body diagnostics carry the line of the file, after the front-matter', () => {
  const r = parse('---\ntitle: T\ndate: 2025-04-01\n---\n\nAbsatz.\n\n<div>roh</div>\n');
  assert.ok(r.article);
  assert.deepEqual(r.diagnostics.map((d) => [d.rule, d.line]), [['markdown/raw-html', 8]]);
});

test('related entries keep their lines; external links must be http(s)', () => {
  const ok = parse('---\ntitle: T\ndate: 2025-04-01\nrelated:\n  - andere\n  - {title: Web, url: "https://e.de/"}\n---\nx\n\nMehr zum Thema – Titel\n');
  assert.deepEqual(
    ok.article!.related.map((r) => [r.kind, r.line]),
    [
      ['slug', 5],
      ['external', 6],
      ['title', 10],
    ],
  );
  const bad = parse('---\ntitle: T\ndate: 2025-04-01\nrelated:\n  - {title: Web, url: "javascript:alert(1)"}\n---\nx\n');
  assert.equal(bad.article, null);
  assert.equal(bad.diagnostics[0]!.rule, 'front-matter/related');
});

test('every problem of a file is reported at once', () => {
  const r = parse('---\ntitle: T\ndate: 2025-13-01\nslug: "X Y"\ntitel: z\n---\n<b>x</b>\n');
  assert.equal(r.article, null);
  assert.deepEqual(r.diagnostics.map((d) => d.rule).sort(), ['front-matter/date', 'front-matter/slug', 'front-matter/unknown-field', 'markdown/raw-html', 'markdown/raw-html']);
});

test('an image without alt text is an error; with alt it is kept', () => {
  assert.equal(parse('---\ntitle: T\ndate: 2025-04-01\nimage: a.jpg\n---\nx\n').diagnostics[0]!.rule, 'front-matter/image');
  const a = parse('---\ntitle: T\ndate: 2025-04-01\nimage:\n  src: a.jpg\n  alt: Ein Bild\n  credit: dpa\n---\nx\n').article!;
  assert.deepEqual(a.image, { src: 'a.jpg', alt: 'Ein Bild', caption: null, credit: 'dpa', width: null, height: null });
});
