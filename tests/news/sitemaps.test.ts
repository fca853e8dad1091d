// sitemap.xml, the sitemap index, the Google News sitemap and robots.txt, checked against the
// published XML schemas with xmllint.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { article, buildSite, NOW, REPO, tempSite } from '../helpers/site.js';
import { BASE, newsSite, textFiles } from './news-site.js';

const SCHEMAS = join(REPO, 'tests/fixtures/schemas');
const scratch = mkdtempSync(join(tmpdir(), 'blatt-sitemaps-'));

/** Runs xmllint with a schema over the text; returns its complaints ('' when valid). */
function schemaErrors(xml: string, schema: string): string {
  const file = join(scratch, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, schema), file], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stderr}${run.error?.message ?? ''}`;
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

describe('sitemaps', () => {
  let files: Map<string, string>;
  const site = newsSite();
  before(async () => {
    files = textFiles(await buildSite(site));
  });
  after(() => {
    site.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('sitemap.xml is a valid index of valid parts: the list pages, and one part per month of articles', () => {
    const index = files.get('sitemap.xml') as string;
    assert.equal(schemaErrors(index, 'siteindex.xsd'), '');
    const parts = locs(index);
    assert.deepEqual(parts, [`${BASE}sitemap-seiten.xml`, `${BASE}sitemap-2024-12.xml`, `${BASE}sitemap-2025-03.xml`, `${BASE}sitemap-2025-04.xml`]);
    assert.match(index, /sitemap-2025-03\.xml<\/loc><lastmod>2025-03-25T16:30:00\+01:00<\/lastmod>/);
    const urls: string[] = [];
    for (const part of parts) {
      const xml = files.get((part as string).slice(BASE.length)) as string;
      assert.equal(schemaErrors(xml, 'sitemap.xsd'), '', part);
      urls.push(...(locs(xml) as string[]));
    }
    for (const path of ['', '2025/04/gaspreise-steigen/', 'thema/energie/', 'thema/energie/seite/1/', 'ressort/wirtschaft/', 'autor/anna-boehm/', 'archiv/2025/03/', 'archiv/', 'thema/']) {
      assert.ok(urls.includes(`${BASE}${path}`), `${path} is in a sitemap`);
    }
    assert.equal(new Set(urls).size, urls.length, 'no URL twice');
    assert.ok(!urls.some((u) => u.endsWith('404.html')));
    assert.match(files.get('sitemap-2025-03.xml') as string, /<loc>https:\/\/www\.tagesblatt\.example\/2025\/03\/energie-folgen\/<\/loc><lastmod>2025-03-25T16:30:00\+01:00<\/lastmod>/);
    assert.match(files.get('sitemap-seiten.xml') as string, /<loc>https:\/\/www\.tagesblatt\.example\/<\/loc><lastmod>2025-04-01T18:00:00\+02:00<\/lastmod>/);
  });

  it('the schemas are strict: a broken sitemap fails', () => {
    assert.notEqual(schemaErrors('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>gestern</lastmod></url></urlset>', 'sitemap.xsd'), '');
    const news = (files.get('sitemap-news.xml') as string).replace('<news:language>de</news:language>', '<news:language>Deutsch</news:language>');
    assert.notEqual(schemaErrors(news, 'news-sitemap-check.xsd'), '');
  });

  it('the Google News sitemap: valid, only the last two days before the build time, with publication, language, date and title', () => {
    const xml = files.get('sitemap-news.xml') as string;
    assert.equal(schemaErrors(xml, 'news-sitemap-check.xsd'), '');
    // Build time 2 April 2025, 12:00 Berlin: 1 April is in, 20 March and the embargoed 3 April are not.
    assert.deepEqual(locs(xml), [`${BASE}2025/04/kultur-abend/`, `${BASE}2025/04/gaspreise-steigen/`]);
    assert.match(xml, /<news:publication><news:name>Tagesblatt<\/news:name><news:language>de<\/news:language><\/news:publication>/);
    assert.match(xml, /<news:publication_date>2025-04-01T09:00:00\+02:00<\/news:publication_date><news:title>Gaspreise steigen erneut<\/news:title>/);
    assert.match(xml, /<news:title>Ein Abend &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; im Theater<\/news:title>/);
  });

  it('robots.txt names both sitemaps; without recent news only sitemap.xml', async () => {
    assert.equal(files.get('robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${BASE}sitemap.xml\nSitemap: ${BASE}sitemap-news.xml\n`);
    const later = textFiles(await buildSite(site, { now: NOW + 10 * 24 * 3600 * 1000 }));
    assert.equal(later.get('sitemap-news.xml'), undefined);
    assert.equal(later.get('robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${BASE}sitemap.xml\n`);
  });

  it('the news sitemap holds at most 1,000 articles, the newest', async () => {
    const many = tempSite(Object.fromEntries(Array.from({ length: 1005 }, (_, i) => [`m${i}.md`, article({ title: `M ${i}`, date: new Date(NOW - (i + 1) * 60_000).toISOString() }, '.')])));
    try {
      const xml = textFiles(await buildSite(many)).get('sitemap-news.xml') as string;
      const urls = locs(xml);
      assert.equal(urls.length, 1000);
      assert.match(urls[0] as string, /\/m0\/$/);
      assert.match(urls.at(-1) as string, /\/m999\/$/);
    } finally {
      many.remove();
    }
  });
});
