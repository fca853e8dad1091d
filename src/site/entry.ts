// What the site index keeps of each parsed article: every field but its body, which stays with
// the parse result in the store and is read by the pages that show it.
import type { ArticleTerms } from '../content/article-terms.js';
import type { Config, ParsedArticle } from '../types.js';

export interface Entry {
  relPath: string;
  file: string;
  /** The parse result's key in the store (engine/parse-stage.ts). */
  contentKey: string;
  slug: string;
  title: string;
  date: ParsedArticle['date'];
  updated: ParsedArticle['updated'];
  summary: string | null;
  /** The byline: the article's authors, or the site's default author. */
  authors: string[];
  tags: string[];
  section: string | null;
  related: ParsedArticle['related'];
  relatedExclude: string[];
  draft: boolean;
  image: ParsedArticle['image'];
  links: ParsedArticle['links'];
  wordCount: number;
  terms: ArticleTerms;
}

export function entryOf(a: ParsedArticle, contentKey: string, terms: ArticleTerms, config: Pick<Config, 'defaultAuthor'>): Entry {
  return {
    relPath: a.relPath,
    file: a.file,
    contentKey,
    slug: a.slug,
    title: a.title,
    date: a.date,
    updated: a.updated,
    summary: a.summary,
    authors: a.authors.length > 0 ? a.authors : config.defaultAuthor ? [config.defaultAuthor] : [],
    tags: a.tags,
    section: a.section,
    related: a.related,
    relatedExclude: a.relatedExclude,
    draft: a.draft,
    image: a.image,
    links: a.links,
    wordCount: a.wordCount,
    terms: { stems: terms.stems, counts: terms.counts, key: terms.key },
  };
}

/** An article's last modification: `updated`, else its date. */
export const modified = (e: Pick<Entry, 'date' | 'updated'>) => e.updated ?? e.date;
