// sitemap.xml, the sitemap index, the Google News sitemap and robots.txt, checked against the
// published XML schemas with xmllint.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newsArticles, sitemapFiles, type SitemapEntry } from '../../src/render/sitemaps.js';
import type { SiteModel } from '../../src/site/model.js';
import { buildSite, NOW, REPO } from '../helpers/site.js';
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

  it('sitemap.xml is valid and lists every published page with lastmod from the content', () => {
    const xml = files.get('sitemap.xml') as string;
    assert.equal(schemaErrors(xml, 'sitemap.xsd'), '');
    const urls = locs(xml);
    for (const path of ['', '2025/04/gaspreise-steigen/', 'thema/energie/', 'thema/energie/seite/2/', 'ressort/wirtschaft/', 'autor/anna-boehm/', 'archiv/2025/03/', 'archiv/', 'thema/']) {
      assert.ok(urls.includes(`${BASE}${path}`), `${path} is in the sitemap`);
    }
    assert.ok(!urls.some((u) => u?.endsWith('404.html')));
    assert.match(xml, /<loc>https:\/\/www\.tagesblatt\.example\/2025\/03\/energie-folgen\/<\/loc><lastmod>2025-03-25T16:30:00\+01:00<\/lastmod>/);
    assert.match(xml, /<loc>https:\/\/www\.tagesblatt\.example\/<\/loc><lastmod>2025-04-01T18:00:00\+02:00<\/lastmod>/);
  });

  it('above the URL limit, sitemap.xml becomes a valid index of valid parts', () => {
    const entries: SitemapEntry[] = Array.from({ length: 5 }, (_, i) => ({ url: `${BASE}seite-${i}/`, lastmod: `2025-04-0${i + 1}T12:00:00+02:00`, epochMs: i }));
    const parts = sitemapFiles(entries, BASE, 2);
    assert.deepEqual([...parts.keys()].sort(), ['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap.xml']);
    const index = parts.get('sitemap.xml') as string;
    assert.equal(schemaErrors(index, 'siteindex.xsd'), '');
    assert.deepEqual(locs(index), [`${BASE}sitemap-1.xml`, `${BASE}sitemap-2.xml`, `${BASE}sitemap-3.xml`]);
    assert.match(index, /sitemap-2\.xml<\/loc><lastmod>2025-04-04T12:00:00\+02:00<\/lastmod>/);
    for (const n of [1, 2, 3]) assert.equal(schemaErrors(parts.get(`sitemap-${n}.xml`) as string, 'sitemap.xsd'), '');
    assert.deepEqual(locs(parts.get('sitemap-3.xml') as string), [`${BASE}seite-4/`]);
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

  it('the news sitemap holds at most 1,000 articles, the newest', () => {
    // The selection alone, on a model of 1,005 fresh articles (building them would only be slow).
    const now = Date.parse('2025-04-02T10:00:00Z');
    const articles = Array.from({ length: 1005 }, (_, i) => ({ slug: `m${i}`, unpublished: false, date: { epochMs: now - (i + 1) * 60_000 } }));
    const model = { now: { epochMs: now }, articles } as unknown as SiteModel;
    const chosen = newsArticles(model);
    assert.equal(chosen.length, 1000);
    assert.equal(chosen[0]?.slug, 'm0');
    assert.equal(chosen.at(-1)?.slug, 'm999');
  });
});
