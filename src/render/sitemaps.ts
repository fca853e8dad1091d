// Sitemaps: `sitemap.xml` is an index of one sitemap of the list pages (home, topics, authors,
// sections, months, with their numbered pages) and one per month of articles, so a new article
// changes its month's sitemap and the index, not a list of every URL; no part comes near the
// 50,000 URLs a sitemap may hold. Also the Google News sitemap (the articles of the two days up
// to the build time, at most 1,000) and robots.txt. Every lastmod comes from the articles.
import type { Reads } from '../engine/reads.js';
import type { Config } from '../types.js';
import { absoluteUrls } from '../site/absolute-urls.js';
import { factKey, type ListPageFact, type ListsFact, type MonthSitemapFact, type PlaceFact } from '../site/facts.js';
import { listKind, listName, pagesOf } from '../site/lists.js';
import { ARCHIVE_URL, TAGS_URL } from '../site/permalinks.js';
import { monthSitemapPath, NEWS_SITEMAP, PAGES_SITEMAP, SITEMAP } from '../site/recipes.js';

interface Entry {
  url: string;
  lastmod: string | null;
}

export function sitemapIndex(reads: Reads, config: Config): () => string {
  const abs = absoluteUrls(config.baseUrl);
  const lists = reads.fact<ListsFact>(factKey.lists) as ListsFact;
  const parts: Entry[] = [{ url: abs(PAGES_SITEMAP), lastmod: lists.lastmod }];
  for (const list of Object.keys(lists.counts).filter((l) => listKind(l) === 'month').sort()) {
    const month = listName(list);
    parts.push({ url: abs(monthSitemapPath(month)), lastmod: (reads.fact<MonthSitemapFact>(factKey.monthSitemap(month)) as MonthSitemapFact).lastmod });
  }
  return () => `${XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts.map((e) => `<sitemap><loc>${xml(e.url)}</loc>${lastmod(e.lastmod)}</sitemap>\n`).join('')}</sitemapindex>\n`;
}

/** Every page of every list, the archive and the topic index. */
export function pagesSitemap(reads: Reads, config: Config): () => string {
  const abs = absoluteUrls(config.baseUrl);
  const lists = reads.fact<ListsFact>(factKey.lists) as ListsFact;
  const entries: Entry[] = [];
  const order = (l: string) => ['home', 'tag', 'section', 'author', 'month'].indexOf(listKind(l));
  const ids = Object.keys(lists.counts).sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const list of ids) {
    for (const n of pagesOf(list, lists.counts[list] as number, config.perPage)) {
      const lp = reads.fact<ListPageFact>(factKey.listPage(list, n)) as ListPageFact;
      entries.push({ url: abs(lp.url), lastmod: lp.lastmod });
    }
  }
  entries.push({ url: abs(ARCHIVE_URL), lastmod: lists.lastmod }, { url: abs(TAGS_URL), lastmod: lists.lastmod });
  return () => urlset(entries);
}

/** The published articles of one month. */
export function monthSitemap(reads: Reads, config: Config, month: string): () => string {
  const abs = absoluteUrls(config.baseUrl);
  const fact = reads.fact<MonthSitemapFact>(factKey.monthSitemap(month)) as MonthSitemapFact;
  const entries = fact.items.map((relPath) => {
    const place = reads.fact<PlaceFact>(factKey.place(relPath)) as PlaceFact;
    return { url: abs(place.url), lastmod: (place.updated ?? place.date).iso };
  });
  return () => urlset(entries);
}

export function newsSitemap(reads: Reads, config: Config): () => string {
  const abs = absoluteUrls(config.baseUrl);
  const publication = `<news:publication><news:name>${xml(config.publisher.name)}</news:name><news:language>${xml(config.language)}</news:language></news:publication>`;
  const places = (reads.fact<string[]>(factKey.news) ?? []).map((relPath) => reads.fact<PlaceFact>(factKey.place(relPath)) as PlaceFact);
  return () => {
    const urls = places.map(
      (a) => `<url><loc>${xml(abs(a.url))}</loc><news:news>${publication}<news:publication_date>${a.date.iso}</news:publication_date><news:title>${xml(a.title)}</news:title></news:news></url>\n`,
    );
    return `${XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('')}</urlset>\n`;
  };
}

export function robotsTxt(reads: Reads, config: Config): () => string {
  const abs = absoluteUrls(config.baseUrl);
  const news = (reads.fact<string[]>(factKey.news) ?? []).length > 0;
  const sitemaps = [SITEMAP, ...(news ? [NEWS_SITEMAP] : [])].map((p) => `Sitemap: ${abs(p)}`);
  return () => `User-agent: *\nAllow: /\n\n${sitemaps.join('\n')}\n`;
}

const urlset = (entries: readonly Entry[]) =>
  `${XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.map((e) => `<url><loc>${xml(e.url)}</loc>${lastmod(e.lastmod)}</url>\n`).join('')}</urlset>\n`;

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const lastmod = (iso: string | null) => (iso ? `<lastmod>${iso}</lastmod>` : '');

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"']/g;
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"']/;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xml(text: string): string {
  // Nearly every text is a plain URL: one test instead of two replacing passes.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '').replace(XML_SPECIAL, (c) => XML_ENTITIES[c] as string);
}
