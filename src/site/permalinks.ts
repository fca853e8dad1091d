// Every URL of the site, in one place. URLs end in "/" and are served from "<url>index.html".
import { slugify } from '../content/slug.js';
import type { ParsedArticle } from '../types.js';

const pad = (n: number) => String(n).padStart(2, '0');

export const articleUrl = (a: Pick<ParsedArticle, 'date' | 'slug'>) => `/${a.date.year}/${pad(a.date.month)}/${a.slug}/`;
export const tagUrl = (slug: string) => `/thema/${slug}/`;
export const authorUrl = (slug: string) => `/autor/${slug}/`;
export const sectionUrl = (slug: string) => `/ressort/${slug}/`;
export const monthUrl = (year: number, month: number) => `/archiv/${year}/${pad(month)}/`;
export const ARCHIVE_URL = '/archiv/';
export const TAGS_URL = '/thema/';
export const HOME_URL = '/';

/** The URL of page `n` (1-based) of a paginated list. */
export function pageUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}seite/${n}/`;
}

/** The output file of a URL: `/a/b/` → `a/b/index.html`. */
export function outputPathOf(url: string): string {
  if (url.endsWith('/')) return `${url.slice(1)}index.html`;
  return url.slice(1);
}

/** Topic, author and section names repeat in every article: their slugs are remembered. */
const termSlugs = new Map<string, string>();
export function termSlug(name: string): string {
  let slug = termSlugs.get(name);
  if (slug === undefined) {
    slug = slugify(name);
    if (termSlugs.size > 100_000) termSlugs.clear();
    termSlugs.set(name, slug);
  }
  return slug;
}

/** Absolute URL for feeds, sitemaps and canonical links. */
export function absoluteUrl(baseUrl: string, url: string): string {
  return new URL(url.replace(/^\//, ''), baseUrl).href;
}

export const FEED_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The feed URLs of a folder URL such as `/` or `/thema/russland/`. */
export function feedUrls(folder: string): { rss: string; atom: string; json: string } {
  return { rss: `${folder}${FEED_FILES.rss}`, atom: `${folder}${FEED_FILES.atom}`, json: `${folder}${FEED_FILES.json}` };
}

/** The <link rel="alternate"> entries of a feed folder. */
export function feedLinks(folder: string, title: string): { type: string; title: string; url: string }[] {
  const urls = feedUrls(folder);
  return [
    { type: 'application/rss+xml', title: `${title} (RSS)`, url: urls.rss },
    { type: 'application/atom+xml', title: `${title} (Atom)`, url: urls.atom },
    { type: 'application/feed+json', title: `${title} (JSON Feed)`, url: urls.json },
  ];
}
