import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { zonedDate } from '../../src/content/dates.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { parseArticle } from '../../src/content/parse-article.js';
import { collect } from '../../src/site/collect.js';
import type { ParsedArticle } from '../../src/types.js';

const render = createMarkdownRenderer();
const NOW = zonedDate(Date.parse('2025-04-02T10:00:00Z'), 'Europe/Berlin');

function parsed(relPath: string, front: string, body = 'Text.'): ParsedArticle {
  const r = parseArticle({ path: `content/${relPath}`, relPath, text: `---\n${front}\n---\n${body}\n` }, 'Europe/Berlin', render);
  assert.ok(r.article, JSON.stringify(r.diagnostics));
  return r.article;
}
const run = (articles: ParsedArticle[], includeDrafts = false) => collect(articles, DEFAULT_CONFIG, { includeDrafts, now: NOW });

test('articles are sorted newest first, then by slug, with clean URLs', () => {
  const { model, diagnostics } = run([
    parsed('b.md', 'title: B\ndate: 2025-04-01'),
    parsed('a.md', 'title: A\ndate: 2025-04-01'),
    parsed('c.md', 'title: C\ndate: 2025-03-01T10:00'),
    parsed('d.md', 'title: D\ndate: 2025-04-01T12:00'),
  ]);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(model.articles.map((a) => a.slug), ['d', 'a', 'b', 'c']);
  assert.equal(model.articles[0]!.url, '/2025/04/d/');
  assert.deepEqual(model.months.map((m) => m.url), ['/archiv/2025/04/', '/archiv/2025/03/']);
});

test('a slug collision is one error that names both files', () => {
  const { diagnostics } = run([parsed('2025/x.md', 'title: A\ndate: 2025-04-01'), parsed('2024/y.md', 'title: B\ndate: 2025-04-01\nslug: x')]);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0]!;
  assert.equal(d.rule, 'output/collision');
  assert.equal(d.file, 'content/2025/x.md');
  assert.match(d.message, /content\/2024\/y\.md/);
});

test('a related slug that names no article is an error at its line', () => {
  const { diagnostics } = run([parsed('a.md', 'title: A\ndate: 2025-04-01\nrelated:\n  - b\n  - gibt-es-nicht')]);
  assert.deepEqual(diagnostics.map((d) => [d.rule, d.severity, d.line]), [
    ['related/missing', 'error', 5],
    ['related/missing', 'error', 6],
  ]);
  assert.match(diagnostics[1]!.message, /"gibt-es-nicht"/);
});

test('related slugs, titles and external links become links', () => {
  const { model, diagnostics } = run([
    parsed('a.md', 'title: A\ndate: 2025-04-01\nrelated:\n  - b\n  - {title: Extern, url: "https://e.de/"}', 'Text.\n\nMehr zum Thema – „Die Meldung C“'),
    parsed('b.md', 'title: B\ndate: 2025-03-01'),
    parsed('c.md', 'title: Die Meldung C\ndate: 2025-03-02'),
  ]);
  assert.deepEqual(diagnostics, []);
  const a = model.bySlug.get('a')!;
  assert.deepEqual(a.relatedLinks.map((l) => [l.title, l.url, l.external]), [
    ['B', '/2025/03/b/', false],
    ['Extern', 'https://e.de/', true],
    ['Die Meldung C', '/2025/03/c/', false],
  ]);
});

test('a related title that matches nothing stays text with a warning', () => {
  const { model, diagnostics } = run([parsed('a.md', 'title: A\ndate: 2025-04-01', 'Text.\n\nMehr zum Thema – Unbekannter Titel')]);
  assert.deepEqual(diagnostics.map((d) => [d.rule, d.severity, d.line]), [['related/unmatched-title', 'warning', 7]]);
  assert.deepEqual(model.articles[0]!.relatedLinks.map((l) => [l.title, l.url]), [['Unbekannter Titel', null]]);
});

