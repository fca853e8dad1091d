// The weighted inverted index behind automatic "Mehr zum Thema" (after Hugo's
// related/inverted_index.go): tags, section and stemmed text terms → the articles that have them.
// Scoring an article looks only at a bounded window of each posting list, the articles nearest
// in time, and skips text terms that most articles share, so the whole site is near-linear.
import type { ArticleTerms } from '../content/article-terms.js';
import type { Article } from './model.js';

export const WEIGHTS = { section: 0.5, text: 6 } as const;
/** At most this many postings of one topic or section, and of one text term, are looked at per article. */
export const MAX_POSTINGS = { tag: 64, term: 32 } as const;
/** Candidates are found through the strongest text terms of an article only (all count in the exact score). */
export const QUERY_TERMS = 15;
/** Text terms found in more than this share of the articles say nothing about relatedness. */
export const MAX_DOCUMENT_SHARE = 0.2;
/**
 * A text term's idf reads its document frequency rounded to an eighth of an octave (9 %; below 12
 * every frequency is its own step). An edit that adds or drops a term then leaves the term's
 * weight, and so every other article's vector, as it was unless the frequency crosses a step: the
 * dev server chooses again only around the edited article (related-update.ts) instead of for the
 * whole site. The weights move by at most 4.5 % of a frequency, which the choices do not notice.
 */
export const DF_STEPS_PER_OCTAVE = 8;

export interface Postings {
  docs: number[];
  /** The weight of the feature in each document (1 for topics and sections). */
  weights: number[];
  idf: number;
}

/** An article's text as a sparse unit vector: term ids in the order of the article's stems (alphabetical), tf-idf weights. */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface RelatedIndex {
  articles: readonly Article[];
  vectors: TermVector[];
  /** Each article's topics and section as posting lists (topics in the article's order), for scoring without lookups by name. */
  tagPostings: Postings[][];
  sectionPostings: (Postings | null)[];
  /** Stem of each term id. */
  stems: string[];
  /** Terms too common to count (by id). */
  common: Uint8Array;
  termPostings: Postings[];
  /** Term id of each stem. */
  idOfStem: Map<string, number>;
  /** Each article's best approximate candidates, as chooseRelated last found them (see rememberBest). */
  best: BestCandidates;
}

/** Per article: up to `keep` candidates (article indexes, best first) and their approximate scores; length -1: the article chooses none. */
export interface BestCandidates {
  keep: number;
  ids: Int32Array;
  scores: Float64Array;
  length: Int32Array;
}

// Every stem gets a number once per process, and each article's stems as numbers are remembered
// with its terms: building the index then looks up 400,000 stems (10,000 articles) in an array.
let stemNumbers = new Map<string, number>();
let numbered = new WeakMap<ArticleTerms, Int32Array>();
const MAX_STEM_NUMBERS = 1_000_000;

function stemNumbersOf(terms: ArticleTerms): Int32Array {
  let nums = numbered.get(terms);
  if (!nums) {
    nums = Int32Array.from(terms.stems, (stem) => {
      let n = stemNumbers.get(stem);
      if (n === undefined) stemNumbers.set(stem, (n = stemNumbers.size));
      return n;
    });
    numbered.set(terms, nums);
  }
  return nums;
}

const tagKey = (slug: string) => `t:${slug}`;
const sectionKey = (slug: string) => `s:${slug}`;
export const newPostings = (): Postings => ({ docs: [], weights: [], idf: 0 });

/** The idf of a text term found in `df` of `n` articles (see DF_STEPS_PER_OCTAVE). */
export function termIdf(n: number, df: number): number {
  return Math.log(1 + n / 2 ** (dfStep(df) / DF_STEPS_PER_OCTAVE));
}

export const dfStep = (df: number) => Math.round(DF_STEPS_PER_OCTAVE * Math.log2(df));
export const isCommon = (n: number, df: number) => n >= 20 && df > MAX_DOCUMENT_SHARE * n;

