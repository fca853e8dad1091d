// sitemap.xml (a sitemap index with numbered parts above 50,000 URLs), the Google News sitemap
// (articles of the last two days before the build time, at most 1,000) and robots.txt.
// Every lastmod comes from the articles; only the choice of "news" depends on the build time.
import type { Article, SiteModel } from '../site/model.js';
import { NEWS_MAX_AGE_MS } from '../site/time-window.js';
import { absoluteUrls } from '../site/absolute-urls.js';
import { ARCHIVE_URL, HOME_URL, pageUrl, TAGS_URL } from '../site/permalinks.js';
import type { PageSpec } from '../site/page-spec.js';
import { placeInput } from '../site/fingerprint.js';
import type { ZonedDate } from '../types.js';

export const SITEMAP = 'sitemap.xml';
export const NEWS_SITEMAP = 'sitemap-news.xml';
export const MAX_SITEMAP_URLS = 50_000;
export const NEWS_MAX_URLS = 1_000;

export interface SitemapEntry {
  url: string;
  /** ISO 8601 with offset. */
  lastmod: string | null;
  epochMs: number;
}

const modified = (a: Article) => a.updated ?? a.date;

export function sitemapSpecs(model: SiteModel, maxUrls = MAX_SITEMAP_URLS): PageSpec[] {
  const inputs = ['settings', ...model.articles.map((a) => placeInput(a.relPath))];
  const entries = () => sitemapEntries(model);
  const news = newsArticles(model);
  const specs: PageSpec[] = [];
  const files = () => sitemapFiles(entries(), model.config.baseUrl, maxUrls);
  let cached: Map<string, string> | null = null;
  const file = (path: string) => () => ((cached ??= files()).get(path) as string);
  const count = sitemapPartCount(model, maxUrls);
  const paths = count === 1 ? [SITEMAP] : [SITEMAP, ...Array.from({ length: count }, (_, i) => partName(i + 1))];
  for (const path of paths) specs.push({ kind: 'file', path, inputs, key: `${count}`, contents: file(path) });
  if (news.length > 0) specs.push({ kind: 'file', path: NEWS_SITEMAP, inputs: ['settings', ...news.map((a) => placeInput(a.relPath))], contents: () => newsSitemap(model, news) });
  const sitemaps = [SITEMAP, ...(news.length > 0 ? [NEWS_SITEMAP] : [])].map((p) => `Sitemap: ${absoluteUrls(model.config.baseUrl)(p)}`);
  specs.push({ kind: 'file', path: 'robots.txt', inputs: ['settings'], key: sitemaps.join(' '), contents: () => `User-agent: *\nAllow: /\n\n${sitemaps.join('\n')}\n` });
  return specs;
}

const partName = (n: number) => `sitemap-${n}.xml`;

/**
 * Every indexable page of the site with the date of its newest content. Runs whenever any
 * article changes (the sitemap lists them all), so each list is filtered once and its pages are
 * ranges of it, not copies.
 */
export function sitemapEntries(model: SiteModel): SitemapEntry[] {
  const abs = absoluteUrls(model.config.baseUrl);
  const { perPage } = model.config;
  const entries: SitemapEntry[] = [];
  const add = (url: string, articles: readonly Article[], from = 0, to = articles.length) => entries.push(entryFor(abs(url), articles, from, to));
  const listEntries = (url: string, articles: readonly Article[]) => {
    const pages = Math.max(1, Math.ceil(articles.length / perPage));
    for (let n = 1; n <= pages; n++) add(pageUrl(url, n), articles, (n - 1) * perPage, Math.min(n * perPage, articles.length));
  };
  const allPublished = published(model.articles);
  listEntries(HOME_URL, allPublished);
  for (const a of allPublished) add(a.url, [a]);
  for (const groups of [model.tags, model.sections, model.authors]) {
    for (const g of groups) {
      const list = published(g.articles);
      if (list.length > 0) listEntries(g.term.url, list);
    }
  }
  for (const m of model.months) {
    const list = published(m.articles);
    if (list.length > 0) listEntries(m.url, list);
  }
  add(ARCHIVE_URL, allPublished);
  add(TAGS_URL, allPublished);
  return entries;
}

