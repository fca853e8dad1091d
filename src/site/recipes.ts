// Every output file of a site as a recipe: what it is, where it goes. The site index says which
// recipes a site has (site-index.ts); page builders (site/page-builders.ts) make their contents.
import type { ListId } from './facts.js';
import { listUrl } from './lists.js';
import { outputPathOf, feedUrls } from './permalinks.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export type Recipe =
  | { kind: 'article'; path: string; relPath: string }
  | { kind: 'list'; path: string; list: ListId; number: number }
  | { kind: 'feed'; path: string; list: ListId; format: FeedFormat }
  | { kind: 'archive' | 'topics' | '404' | 'sitemap' | 'sitemap-pages' | 'news' | 'robots'; path: string }
  | { kind: 'sitemap-month'; path: string; month: string }
  | { kind: 'asset'; path: string; name: string };

export const articleRecipe = (relPath: string, url: string): Recipe => ({ kind: 'article', path: outputPathOf(url), relPath });

export function listRecipe(list: ListId, number: number): Recipe {
  const base = listUrl(list);
  return { kind: 'list', path: outputPathOf(number === 0 ? base : `${base}seite/${number}/`), list, number };
}

export function feedRecipes(list: ListId): Recipe[] {
  const urls = feedUrls(listUrl(list));
  return (['rss', 'atom', 'json'] as const).map((format) => ({ kind: 'feed', path: urls[format].slice(1), list, format }));
}

export const SITEMAP = 'sitemap.xml';
export const PAGES_SITEMAP = 'sitemap-seiten.xml';
export const NEWS_SITEMAP = 'sitemap-news.xml';
export const monthSitemapPath = (month: string) => `sitemap-${month}.xml`;
export const monthSitemapRecipe = (month: string): Recipe => ({ kind: 'sitemap-month', path: monthSitemapPath(month), month });

/** The files every site has, whatever its articles. */
export const FIXED_RECIPES: readonly Recipe[] = [
  { kind: 'archive', path: 'archiv/index.html' },
  { kind: 'topics', path: 'thema/index.html' },
  { kind: '404', path: '404.html' },
  { kind: 'sitemap', path: SITEMAP },
  { kind: 'sitemap-pages', path: PAGES_SITEMAP },
  { kind: 'robots', path: 'robots.txt' },
];
