import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { zonedDate } from '../../src/content/dates.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { parseArticle } from '../../src/content/parse-article.js';
import { collect } from '../../src/site/collect.js';
import { plan, planAssets } from '../../src/site/plan.js';

const render = createMarkdownRenderer();
const NOW = zonedDate(Date.parse('2025-04-02T10:00:00Z'), 'Europe/Berlin');
const article = (relPath: string, front: string) => {
  const r = parseArticle({ path: `content/${relPath}`, relPath, text: `---\n${front}\n---\nText.\n` }, 'Europe/Berlin', render);
  assert.ok(r.article);
  return r.article;
};

test('assets get a content hash in their name', () => {
  const a = planAssets([{ path: 'templates/assets/style.css', relPath: 'assets/style.css', bytes: new TextEncoder().encode('body{}') }]);
  const url = a.urls.get('style.css')!;
  assert.match(url, /^\/assets\/style\.[0-9a-f]{10}\.css$/);
  assert.equal(a.specs[0]!.path, url.slice(1));
  const b = planAssets([{ path: 'x', relPath: 'assets/style.css', bytes: new TextEncoder().encode('body{color:red}') }]);
  assert.notEqual(b.urls.get('style.css'), url);
});

test('every page of the site is planned once: articles, home, lists, archive, topics, 404', () => {
  const { model } = collect(
    [article('a.md', 'title: A\ndate: 2025-04-01\ntags: [Russland]\nsection: Ausland\nauthor: Anna'), article('b.md', 'title: B\ndate: 2025-03-01')],
    { ...DEFAULT_CONFIG, perPage: 1 },
    { includeDrafts: false, now: NOW },
  );
  const { specs, diagnostics } = plan(model, planAssets([]));
  assert.deepEqual(diagnostics, []);
  const paths = specs.map((s) => s.path);
  for (const p of [
    '2025/04/a/index.html',
    '2025/03/b/index.html',
    'index.html',
    'seite/2/index.html',
    'thema/russland/index.html',
    'ressort/ausland/index.html',
    'autor/anna/index.html',
    'archiv/index.html',
    'archiv/2025/04/index.html',
    'archiv/2025/03/index.html',
    'thema/index.html',
    '404.html',
  ]) {
    assert.ok(paths.includes(p), `missing ${p} in ${paths.join(', ')}`);
  }
  assert.equal(new Set(paths).size, paths.length, 'no path twice');
});

test('an article whose URL collides with a list page is an error naming the article', () => {
  // An article with slug "seite" in month 2025/04 cannot collide, but one dated so its URL is a list URL can:
  const { model } = collect([article('a.md', 'title: A\ndate: 2025-04-01')], DEFAULT_CONFIG, { includeDrafts: false, now: NOW });
  const dup = { ...model.articles[0]!, slug: 'a', url: '/archiv/' };
  const { diagnostics } = plan({ ...model, articles: [dup] }, planAssets([]));
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.rule, 'output/collision');
  assert.match(diagnostics[0]!.message, /archiv\/index\.html/);
  assert.equal(diagnostics[0]!.file, 'content/a.md');
});