/** `articles` newest first, as in the site model; `terms[i]` belongs to `articles[i]`; `keep`: how many candidates chooseRelated keeps per article. */
export function buildRelatedIndex(articles: readonly Article[], terms: readonly ArticleTerms[], keep: number): RelatedIndex {
  const n = articles.length;
  const postings = new Map<string, Postings>();
  const post = (key: string, doc: number) => {
    let p = postings.get(key);
    if (!p) postings.set(key, (p = newPostings()));
    p.docs.push(doc);
    p.weights.push(1);
  };
  // Term ids in order of first use (article by article); nothing depends on that order.
  if (stemNumbers.size > MAX_STEM_NUMBERS) {
    stemNumbers = new Map();
    numbered = new WeakMap();
  }
  const numbers = terms.map(stemNumbersOf);
  const idOf = new Int32Array(stemNumbers.size).fill(-1);
  const stems: string[] = [];
  const termPostings: Postings[] = [];
  const docIds = articles.map((a, i) => {
    for (const t of a.tagTerms) post(tagKey(t.slug), i);
    if (a.sectionTerm) post(sectionKey(a.sectionTerm.slug), i);
    const t = terms[i] as ArticleTerms;
    const nums = numbers[i] as Int32Array;
    const list = new Array<number>(nums.length);
    for (let k = 0; k < nums.length; k++) {
      let id = idOf[nums[k] as number] as number;
      if (id === -1) {
        idOf[nums[k] as number] = id = stems.length;
        stems.push(t.stems[k] as string);
        termPostings.push(newPostings());
      }
      (termPostings[id] as Postings).docs.push(i);
      list[k] = id;
    }
    return list;
  });
  for (const p of postings.values()) p.idf = Math.log(1 + n / p.docs.length);
  for (const p of termPostings) p.idf = termIdf(n, p.docs.length);
  const common = Uint8Array.from(termPostings, (p) => (isCommon(n, p.docs.length) ? 1 : 0));
  const vectors = docIds.map((list, i) => vectorOf(list, (terms[i] as ArticleTerms).counts, termPostings));
  // Postings were filled in document order, so each list is sorted; now add the weights.
  for (const v of vectors) {
    v.ids.forEach((id, k) => {
      (termPostings[id] as Postings).weights.push(v.weights[k] as number);
    });
  }
  const tagPostings = articles.map((a) => a.tagTerms.map((t) => postings.get(tagKey(t.slug)) as Postings));
  const sectionPostings = articles.map((a) => (a.sectionTerm ? (postings.get(sectionKey(a.sectionTerm.slug)) as Postings) : null));
  const idOfStem = new Map(stems.map((stem, id) => [stem, id]));
  const best: BestCandidates = { keep, ids: new Int32Array(n * keep), scores: new Float64Array(n * keep), length: new Int32Array(n).fill(-1) };
  return { articles, vectors, tagPostings, sectionPostings, stems, common, termPostings, idOfStem, best };
}

/**
 * An article's text as a unit vector: its term ids in the order of its stems (alphabetical, so
 * the order, and every sum over it, does not depend on how ids were given out) and counts, with
 * the terms' idf.
 */
export function vectorOf(list: readonly number[], counts: readonly number[], termPostings: readonly Postings[]): TermVector {
  const n = list.length;
  const ids = Int32Array.from(list);
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) weights[k] = (1 + Math.log(counts[k] as number)) * (termPostings[list[k] as number] as Postings).idf;
  const norm = hypot(weights) || 1;
  for (let k = 0; k < n; k++) weights[k] = (weights[k] as number) / norm;
  return { ids, weights };
}

/**
 * Math.hypot(...values) without spreading 40 arguments for each of 10,000 articles (ten times
 * faster): V8's own algorithm (the largest value scales the rest, Kahan-compensated sum of
 * squares), so the result is the same to the last bit, and so are the choices.
 */
