// Recipe → what to render: a template and its data, or the file's contents. Builders read the
// site only through `reads` (every fact they read is recorded as something the page depends on)
// and through the build context (settings, the site's navigation, bodies, assets: what every
// page's fingerprint covers anyway).
import type { Reads } from '../engine/reads.js';
import type { Config } from '../types.js';
import { feedFile } from '../render/feeds.js';
import { monthSitemap, newsSitemap, pagesSitemap, robotsTxt, sitemapIndex } from '../render/sitemaps.js';
import { factKey, type ArticleFact, type ListPageFact } from './facts.js';
import { articleMetadata, listMetadata } from './json-ld.js';
import { HOME_LIST, listKind, listName, listUrl } from './lists.js';
import { ARCHIVE_URL, feedLinks, HOME_URL, TAGS_URL } from './permalinks.js';
import type { Recipe } from './recipes.js';
import { articleView, pageMeta, teaserView, termView, type Crumb, type PageMeta, type SiteView } from './views.js';

export interface BuildContext {
  config: Config;
  site: SiteView;
  /** The body of a parse result, by its content key (the article fact names it). */
  body(contentKey: string): { html: string; text: string };
  asset(name: string): Uint8Array;
}

export type Built = { template: string; context: object } | { contents: () => string | Uint8Array };

const HOME: Crumb = { name: 'Startseite', url: HOME_URL };
const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export const monthName = (m: number) => MONTHS[m - 1] as string;
const LIST_KIND = { tag: 'Thema', author: 'Autor', section: 'Ressort', month: 'Archiv' } as const;

export function buildPage(recipe: Recipe, reads: Reads, ctx: BuildContext): Built {
  switch (recipe.kind) {
    case 'article':
      return articlePage(reads, ctx, recipe.relPath);
    case 'list':
      return recipe.list === HOME_LIST ? homePage(reads, ctx, recipe.number) : listPage(reads, ctx, recipe.list, recipe.number);
    case 'archive':
      return archivePage(reads, ctx);
    case 'topics':
      return topicsPage(reads, ctx);
    case '404':
      return { template: '404', context: { site: ctx.site, page: pageMeta(ctx.config, { title: `Seite nicht gefunden – ${ctx.config.title}`, url: '/404.html', noindex: true }) } };
    case 'feed':
      return { contents: feedFile(reads, ctx, recipe.list, recipe.format) };
    case 'sitemap':
      return { contents: sitemapIndex(reads, ctx.config) };
    case 'sitemap-pages':
      return { contents: pagesSitemap(reads, ctx.config) };
    case 'sitemap-month':
      return { contents: monthSitemap(reads, ctx.config, recipe.month) };
    case 'news':
      return { contents: newsSitemap(reads, ctx.config) };
    case 'robots':
      return { contents: robotsTxt(reads, ctx.config) };
    case 'asset':
      return { contents: () => ctx.asset(recipe.name) };
  }
}

function articlePage(reads: Reads, ctx: BuildContext, relPath: string): Built {
  const a = reads.fact<ArticleFact>(factKey.article(relPath)) as ArticleFact;
  const article = articleView(reads, a, ctx.body(a.contentKey).html);
  const crumbs: Crumb[] = [HOME, ...(article.section ? [{ name: article.section.name, url: article.section.url }] : []), { name: a.title, url: null }];
  const page = pageMeta(ctx.config, {
    title: a.title,
    description: a.summary ?? ctx.config.description,
    url: a.url,
    type: 'article',
    breadcrumbs: crumbs,
    noindex: a.unpublished,
    ...articleMetadata(ctx.config, article, crumbs),
  });
  return { template: 'article', context: { site: ctx.site, page, article } };
}

/** The pager of a list page: the front page links to older articles only. */
function pagerOf(lp: ListPageFact): PageMeta['pager'] {
  if (lp.newerUrl === null && lp.olderUrl === null) return null;
  return { number: lp.number, prevUrl: lp.newerUrl, nextUrl: lp.olderUrl };
}

function listPageFact(reads: Reads, list: string, n: number): ListPageFact {
  return reads.fact<ListPageFact>(factKey.listPage(list, n)) as ListPageFact;
}

function homePage(reads: Reads, ctx: BuildContext, n: number): Built {
  const { config } = ctx;
  const lp = listPageFact(reads, HOME_LIST, n);
  const page = pageMeta(config, {
    ...listMetadata(config, n === 0 ? [] : [HOME, { name: `Seite ${n}`, url: null }], lp.url),
    title: n === 0 ? config.title : `${config.title} – Seite ${n}`,
    url: lp.url,
    breadcrumbs: n === 0 ? [] : [HOME, { name: `Seite ${n}`, url: null }],
    pager: pagerOf(lp),
  });
  return { template: 'home', context: { site: ctx.site, page, teasers: lp.items.map((r) => teaserView(reads, r)) } };
}

function listPage(reads: Reads, ctx: BuildContext, list: string, n: number): Built {
  const { config } = ctx;
  const lp = listPageFact(reads, list, n);
  const kind = listKind(list) as keyof typeof LIST_KIND;
  let name: string;
  let crumbs: Crumb[];
  if (kind === 'month') {
    const ym = listName(list);
    name = `${monthName(Number(ym.slice(5, 7)))} ${ym.slice(0, 4)}`;
    crumbs = [HOME, { name: 'Archiv', url: ARCHIVE_URL }];
  } else {
    name = termView(reads, kind, listName(list)).name;
    crumbs = [HOME, ...(kind === 'tag' ? [{ name: 'Themen', url: TAGS_URL }] : [])];
  }
  const label = LIST_KIND[kind];
  const breadcrumbs = [...crumbs, { name, url: null }];
  const page = pageMeta(config, {
    ...listMetadata(config, breadcrumbs, lp.url),
    ...(kind === 'tag' ? { feeds: [...feedLinks(listUrl(list), name), ...feedLinks('/', config.title)] } : {}),
    title: `${name}${n > 0 ? ` – Seite ${n}` : ''} – ${config.title}`,
    description: `${label}: ${name} – alle Artikel bei ${config.title}`,
    url: lp.url,
    breadcrumbs,
    pager: pagerOf(lp),
  });
  return { template: 'list', context: { site: ctx.site, page, kind: label, heading: name, count: lp.count, teasers: lp.items.map((r) => teaserView(reads, r)) } };
}

function archivePage(reads: Reads, ctx: BuildContext): Built {
  const { config } = ctx;
  const stored = reads.fact<{ year: number; months: { month: number; url: string; count: number }[] }[]>(factKey.archive) ?? [];
  const years = stored.map((y) => ({ year: y.year, months: y.months.map((m) => ({ name: monthName(m.month), url: m.url, count: m.count })) }));
  const breadcrumbs = [HOME, { name: 'Archiv', url: null }];
  const page = pageMeta(config, { ...listMetadata(config, breadcrumbs, ARCHIVE_URL), title: `Archiv – ${config.title}`, url: ARCHIVE_URL, breadcrumbs });
  return { template: 'archive', context: { site: ctx.site, page, heading: 'Archiv', years } };
}

function topicsPage(reads: Reads, ctx: BuildContext): Built {
  const { config } = ctx;
  const topics = reads.fact<{ name: string; url: string; count: number }[]>(factKey.topics) ?? [];
  const breadcrumbs = [HOME, { name: 'Themen', url: null }];
  const page = pageMeta(config, { ...listMetadata(config, breadcrumbs, TAGS_URL), title: `Themen – ${config.title}`, url: TAGS_URL, breadcrumbs });
  return { template: 'topics', context: { site: ctx.site, page, heading: 'Themen', topics } };
}
