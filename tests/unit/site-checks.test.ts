// The site as the index and the article checks make it: order and URLs, slugs, links between
// articles, "Mehr zum Thema" entries, drafts and embargo, topics. Built through the whole pass,
// in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSite, fileOf, tempSite } from '../helpers/site.js';
import type { BuildResult } from '../../src/engine/options.js';

async function run(files: Record<string, string>, options: { includeDrafts?: boolean; settings?: string } = {}): Promise<BuildResult> {
  const site = tempSite({ ...files, ...(options.settings ? { 'site.yml': options.settings } : {}) });
  try {
    return await buildSite(site, { includeDrafts: options.includeDrafts ?? false });
  } finally {
    site.remove();
  }
}
const md = (front: string, body = 'Text.') => `---\n${front}\n---\n${body}\n`;
const pages = (r: BuildResult) => (r.files ?? []).map((f) => f.path).filter((p) => /^\d{4}\/\d\d\/[^/]+\/index\.html$/.test(p)).sort();
/** "Mehr zum Thema" of an article page as [title, url or null]. */
function related(r: BuildResult, path: string): [string, string | null][] {
  const aside = /<aside class="related"[\s\S]*?<\/aside>/.exec(fileOf(r, path))?.[0] ?? '';
  return [...aside.matchAll(/<li>(?:<a href="([^"]*)"[^>]*>([^<]*)(?: <span[^>]*>[^<]*<\/span>)?<\/a>|<span>([^<]*)<\/span>)<\/li>/g)].map((m) => [m[2] ?? m[3] ?? '', m[1] ?? null]);
}
const rules = (r: BuildResult) => r.diagnostics.map((d) => [d.rule, d.severity, d.file, d.line ?? null]);

test('articles are sorted newest first, then by slug, with clean URLs', async () => {
  const r = await run({ 'b.md': md('title: B\ndate: 2025-04-01'), 'a.md': md('title: A\ndate: 2025-04-01'), 'c.md': md('title: C\ndate: 2025-03-01T10:00'), 'd.md': md('title: D\ndate: 2025-04-01T12:00') });
  assert.deepEqual(r.diagnostics, []);
  const home = fileOf(r, 'index.html');
  const order = [...home.matchAll(/<h2 class="teaser__title"><a href="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(order, ['/2025/04/d/', '/2025/04/a/', '/2025/04/b/', '/2025/03/c/']);
  assert.match(fileOf(r, 'archiv/index.html'), /archiv\/2025\/04\/[\s\S]*archiv\/2025\/03\//);
});

test('a slug collision is one error that names both files', async () => {
  const r = await run({ '2025/x.md': md('title: A\ndate: 2025-04-01'), '2024/y.md': md('title: B\ndate: 2025-04-01\nslug: x') });
  assert.deepEqual(rules(r), [['output/collision', 'error', 'content/2025/x.md', 1]]);
  assert.match(r.diagnostics[0]!.message, /content\/2024\/y\.md/);
});

test('a related slug that names no article is an error at its line', async () => {
  const r = await run({ 'a.md': md('title: A\ndate: 2025-04-01\nrelated:\n  - b\n  - gibt-es-nicht') });
  assert.deepEqual(rules(r), [
    ['related/missing', 'error', 'content/a.md', 5],
    ['related/missing', 'error', 'content/a.md', 6],
  ]);
  assert.match(r.diagnostics[1]!.message, /"gibt-es-nicht"/);
});

test('related slugs, titles and external links become links', async () => {
  const r = await run({
    'a.md': md('title: A\ndate: 2025-04-01\nrelated:\n  - b\n  - {title: Extern, url: "https://e.de/"}', 'Text.\n\nMehr zum Thema – „Die Meldung C“'),
    'b.md': md('title: B\ndate: 2025-03-01'),
    'c.md': md('title: Die Meldung C\ndate: 2025-03-02'),
  });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(related(r, '2025/04/a/index.html'), [
    ['B', '/2025/03/b/'],
    ['Extern', 'https://e.de/'],
    ['Die Meldung C', '/2025/03/c/'],
  ]);
});

test('a related title that matches nothing stays text with a warning', async () => {
  const r = await run({ 'a.md': md('title: A\ndate: 2025-04-01', 'Text.\n\nMehr zum Thema – Unbekannter Titel') });
  assert.deepEqual(rules(r), [['related/unmatched-title', 'warning', 'content/a.md', 7]]);
  assert.deepEqual(related(r, '2025/04/a/index.html'), [['Unbekannter Titel', null]]);
});

test('a link to another article file becomes its URL; a link to a missing file is an error with its line', async () => {
  const ok = await run({ '2025/a.md': md('title: A\ndate: 2025-04-01', 'Siehe [B](b.md#teil).'), '2025/b.md': md('title: B\ndate: 2025-03-01\nslug: bbb') });
  assert.match(fileOf(ok, '2025/04/a/index.html'), /<a href="\/2025\/03\/bbb\/#teil">B<\/a>/);
  assert.doesNotMatch(fileOf(ok, '2025/04/a/index.html'), /__blatt_article__/);
  const broken = await run({ '2025/a.md': md('title: A\ndate: 2025-04-01', 'Siehe [B](b.md#teil).\n\nUnd [weg](fehlt.md).'), '2025/b.md': md('title: B\ndate: 2025-03-01\nslug: bbb') });
  assert.deepEqual(broken.diagnostics.map((d) => [d.rule, d.file, d.line, d.column]), [['link/missing-article', 'content/2025/a.md', 7, 5]]);
  assert.match(broken.diagnostics[0]!.message, /2025\/fehlt\.md/);
});

test('drafts and embargoed articles are left out, and included with --drafts', async () => {
  const files = { 'a.md': md('title: A\ndate: 2025-04-01'), 'draft.md': md('title: D\ndate: 2025-04-01\ndraft: true'), 'later.md': md('title: L\ndate: 2025-04-03T08:00') };
  assert.deepEqual(pages(await run(files)), ['2025/04/a/index.html']);
  const preview = await run(files, { includeDrafts: true });
  assert.deepEqual(pages(preview), ['2025/04/a/index.html', '2025/04/draft/index.html', '2025/04/later/index.html']);
  assert.match(fileOf(preview, '2025/04/later/index.html'), /draft-banner/);
  assert.doesNotMatch(fileOf(preview, '2025/04/a/index.html'), /draft-banner/);
});

test('a link to a draft is plain text with a warning; a related draft is left out with a warning', async () => {
  const r = await run({ 'a.md': md('title: A\ndate: 2025-04-01\nrelated: [d]', '[Entwurf](d.md)'), 'd.md': md('title: D\ndate: 2025-04-01\ndraft: true') });
  assert.deepEqual(r.diagnostics.map((d) => d.rule).sort(), ['link/unpublished-article', 'related/unpublished']);
  assert.match(fileOf(r, '2025/04/a/index.html'), /<p>Entwurf<\/p>/);
  assert.deepEqual(related(r, '2025/04/a/index.html'), []);
});

test('tags that slugify alike are one topic under the most used spelling; default author applies', async () => {
  const r = await run(
    {
      'a.md': md('title: A\ndate: 2025-04-01\ntags: [Außenpolitik]'),
      'b.md': md('title: B\ndate: 2025-04-01\ntags: [Aussenpolitik]'),
      'c.md': md('title: C\ndate: 2025-04-01\ntags: [Außenpolitik]\nauthor: Anna'),
    },
    { settings: 'default_author: Redaktion\n' },
  );
  assert.match(fileOf(r, 'thema/index.html'), /<a href="\/thema\/aussenpolitik\/">Außenpolitik<\/a> <span class="topics__count">\(3/);
  assert.match(fileOf(r, 'autor/anna/index.html'), /<h1 class="page-title">Anna<\/h1>/);
  assert.match(fileOf(r, 'autor/redaktion/index.html'), /<p class="list-header__count">2 Artikel<\/p>/);
});

test('"Mehr zum Thema – [Titel](datei.md)" links the file, whatever its slug; a missing file is an error', async () => {
  const r = await run({
    '2025/a.md': md('title: A\ndate: 2025-04-01', 'Text.\n\nMehr zum Thema – [Anderer Text](b.md)\nMehr zum Thema – [Weg](weg.md)'),
    '2025/b.md': md('title: B\ndate: 2025-03-01\nslug: eigener-slug'),
  });
  // Sorted by position, as every build reports them: the entry starts before its link.
  assert.deepEqual(r.diagnostics.map((d) => [d.rule, d.line]), [
    ['related/unmatched-title', 8],
    ['link/missing-article', 8],
  ]);
  const ok = await run({ '2025/a.md': md('title: A\ndate: 2025-04-01', 'Text.\n\nMehr zum Thema – [Anderer Text](b.md)'), '2025/b.md': md('title: B\ndate: 2025-03-01\nslug: eigener-slug') });
  assert.deepEqual(related(ok, '2025/04/a/index.html'), [['B', '/2025/03/eigener-slug/']]);
});
