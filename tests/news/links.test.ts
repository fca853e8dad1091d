// Every internal link of a built site resolves to one of its files, on the news fixture and on
// a 1,000-article generated corpus that builds with every page type and no diagnostics.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildSite, CORPUS_GENERATOR, tempSite } from '../helpers/site.js';
import { newsSite, textFiles } from './news-site.js';

/** Internal links (href/src starting with one "/") that match no output file. */
function brokenLinks(files: Map<string, string>): string[] {
  const broken = new Set<string>();
  for (const [path, text] of files) {
    if (!path.endsWith('.html')) continue;
    for (const m of text.matchAll(/\s(?:href|src)="(\/(?!\/)[^"#?]*)[^"]*"/g)) {
      const url = decodeURI(m[1] as string);
      const target = url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1);
      if (!files.has(target)) broken.add(`${path} → ${url}`);
    }
  }
  return [...broken].sort();
}

describe('internal links', () => {
  it('resolve on the news fixture, drafts preview included', async () => {
    const site = newsSite();
    try {
      for (const includeDrafts of [false, true]) {
        const files = textFiles(await buildSite(site, { includeDrafts }));
        assert.ok(files.size > 40);
        assert.deepEqual(brokenLinks(files), []);
      }
    } finally {
      site.remove();
    }
  });

  it('the checker finds a broken link', () => {
    assert.deepEqual(brokenLinks(new Map([['index.html', '<a href="/fehlt/">x</a> <img src="/da.png"> <a href="//extern.example/">y</a>'], ['da.png', '']])), ['index.html → /fehlt/']);
  });
});

describe('a generated corpus of 1,000 articles', () => {
  const generator = CORPUS_GENERATOR;
  const site = tempSite({ 'site.yml': 'title: "Korpus"\nbase_url: "https://korpus.example/"\nper_page: 20\n' });
  after(() => site.remove());

  it('builds every page type without a diagnostic, and every internal link resolves', async () => {
    assert.ok(existsSync(generator), `${generator} is missing`);
    const gen = spawnSync(process.execPath, [generator, join(site.content, 'artikel'), '1000'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    const result = await buildSite(site, { now: Date.parse('2025-01-01T12:00:00Z') });
    assert.deepEqual(result.diagnostics, []);
    const files = textFiles(result);
    assert.equal(result.stats.articles, 1000);
    const count = (re: RegExp) => [...files.keys()].filter((p) => re.test(p)).length;
    assert.equal(count(/^\d{4}\/\d{2}\/[^/]+\/index\.html$/), 1000, 'article pages');
    assert.ok(count(/^seite\/\d+\/index\.html$/) >= 49, 'home pages 2…50');
    assert.ok(count(/^thema\/[^/]+\/index\.html$/) > 50, 'topic pages');
    assert.ok(count(/^thema\/[^/]+\/seite\/\d+\/index\.html$/) > 0, 'paginated topic pages');
    assert.ok(count(/^autor\/[^/]+\/index\.html$/) >= 10, 'author pages');
    assert.ok(count(/^archiv\/\d{4}\/\d{2}\/index\.html$/) >= 30, 'month archives');
    for (const path of ['index.html', 'archiv/index.html', 'thema/index.html', '404.html', 'feed.xml', 'atom.xml', 'feed.json', 'thema/russland/feed.xml', 'sitemap.xml', 'robots.txt']) {
      assert.ok(files.has(path), `${path} is built`);
    }
    assert.deepEqual(brokenLinks(files), []);
    const withAutomatic = [...files.entries()].filter(([p, t]) => /^\d{4}\//.test(p) && t.includes('aria-labelledby="mehr-zum-thema"')).length;
    assert.equal(withAutomatic, 1000, 'every article has "Mehr zum Thema"');
  });
});
