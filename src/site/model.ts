// The site as templates and feeds see it: published articles with their URLs, resolved links and
// "Mehr zum Thema", and the groupings a news site is browsed by.
import type { Config, ParsedArticle, ZonedDate } from '../types.js';

export interface Term {
  name: string;
  slug: string;
  url: string;
}

export interface RelatedLink {
  title: string;
  /** Site-relative URL of an article, an absolute external URL, or null for plain text. */
  url: string | null;
  external: boolean;
  /** The article linked to, when it is one of ours (for teasers and metadata). */
  article: Article | null;
  /** How this link was chosen: by the editor, or automatically. */
  source: 'editor' | 'automatic';
}

export interface Article extends ParsedArticle {
  /** Site-relative URL, e.g. `/2025/04/putin-lobt-zusammenarbeit/`. */
  url: string;
  /** Body HTML with links between articles resolved. */
  html: string;
  authorTerms: Term[];
  tagTerms: Term[];
  sectionTerm: Term | null;
  relatedLinks: RelatedLink[];
  /** Drafts and embargoed articles are only in the model with --drafts. */
  unpublished: boolean;
}

export interface TermGroup {
  term: Term;
  /** Newest first. */
  articles: Article[];
}

export interface MonthGroup {
  year: number;
  month: number;
  url: string;
  articles: Article[];
}

export interface SiteModel {
  config: Config;
  now: ZonedDate;
  /** Every article that is published, newest first (date, then slug). */
  articles: Article[];
  bySlug: Map<string, Article>;
  tags: TermGroup[];
  authors: TermGroup[];
  sections: TermGroup[];
  months: MonthGroup[];
}

/** A "Mehr zum Thema" entry that links to one of our articles. */
export function linkTo(target: Article, source: RelatedLink['source'] = 'editor'): RelatedLink {
  return { title: target.title, url: target.url, external: false, article: target, source };
}
