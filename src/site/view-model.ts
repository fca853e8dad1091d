// What templates see: plain data of a fixed shape (every key present, null when empty), never
// the site model's internals. Dates stay {iso, epochMs} for the date helpers.
import type { ArticleImage, ZonedDate } from '../types.js';
import type { Article, RelatedLink, SiteModel, Term } from './model.js';
import type { Pager } from './paginate.js';
import { absoluteUrls } from './absolute-urls.js';
import { feedLinks } from './permalinks.js';

export interface Crumb {
  name: string;
  url: string | null;
}

export interface LinkView {
  name: string;
  url: string;
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

export interface BodyBlock {
  html: string | null;
  quote: { html: string; name: string; role: string | null } | null;
}

const term = (t: Term): LinkView => ({ name: t.name, url: t.url });

export function siteView(model: SiteModel, assets: ReadonlyMap<string, string>) {
  const { config } = model;
  return {
    title: config.title,
    description: config.description,
    baseUrl: config.baseUrl,
    language: config.language,
    locale: config.locale,
    publisher: config.publisher.name,
    stylesheet: assets.get('style.css') ?? null,
    sections: model.sections.map((g) => term(g.term)),
  };
}

export interface PageMeta {
  title: string;
  description: string;
  url: string;
  canonical: string;
  type: 'article' | 'website';
  breadcrumbs: Crumb[];
  pager: { number: number; total: number; prevUrl: string | null; nextUrl: string | null } | null;
  noindex: boolean;
  jsonLd: object[];
  openGraph: { property: string; content: string }[];
  /** Feeds announced with <link rel="alternate">: the site's, and a topic's own on its pages. */
  feeds: { type: string; title: string; url: string }[];
  /** `summary_large_image` when the page has an image, else `summary`. */
  twitterCard: 'summary' | 'summary_large_image';
}

export function pageMeta(model: SiteModel, fields: Partial<PageMeta> & { title: string; url: string }): PageMeta {
  return {
    description: model.config.description,
    canonical: absoluteUrls(model.config.baseUrl)(fields.url),
    type: 'website',
    breadcrumbs: [],
    pager: null,
    noindex: false,
    jsonLd: [],
    openGraph: [],
    feeds: feedLinks('/', model.config.title),
    twitterCard: 'summary',
    ...fields,
  };
}

export function pagerView<T>(pager: Pager<T>): PageMeta['pager'] {
  return pager.total > 1 ? { number: pager.number, total: pager.total, prevUrl: pager.prevUrl, nextUrl: pager.nextUrl } : null;
}

export function teaserView(a: Article): TeaserView {
  return {
    title: a.title,
    url: a.url,
    summary: a.summary,
    date: a.date,
    authors: a.authorTerms.map(term),
    section: a.sectionTerm ? term(a.sectionTerm) : null,
    image: a.image,
    draft: a.unpublished,
  };
}

/** Teasers made once per build and shared: an article is listed on the home page, its topics, authors, section and month. */
export function teaserViews(): (a: Article) => TeaserView {
  const made = new WeakMap<Article, TeaserView>();
  return (a) => {
    let view = made.get(a);
    if (!view) made.set(a, (view = teaserView(a)));
    return view;
  };
}

export function articleView(a: Article) {
  const html = a.html; // read once: reading it may decode the body
  return {
    title: a.title,
    url: a.url,
    summary: a.summary,
    date: a.date,
    updated: a.updated,
    authors: a.authorTerms.map(term),
    tags: a.tagTerms.map(term),
    section: a.sectionTerm ? term(a.sectionTerm) : null,
    image: a.image,
    body: bodyBlocks(html),
    html,
    wordCount: a.wordCount,
    related: a.relatedLinks.map(relatedView),
    draft: a.unpublished,
  };
}

function relatedView(link: RelatedLink) {
  return { title: link.title, url: link.url, external: link.external };
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
