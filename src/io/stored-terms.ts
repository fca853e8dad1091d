// The terms of cached articles ("Mehr zum Thema", content/article-terms.ts), left in their cache
// file until one is read. A build whose related choices are still valid (nothing changed, or an
// edit of a summary, a title or the topics) needs only each article's key, which comes with the
// small fields: the stems and counts (6 MB of JSON and 800,000 array entries at 10,000 articles)
// are read and parsed on the first read of any of them, for all articles of the file at once.
import { articleTerms, shareStems, type ArticleTerms } from '../content/article-terms.js';
import type { ParsedArticle } from '../types.js';

/** Stems and counts of a cache file's articles, in the order of its entries: [stems, counts], or 0 for an entry without terms. */
export type TermsEntry = [string[], number[]] | 0;

/** The terms section of one cache file, parsed when first needed. */
export class TermsSection {
  #entries: readonly unknown[] | null = null;

  /** `read` gives the section's JSON text; it may throw (a file changed in place). */
  constructor(private readonly read: () => string) {}

  /** Entry `i`, or null when the section cannot be read or the entry is not well-formed. */
  at(i: number): { stems: string[]; counts: number[] } | null {
    if (this.#entries === null) {
      try {
        const parsed = JSON.parse(this.read()) as unknown;
        this.#entries = Array.isArray(parsed) ? parsed : [];
      } catch {
        this.#entries = [];
      }
    }
    const entry = this.#entries[i];
    if (!Array.isArray(entry) || entry.length !== 2) return null;
    const [stems, counts] = entry as [unknown, unknown];
    if (!Array.isArray(stems) || !Array.isArray(counts) || stems.length !== counts.length) return null;
    return shareStems({ stems, counts, key: '' });
  }
}

/**
 * One article's terms: the key now, stems and counts from the section when read. If the section is
 * damaged they are counted again from the article's title and text, which is what they were made from.
 */
export class StoredTerms implements ArticleTerms {
  readonly #section: TermsSection;
  readonly #at: number;
  readonly #article: Pick<ParsedArticle, 'title' | 'text'>;
  #terms: { stems: string[]; counts: number[] } | null = null;

  constructor(readonly key: string, section: TermsSection, at: number, article: Pick<ParsedArticle, 'title' | 'text'>) {
    this.#section = section;
    this.#at = at;
    this.#article = article;
  }

  get stems(): string[] {
    return this.#read().stems;
  }

  get counts(): number[] {
    return this.#read().counts;
  }

  #read(): { stems: string[]; counts: number[] } {
    return (this.#terms ??= this.#section.at(this.#at) ?? articleTerms(this.#article));
  }
}

/** The terms of an article as its cache file stores them: the key among the small fields, the rest in the section. */
export function termsEntry(terms: ArticleTerms | undefined): TermsEntry {
  return terms ? [terms.stems, terms.counts] : 0;
}
