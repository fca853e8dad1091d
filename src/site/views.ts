// What templates see: plain data of a fixed shape (every key present, null when empty), made from
// facts read through `Reads`, so every fact a page shows is recorded as one it depends on.
import type { Reads } from '../engine/reads.js';
import { LINK_PLACEHOLDER_PREFIX } from '../content/remark/article-links.js';
import type { ArticleImage, Config, ZonedDate } from '../types.js';
import { absoluteUrls } from './absolute-urls.js';
import { factKey, type ArticleFact, type EditorLink, type PlaceFact, type TeaserFact, type TermFact, type TermKind } from './facts.js';
import { feedLinks } from './permalinks.js';

export interface Crumb {
  name: string;
  url: string | null;
}

export interface LinkView {
  name: string;
  url: string;
}

/** What every page shows of the site; part of every page's fingerprint (engine/global.ts). */
export interface SiteView {
  title: string;
  description: string;
  baseUrl: string;
  language: string;
  locale: string;
  publisher: string;
  stylesheet: string | null;
  sections: LinkView[];
}

export function siteView(config: Config, assets: ReadonlyMap<string, string>, sections: readonly LinkView[]): SiteView {
  return {
    title: config.title,
    description: config.description,
    baseUrl: config.baseUrl,
    language: config.language,
    locale: config.locale,
    publisher: config.publisher.name,
    stylesheet: assets.get('style.css') ?? null,
    sections: [...sections],
  };
}

export interface PageMeta {
  title: string;
  description: string;
  url: string;
  canonical: string;
  type: 'article' | 'website';
  breadcrumbs: Crumb[];
  pager: { number: number; prevUrl: string | null; nextUrl: string | null } | null;
  noindex: boolean;
  jsonLd: object[];
  openGraph: { property: string; content: string }[];
  /** Feeds announced with <link rel="alternate">: the site's, and a topic's own on its pages. */
  feeds: { type: string; title: string; url: string }[];
  /** `summary_large_image` when the page has an image, else `summary`. */
  twitterCard: 'summary' | 'summary_large_image';
}

export function pageMeta(config: Config, fields: Partial<PageMeta> & { title: string; url: string }): PageMeta {
  return {
    description: config.description,
    canonical: absoluteUrls(config.baseUrl)(fields.url),
    type: 'website',
    breadcrumbs: [],
    pager: null,
    noindex: false,
    jsonLd: [],
    openGraph: [],
    feeds: feedLinks('/', config.title),
    twitterCard: 'summary',
    ...fields,
  };
}

export interface TeaserView {
  title: string;
  url: string;
  summary: string | null;
  date: ZonedDate;
  authors: LinkView[];
  section: LinkView | null;
  /** The article's picture, shown small next to the teaser. */
  image: ArticleImage | null;
  draft: boolean;
}

/** A topic, author or section by its slug, as pages show it. */
export function termView(reads: Reads, kind: TermKind, slug: string): LinkView {
  const term = reads.fact<TermFact>(factKey.term(kind, slug));
  return { name: term?.name ?? slug, url: term?.url ?? '' };
}

export function teaserView(reads: Reads, relPath: string): TeaserView {
  const t = reads.fact<TeaserFact>(factKey.teaser(relPath)) as TeaserFact;
  return {
    title: t.title,
    url: t.url,
    summary: t.summary,
    date: t.date,
    authors: t.authors.map((slug) => termView(reads, 'author', slug)),
    section: t.section ? termView(reads, 'section', t.section) : null,
    image: t.image,
    draft: t.unpublished,
  };
}

export interface BodyBlock {
  html: string | null;
  quote: { html: string; name: string; role: string | null } | null;
}

export interface RelatedView {
  title: string;
  url: string | null;
  external: boolean;
}

/** "Mehr zum Thema": the editor's entries, then the automatic ones. */
export function relatedViews(reads: Reads, relPath: string): RelatedView[] {
  const views: RelatedView[] = [];
  const toArticle = (target: string) => {
    const place = reads.fact<PlaceFact | null>(factKey.place(target));
    if (place) views.push({ title: place.title, url: place.url, external: false });
  };
  for (const link of reads.fact<EditorLink[]>(factKey.editor(relPath)) ?? []) {
    if ('article' in link) toArticle(link.article);
    else views.push({ title: link.title, url: link.url, external: link.url !== null });
  }
  for (const target of reads.fact<string[]>(factKey.auto(relPath)) ?? []) toArticle(target);
  return views;
}

export function articleView(reads: Reads, a: ArticleFact, html: string) {
  const body = resolveLinks(html, a.links.length > 0, (target) => reads.fact<PlaceFact | null>(factKey.place(target))?.url ?? null);
  return {
    title: a.title,
    url: a.url,
    summary: a.summary,
    date: a.date,
    updated: a.updated,
    authors: a.authors.map((slug) => termView(reads, 'author', slug)),
    tags: a.tags.map((slug) => termView(reads, 'tag', slug)),
    section: a.section ? termView(reads, 'section', a.section) : null,
    image: a.image,
    body: bodyBlocks(body),
    html: body,
    wordCount: a.wordCount,
    related: relatedViews(reads, a.relPath),
    draft: a.unpublished,
  };
}

export type ArticleView = ReturnType<typeof articleView>;

const PLACEHOLDER_LINK = new RegExp(`<a href="${LINK_PLACEHOLDER_PREFIX}([^"#]*)(#[^"]*)?"([^>]*)>([\\s\\S]*?)</a>`, 'g');

/** The body with its link placeholders (article-links.ts) turned into links to published articles, or into plain text. */
export function resolveLinks(html: string, hasLinks: boolean, urlOf: (relPath: string) => string | null): string {
  if (!hasLinks) return html;
  return html.replace(PLACEHOLDER_LINK, (_all, encoded: string, fragment: string | undefined, attributes: string, inner: string) => {
    const url = urlOf(decodeURIComponent(encoded));
    return url ? `<a href="${url}${fragment ?? ''}"${attributes}>${inner}</a>` : inner;
  });
}

/** Most articles quote no one: a plain search rules that out before the regular expression runs. */
const QUOTE_START = '<figure class="quote"><blockquote>';
const QUOTE_FIGURE = /<figure class="quote"><blockquote>([\s\S]*?)<\/blockquote><figcaption><cite>([\s\S]*?)<\/cite>(?:, ([\s\S]*?))?<\/figcaption><\/figure>/g;

/** Splits the body HTML at quote figures, so templates render quotes through their own partial. */
export function bodyBlocks(html: string): BodyBlock[] {
  if (!html.includes(QUOTE_START)) {
    const body = html.trim();
    return body ? [{ html: body, quote: null }] : [];
  }
  const blocks: BodyBlock[] = [];
  let last = 0;
  for (const m of html.matchAll(QUOTE_FIGURE)) {
    const before = html.slice(last, m.index).trim();
    if (before) blocks.push({ html: before, quote: null });
    blocks.push({ html: null, quote: { html: (m[1] as string).trim(), name: decodeText(m[2] as string), role: m[3] === undefined ? null : decodeText(m[3]) } });
    last = (m.index ?? 0) + m[0].length;
  }
  const rest = html.slice(last).trim();
  if (rest) blocks.push({ html: rest, quote: null });
  return blocks;
}

/** Text from our own serializer back to plain text (it writes only numeric and the basic named references). */
function decodeText(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(amp|lt|gt|quot|nbsp);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' })[name] as string);
}
