// The text of an article → its most frequent stemmed terms, for "Mehr zum Thema". Depends only
// on the article's own title and text, so the result can be cached with the parsed article.
import { hash } from 'node:crypto';
import { deu } from 'stopword';
import type { ParsedArticle } from '../types.js';
import { germanStem } from './german-stemmer.js';
import { forEachWord } from './words.js';

/** Stems sorted alphabetically, with their weighted counts (title words count three times). */
export interface ArticleTerms {
  stems: string[];
  counts: number[];
  /** A digest of stems and counts: what "Mehr zum Thema" of the whole site depends on, in 27 characters. */
  key: string;
}

export const MAX_TERMS = 40;
const TITLE_WEIGHT = 3;
const MIN_LENGTH = 3;
const STOP_WORDS = new Set<string>([...deu, 'sei', 'sowie', 'bzw', 'laut', 'dass', 'worden', 'wurde', 'wurden', 'wird', 'werden', 'hatte', 'habe']);
const MAX_REMEMBERED_WORDS = 200_000;

/** The count of one stem in the article being counted; `article` tells which one it belongs to. */
interface StemCount {
  stem: string;
  count: number;
  article: number;
}

// Stemming is pure, and a site uses a few thousand distinct words: remember each word's stem as
// the counter of that stem, so counting a word is one lookup.
const countOfWord = new Map<string, StemCount | null>();
const countOfStem = new Map<string, StemCount>();
let currentArticle = 0;

function stemOf(word: string): string | null {
  const stem = word.length < MIN_LENGTH || STOP_WORDS.has(word) || !/^\p{L}/u.test(word) ? null : germanStem(word);
  return stem !== null && stem.length < MIN_LENGTH ? null : stem;
}

function countFor(word: string): StemCount | null {
  let count = countOfWord.get(word);
  if (count === undefined) {
    const stem = stemOf(word);
    count = stem === null ? null : countOfStem.get(stem) ?? null;
    if (stem !== null && count === null) {
      count = { stem, count: 0, article: 0 };
      countOfStem.set(stem, count);
    }
    countOfWord.set(word, count);
  }
  return count;
}

// Articles that come from a worker or the cache bring their own copy of every stem: at 10,000
// articles that is 440,000 strings (12 MB) for a few thousand stems. They share one copy each.
const sharedStems = new Map<string, string>();

/** `terms` with each stem replaced by the one copy all articles share (in place). */
export function shareStems(terms: ArticleTerms): ArticleTerms {
  if (sharedStems.size > MAX_REMEMBERED_WORDS) sharedStems.clear();
  const stems = terms.stems;
  for (let i = 0; i < stems.length; i++) {
    const stem = stems[i] as string;
    const shared = sharedStems.get(stem);
    if (shared === undefined) sharedStems.set(stem, stem);
    else stems[i] = shared;
  }
  return terms;
}

export function articleTerms(article: Pick<ParsedArticle, 'title' | 'text'>): ArticleTerms {
  // Forgetting happens between articles only: the counters of this one must stay the same objects.
  if (countOfWord.size > MAX_REMEMBERED_WORDS) {
    countOfWord.clear();
    countOfStem.clear();
  }
  const thisArticle = ++currentArticle;
  const used: StemCount[] = [];
  const add = (text: string, weight: number) => {
    forEachWord(text.toLowerCase(), (word) => {
      const count = countFor(word);
      if (count === null) return;
      if (count.article !== thisArticle) {
        count.article = thisArticle;
        count.count = 0;
        used.push(count);
      }
      count.count += weight;
    });
  };
  add(article.title, TITLE_WEIGHT);
  add(article.text, 1);
  const top = used.sort((a, b) => b.count - a.count || (a.stem < b.stem ? -1 : 1)).slice(0, MAX_TERMS);
  top.sort((a, b) => (a.stem < b.stem ? -1 : 1));
  const stems = top.map((t) => t.stem);
  const counts = top.map((t) => t.count);
  return { stems, counts, key: hash('sha1', `${stems.join(' ')}\u0000${counts.join(' ')}`, 'base64url') };
}