const published = (list: readonly Article[]) => (list.some((a) => a.unpublished) ? list.filter((a) => !a.unpublished) : list);

function sitemapPartCount(model: SiteModel, maxUrls: number): number {
  // Cheap upper bound first: small sites never need the index.
  const pages = (n: number) => Math.max(1, Math.ceil(n / model.config.perPage));
  let bound = pages(model.articles.length) + model.articles.length + 2;
  for (const groups of [model.tags, model.sections, model.authors, model.months]) for (const g of groups) bound += pages(g.articles.length);
  if (bound <= maxUrls) return 1;
  return Math.ceil(sitemapEntries(model).length / maxUrls);
}

/** The entry of a page that lists `articles[from..to)`, dated by the newest of them. */
function entryFor(url: string, articles: readonly Article[], from: number, to: number): SitemapEntry {
  let newest: ZonedDate | null = null;
  for (let i = from; i < to; i++) {
    const date = modified(articles[i] as Article);
    if (!newest || date.epochMs > newest.epochMs) newest = date;
  }
  return { url, lastmod: newest ? newest.iso : null, epochMs: newest ? newest.epochMs : 0 };
}

/** sitemap.xml alone, or the index and its parts: path → XML. */
export function sitemapFiles(entries: readonly SitemapEntry[], baseUrl: string, maxUrls = MAX_SITEMAP_URLS): Map<string, string> {
  const urlset = (list: readonly SitemapEntry[]) =>
    `${XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list.map((e) => `<url><loc>${xml(e.url)}</loc>${lastmod(e.lastmod)}</url>\n`).join('')}</urlset>\n`;
  if (entries.length <= maxUrls) return new Map([[SITEMAP, urlset(entries)]]);
  const files = new Map<string, string>();
  const index: SitemapEntry[] = [];
  for (let i = 0; i * maxUrls < entries.length; i++) {
    const part = entries.slice(i * maxUrls, (i + 1) * maxUrls);
    const newest = part.reduce<SitemapEntry | null>((n, e) => (e.lastmod && (!n || e.epochMs > n.epochMs) ? e : n), null);
    files.set(partName(i + 1), urlset(part));
    index.push({ url: absoluteUrls(baseUrl)(partName(i + 1)), lastmod: newest?.lastmod ?? null, epochMs: 0 });
  }
  files.set(SITEMAP, `${XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.map((e) => `<sitemap><loc>${xml(e.url)}</loc>${lastmod(e.lastmod)}</sitemap>\n`).join('')}</sitemapindex>\n`);
  return files;
}

/** Published articles of the two days up to the build time, newest first, at most 1,000. */
export function newsArticles(model: SiteModel): Article[] {
  const from = model.now.epochMs - NEWS_MAX_AGE_MS;
  return model.articles.filter((a) => !a.unpublished && a.date.epochMs >= from && a.date.epochMs <= model.now.epochMs).slice(0, NEWS_MAX_URLS);
}

export function newsSitemap(model: SiteModel, articles: readonly Article[]): string {
  const { config } = model;
  const publication = `<news:publication><news:name>${xml(config.publisher.name)}</news:name><news:language>${xml(config.language)}</news:language></news:publication>`;
  const abs = absoluteUrls(config.baseUrl);
  const urls = articles.map(
    (a) =>
      `<url><loc>${xml(abs(a.url))}</loc><news:news>${publication}<news:publication_date>${a.date.iso}</news:publication_date><news:title>${xml(a.title)}</news:title></news:news></url>\n`,
  );
  return `${XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('')}</urlset>\n`;
}

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
