// The facts of a site: small keyed values derived from the articles, which pages and checks read
// (and only through these keys, so what each reads is recorded: engine/reads.ts). The site index
// (site-index.ts) keeps them up to date; a fact whose new value equals the old one changes
// nothing downstream. Every fact key is made here.
import type { ArticleImage, ArticleLink, RelatedRef, ZonedDate } from '../types.js';

export type TermKind = 'tag' | 'author' | 'section';

/** A list of articles with pages of its own: the home page, a topic, an author, a section, a month. */
export type ListId = string;

export const factKey = {
  /** The article as its own page shows it. */
  article: (relPath: string) => `a/${relPath}`,
  /** What a teaser on a list shows. */
  teaser: (relPath: string) => `t/${relPath}`,
  /** Where the article is and what it is called: links to it, sitemaps. */
  place: (relPath: string) => `p/${relPath}`,
  term: (kind: TermKind, slug: string) => `term/${kind}/${slug}`,
  /** Page `n` of a list (0: its front page). */
  listPage: (list: ListId, n: number) => `lp/${list}/${n}`,
  /** The newest articles of a list, as its feeds carry them. */
  feed: (list: ListId) => `feed/${list}`,
  /** Every article of a month, for its sitemap. */
  monthSitemap: (month: string) => `sm/${month}`,
  /** Which article has a slug (drafts included), and which published one a title names. */
  slug: (slug: string) => `slug/${slug}`,
  title: (titleKey: string) => `title/${titleKey}`,
  /** "Mehr zum Thema" as the editor wrote it, matched to articles (engine/checks.ts), and the automatic choices. */
  editor: (relPath: string) => `editor/${relPath}`,
  auto: (relPath: string) => `auto/${relPath}`,
  /** The sections in the navigation of every page. */
  nav: 'nav',
  archive: 'archive',
  topics: 'topics',
  news: 'news',
  /** The lists with pages, by kind, with their counts (the pages part of the sitemap reads it). */
  lists: 'lists',
} as const;

/** An article's own fields as pages read them (the body is read from the parse result by `contentKey`). */
export interface ArticleFact {
  relPath: string;
  file: string;
  contentKey: string;
  url: string;
  unpublished: boolean;
  slug: string;
  title: string;
  date: ZonedDate;
  updated: ZonedDate | null;
  summary: string | null;
  authors: string[];
  tags: string[];
  section: string | null;
  image: ArticleImage | null;
  links: ArticleLink[];
  related: RelatedRef[];
  relatedExclude: string[];
  wordCount: number;
}

export interface TeaserFact {
  title: string;
  url: string;
  summary: string | null;
  date: ZonedDate;
  image: ArticleImage | null;
  unpublished: boolean;
  /** Term slugs; their names are facts of their own (a new spelling changes one fact, not every teaser). */
  authors: string[];
  section: string | null;
}

/** `null` as a value: the article exists but is not published (a draft, embargoed, or its slug is taken). */
export interface PlaceFact {
  url: string;
  title: string;
  date: ZonedDate;
  updated: ZonedDate | null;
  unpublished: boolean;
}

/** The article a slug belongs to (the first by path of those that have it). */
export interface SlugFact {
  relPath: string;
  file: string;
}

export interface TermFact {
  name: string;
  slug: string;
  url: string;
}

export interface ListPageFact {
  list: ListId;
  /** 0: the front page (the newest articles); 1…: the numbered pages, counted from the oldest. */
  number: number;
  url: string;
  /** Content-relative paths, newest first. */
  items: string[];
  newerUrl: string | null;
  olderUrl: string | null;
  /** The newest `updated` or `date` of its items (sitemaps). */
  lastmod: string | null;
  /** How many articles the whole list has: on the front page only, so adding one changes no other page. */
  count: number | null;
}

export interface FeedFact {
  items: string[];
  /** The build time, for a feed without items only (it dates itself by it). */
  emptyAt: number | null;
}

export interface MonthSitemapFact {
  /** Published articles only, newest first. */
  items: string[];
  lastmod: string | null;
}

/** One entry of "Mehr zum Thema" as the editor wrote it, matched: an article of ours, an external link, or a title without a link. */
export type EditorLink = { article: string } | { title: string; url: string } | { title: string; url: null };

export interface ListsFact {
  /** Every list with articles, with its count; the home list always. */
  counts: Record<ListId, number>;
  /** The newest `updated` or `date` of any published article (the archive, the topic index, the sitemaps). */
  lastmod: string | null;
}
