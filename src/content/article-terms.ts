// The text of an article → its most frequent stemmed terms, for "Mehr zum Thema". Depends only
// on the article's own title and text, so the result can be cached with the parsed article.
import { deu } from 'stopword';
import type { ParsedArticle } from '../types.js';
import { germanStem } from './german-stemmer.js';

/** Stems sorted alphabetically, with their weighted counts (title words count three times). */
export interface ArticleTerms {
  stems: string[];
  counts: number[];
}

export const MAX_TERMS = 40;
const TITLE_WEIGHT = 3;
const MIN_LENGTH = 3;
const STOP_WORDS = new Set<string>([...deu, 'sei', 'sowie', 'bzw', 'laut', 'dass', 'worden', 'wurde', 'wurden', 'wird', 'werden', 'hatte', 'habe']);
const SEPARATOR = /[^\p{L}\p{N}]+/u;

// Stemming is pure, and a site uses a few thousand distinct words: remember them.
const stemMemo = new Map<string, string | null>();

function stemOf(word: string): string | null {
  let stem = stemMemo.get(word);
  if (stem === undefined) {
    stem = word.length < MIN_LENGTH || STOP_WORDS.has(word) || !/^\p{L}/u.test(word) ? null : germanStem(word);
    if (stem !== null && stem.length < MIN_LENGTH) stem = null;
    if (stemMemo.size > 200_000) stemMemo.clear();
    stemMemo.set(word, stem);
  }
  return stem;
}

export function articleTerms(article: Pick<ParsedArticle, 'title' | 'text'>): ArticleTerms {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of text.toLowerCase().split(SEPARATOR)) {
      const stem = stemOf(word);
      if (stem !== null) counts.set(stem, (counts.get(stem) ?? 0) + weight);
    }
  };
  add(article.title, TITLE_WEIGHT);
  add(article.text, 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TERMS);
  top.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { stems: top.map((t) => t[0]), counts: top.map((t) => t[1]) };
}