export function hypot(values: Float64Array): number {
  let max = 0;
  for (let k = 0; k < values.length; k++) {
    const v = Math.abs(values[k] as number);
    if (v > max) max = v;
  }
  if (max === 0) return 0;
  let sum = 0;
  let compensation = 0;
  for (let k = 0; k < values.length; k++) {
    const n = Math.abs(values[k] as number) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
}

/** Whether article `j` looks for candidates through term `id` (one of its query terms). */
export function queries(index: RelatedIndex, j: number, id: number): boolean {
  const v = index.vectors[j] as TermVector;
  const count = queryTerms(index, v);
  for (let q = 0; q < count; q++) if (v.ids[strongestScratch[q] as number] === id) return true;
  return false;
}

/** The approximate score candidateScores gives `d` for `i`: the same sums in the same order. */
export function approximateScore(index: RelatedIndex, i: number, d: number): number {
  let acc = 0;
  for (const p of index.tagPostings[i] as Postings[]) {
    const k = positionInWindow(p, i, d, MAX_POSTINGS.tag);
    if (k >= 0) acc = acc + p.idf * (p.weights[k] as number) + 1e-9;
  }
  const section = index.sectionPostings[i];
  if (section) {
    const k = positionInWindow(section, i, d, MAX_POSTINGS.tag);
    if (k >= 0) acc = acc + WEIGHTS.section * section.idf * (section.weights[k] as number) + 1e-9;
  }
  const v = index.vectors[i] as TermVector;
  const count = queryTerms(index, v);
  for (let q = 0; q < count; q++) {
    const at = strongestScratch[q] as number;
    const p = index.termPostings[v.ids[at] as number] as Postings;
    const k = positionInWindow(p, i, d, MAX_POSTINGS.term);
    if (k >= 0) acc = acc + WEIGHTS.text * (v.weights[at] as number) * (p.weights[k] as number) + 1e-9;
  }
  return acc;
}

/** The position of `d` in `p` when it is in the window `i` looks at, else -1. */
function positionInWindow(p: Postings, i: number, d: number, max: number): number {
  const k = lowerBound(p.docs, d);
  if (p.docs[k] !== d) return -1;
  const [lo, hi] = windowOf(p, i, max);
  return k >= lo && k < hi ? k : -1;
}

/** Remembers article `i`'s best approximate candidates (mayChooseAgain reads them after an edit). */
export function rememberBest(index: RelatedIndex, i: number, best: readonly number[], acc: Float64Array): void {
  const { keep, ids, scores, length } = index.best;
  length[i] = best.length;
  for (let k = 0; k < best.length; k++) {
    const j = best[k] as number;
    ids[i * keep + k] = j;
    scores[i * keep + k] = acc[j] as number;
  }
}

/** The positions [lo, hi) of the posting window article `i` looks at in `p` (see visitWindow). */
export function windowOf(p: Postings, i: number, max: number): [number, number] {
  const at = lowerBound(p.docs, i);
  const hi = Math.min(p.docs.length, Math.max(0, at - max / 2) + max);
  return [Math.max(0, hi - max), hi];
}

/** Adds approximate scores of the articles near `i` in each posting list to `acc`; lists them in `touched`. */
export function candidateScores(index: RelatedIndex, i: number, acc: Float64Array, touched: number[]): void {
  for (const p of index.tagPostings[i] as Postings[]) visitWindow(p, i, p.idf, MAX_POSTINGS.tag, acc, touched);
  const section = index.sectionPostings[i];
  if (section) visitWindow(section, i, WEIGHTS.section * section.idf, MAX_POSTINGS.tag, acc, touched);
  const v = index.vectors[i] as TermVector;
  const count = queryTerms(index, v);
  for (let q = 0; q < count; q++) {
    const k = strongestScratch[q] as number;
    visitWindow(index.termPostings[v.ids[k] as number] as Postings, i, WEIGHTS.text * (v.weights[k] as number), MAX_POSTINGS.term, acc, touched);
  }
}

/**
 * The positions in `v` of the article's query terms, into strongestScratch: the strongest text
 * terms that are not too common (weight descending, then position), at most QUERY_TERMS. Returns how many.
 */
function queryTerms(index: RelatedIndex, v: TermVector): number {
  const order = strongestScratch.length >= v.ids.length ? strongestScratch : (strongestScratch = new Int32Array(v.ids.length));
  let count = 0;
  for (let k = 0; k < v.ids.length; k++) {
    if (index.common[v.ids[k] as number]) continue;
    const w = v.weights[k] as number;
    let at = count++;
    for (; at > 0 && (v.weights[order[at - 1] as number] as number) < w; at--) order[at] = order[at - 1] as number;
    order[at] = k;
  }
  return Math.min(count, QUERY_TERMS);
}

let strongestScratch = new Int32Array(64);

/** Adds `weight` times each posting's weight to the articles in the window of `p` around `i` (at most `max` postings). */
function visitWindow(p: Postings, i: number, weight: number, max: number, acc: Float64Array, touched: number[]): void {
  const [lo, hi] = windowOf(p, i, max);
  for (let k = lo; k < hi; k++) {
    const j = p.docs[k] as number;
    if (j === i) continue;
    if (acc[j] === 0) touched.push(j);
    acc[j] = (acc[j] as number) + weight * (p.weights[k] as number) + 1e-9;
  }
}

/** The exact score of `j` for `i`: shared topics, the same section, and shared text terms, added in that order. */
export function exactScoreValue(index: RelatedIndex, i: number, j: number): number {
  const a = index.articles[i] as Article;
  const b = index.articles[j] as Article;
  let score = 0;
  const tags = index.tagPostings[i] as Postings[];
  for (let t = 0; t < tags.length; t++) {
    const slug = (a.tagTerms[t] as Article['tagTerms'][number]).slug;
    if (b.tagTerms.some((u) => u.slug === slug)) score += (tags[t] as Postings).idf;
  }
  const section = index.sectionPostings[i];
  if (section && b.sectionTerm?.slug === a.sectionTerm?.slug) score += WEIGHTS.section * section.idf;
  return withTextScore(index, i, j, score);
}

/**
 * `score` plus the shared text terms' parts, added in the order of `j`'s stems (alphabetical: the
 * same order whichever ids the terms have, so an index updated after edits sums as a new one).
 */
function withTextScore(index: RelatedIndex, i: number, j: number, score: number): number {
  const weightOf = termWeights(index, i);
  const vb = index.vectors[j] as TermVector;
  for (let y = 0; y < vb.ids.length; y++) {
    const w = weightOf[vb.ids[y] as number] as number;
    if (w !== 0) score += WEIGHTS.text * w * (vb.weights[y] as number);
  }
  return score;
}

/** Article `i`'s weights by term id (0: a term it lacks or a common one), in a scratch array that stays filled for `i` until another article asks. */
function termWeights(index: RelatedIndex, i: number): Float64Array {
  const v = index.vectors[i] as TermVector;
  if (weightsFor.index === index && weightsFor.vector === v) return weightsFor.weights;
  if (weightsFor.weights.length < index.stems.length) weightsFor.weights = new Float64Array(Math.max(2 * index.stems.length, 1024));
  const weights = weightsFor.weights;
  if (weightsFor.vector) for (const id of weightsFor.vector.ids) weights[id] = 0;
  for (let k = 0; k < v.ids.length; k++) {
    const id = v.ids[k] as number;
    if (!index.common[id]) weights[id] = v.weights[k] as number;
  }
  weightsFor.index = index;
  weightsFor.vector = v;
  return weights;
}

const weightsFor: { index: RelatedIndex | null; vector: TermVector | null; weights: Float64Array } = { index: null, vector: null, weights: new Float64Array(1024) };

export interface ScoreParts {
  score: number;
  sharedTags: string[];
  sameSection: string | null;
  /** Shared stems, strongest first, with their part of the score. */
  sharedTerms: { stem: string; score: number }[];
}

/** The score of `j` for `i` (exactScoreValue) with its parts, for `blatt related`. */
export function explainScore(index: RelatedIndex, i: number, j: number): ScoreParts {
  const a = index.articles[i] as Article;
  const b = index.articles[j] as Article;
  const sharedTags = a.tagTerms.filter((t) => b.tagTerms.some((u) => u.slug === t.slug)).map((t) => t.name);
  const sameSection = a.sectionTerm && b.sectionTerm?.slug === a.sectionTerm.slug ? a.sectionTerm.name : null;
  const weightOf = termWeights(index, i);
  const vb = index.vectors[j] as TermVector;
  const sharedTerms: { stem: string; score: number }[] = [];
  for (let y = 0; y < vb.ids.length; y++) {
    const id = vb.ids[y] as number;
    const w = weightOf[id] as number;
    if (w !== 0) sharedTerms.push({ stem: index.stems[id] as string, score: WEIGHTS.text * w * (vb.weights[y] as number) });
  }
  sharedTerms.sort((p, q) => q.score - p.score || (p.stem < q.stem ? -1 : 1));
  return { score: exactScoreValue(index, i, j), sharedTags, sameSection, sharedTerms };
}

export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