test('a link to another article file becomes its URL; a link to a missing file is an error with its line', () => {
  const { model, diagnostics } = run([
    parsed('2025/a.md', 'title: A\ndate: 2025-04-01', 'Siehe [B](b.md#teil).\n\nUnd [weg](fehlt.md).'),
    parsed('2025/b.md', 'title: B\ndate: 2025-03-01\nslug: bbb'),
  ]);
  assert.deepEqual(diagnostics.map((d) => [d.rule, d.file, d.line, d.column]), [['link/missing-article', 'content/2025/a.md', 7, 5]]);
  assert.match(diagnostics[0]!.message, /2025\/fehlt\.md/);
  const html = model.bySlug.get('a')!.html;
  assert.match(html, /<a href="\/2025\/03\/bbb\/#teil">B<\/a>/);
  assert.doesNotMatch(html, /__blatt_article__/);
});

test('drafts and embargoed articles are left out, and included with --drafts', () => {
  const articles = [
    parsed('a.md', 'title: A\ndate: 2025-04-01'),
    parsed('draft.md', 'title: D\ndate: 2025-04-01\ndraft: true'),
    parsed('later.md', 'title: L\ndate: 2025-04-03T08:00'),
  ];
  assert.deepEqual(run(articles).model.articles.map((a) => a.slug), ['a']);
  const preview = run(articles, true).model.articles;
  assert.deepEqual(preview.map((a) => [a.slug, a.unpublished]), [
    ['later', true],
    ['a', false],
    ['draft', true],
  ]);
});

test('a link to a draft is plain text with a warning; a related draft is left out with a warning', () => {
  const { model, diagnostics } = run([
    parsed('a.md', 'title: A\ndate: 2025-04-01\nrelated: [d]', '[Entwurf](d.md)'),
    parsed('d.md', 'title: D\ndate: 2025-04-01\ndraft: true'),
  ]);
  assert.deepEqual(diagnostics.map((d) => d.rule).sort(), ['link/unpublished-article', 'related/unpublished']);
  assert.equal(model.bySlug.get('a')!.html, '<p>Entwurf</p>');
  assert.deepEqual(model.bySlug.get('a')!.relatedLinks, []);
});

test('tags that slugify alike are one topic under the most used spelling; default author applies', () => {
  const config = { ...DEFAULT_CONFIG, defaultAuthor: 'Redaktion' };
  const { model } = collect(
    [
      parsed('a.md', 'title: A\ndate: 2025-04-01\ntags: [Außenpolitik]'),
      parsed('b.md', 'title: B\ndate: 2025-04-01\ntags: [Aussenpolitik]'),
      parsed('c.md', 'title: C\ndate: 2025-04-01\ntags: [Außenpolitik]\nauthor: Anna'),
    ],
    config,
    { includeDrafts: false, now: NOW },
  );
  assert.deepEqual(model.tags.map((g) => [g.term.name, g.term.url, g.articles.length]), [['Außenpolitik', '/thema/aussenpolitik/', 3]]);
  assert.deepEqual(model.authors.map((g) => [g.term.name, g.articles.length]), [
    ['Anna', 1],
    ['Redaktion', 2],
  ]);
});

test('"Mehr zum Thema – [Titel](datei.md)" links the file, whatever its slug; a missing file is an error', () => {
  const { model, diagnostics } = run([
    parsed('2025/a.md', 'title: A\ndate: 2025-04-01', 'Text.\n\nMehr zum Thema – [Anderer Text](b.md)\nMehr zum Thema – [Weg](weg.md)'),
    parsed('2025/b.md', 'title: B\ndate: 2025-03-01\nslug: eigener-slug'),
  ]);
  assert.deepEqual(model.bySlug.get('a')!.relatedLinks.map((l) => [l.title, l.url]), [
    ['B', '/2025/03/eigener-slug/'],
    ['Weg', null],
  ]);
  assert.deepEqual(diagnostics.map((d) => [d.rule, d.line]), [
    ['link/missing-article', 8],
    ['related/unmatched-title', 8],
  ]);
});
