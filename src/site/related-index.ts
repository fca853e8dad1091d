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

interface Postings {
  docs: number[];
  /** The weight of the feature in each document (1 for topics and sections). */
  weights: number[];
  idf: number;
}

/** An article's text as a sparse unit vector: term ids ascending, tf-idf weights. */
interface TermVector {
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
const newPostings = (): Postings => ({ docs: [], weights: [], idf: 0 });

/** `articles` newest first, as in the site model; `terms[i]` belongs to `articles[i]`. */
export function buildRelatedIndex(articles: readonly Article[], terms: readonly ArticleTerms[]): RelatedIndex {
  const n = articles.length;
  const postings = new Map<string, Postings>();
  const post = (key: string, doc: number) => {
    let p = postings.get(key);
    if (!p) postings.set(key, (p = newPostings()));
    p.docs.push(doc);
    p.weights.push(1);
  };
  // Term ids in order of first use (article by article), as the vectors' order and so every sum depends on it.
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
  for (const p of [...postings.values(), ...termPostings]) p.idf = Math.log(1 + n / p.docs.length);
  const common = Uint8Array.from(termPostings, (p) => (n >= 20 && p.docs.length > MAX_DOCUMENT_SHARE * n ? 1 : 0));
  const vectors = docIds.map((list, i) => vectorOf(list, (terms[i] as ArticleTerms).counts, termPostings));
  // Postings were filled in document order, so each list is sorted; now add the weights.
  for (const v of vectors) {
    v.ids.forEach((id, k) => {
      (termPostings[id] as Postings).weights.push(v.weights[k] as number);
    });
  }
  const tagPostings = articles.map((a) => a.tagTerms.map((t) => postings.get(tagKey(t.slug)) as Postings));
  const sectionPostings = articles.map((a) => (a.sectionTerm ? (postings.get(sectionKey(a.sectionTerm.slug)) as Postings) : null));
  return { articles, vectors, tagPostings, sectionPostings, stems, common, termPostings };
}

/** An article's text as a unit vector: its term ids (in the order of its stems) and counts, with the terms' idf. */
function vectorOf(list: readonly number[], counts: readonly number[], termPostings: readonly Postings[]): TermVector {
  const n = list.length;
  const ids = new Int32Array(n);
  const weights = new Float64Array(n);
  // Insertion sort by term id (an article has at most MAX_TERMS distinct stems), weights alongside.
  for (let k = 0; k < n; k++) {
    const id = list[k] as number;
    const weight = (1 + Math.log(counts[k] as number)) * (termPostings[id] as Postings).idf;
    let at = k;
    for (; at > 0 && (ids[at - 1] as number) > id; at--) {
      ids[at] = ids[at - 1] as number;
      weights[at] = weights[at - 1] as number;
    }
    ids[at] = id;
    weights[at] = weight;
  }
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

/**
 * Gives article `i` new term counts for the same stems, in place. No document frequency changes,
 * so this is exactly the index a new build would give: only the article's vector and its weights
 * in its terms' posting lists change. Returns the articles whose choices may change (those that
 * look at the article through a posting window, and the article itself), or null when the stems
 * differ (then every idf may change: build the index anew).
 */
export function updateCounts(index: RelatedIndex, i: number, terms: ArticleTerms): number[] | null {
  const old = index.vectors[i] as TermVector;
  if (terms.stems.length !== old.ids.length) return null;
  const idOfStem = new Map<string, number>();
  for (const id of old.ids) idOfStem.set(index.stems[id] as string, id);
  const list: number[] = [];
  for (const stem of terms.stems) {
    const id = idOfStem.get(stem);
    if (id === undefined) return null;
    list.push(id);
  }
  const vector = vectorOf(list, terms.counts, index.termPostings);
  index.vectors[i] = vector;
  vector.ids.forEach((id, k) => {
    const p = index.termPostings[id] as Postings;
    p.weights[lowerBound(p.docs, i)] = vector.weights[k] as number;
  });
  const affected = new Set<number>([i]);
  const watchers = (p: Postings, max: number) => {
    const at = lowerBound(p.docs, i);
    for (let k = Math.max(0, at - max); k < Math.min(p.docs.length, at + max + 1); k++) {
      const j = p.docs[k] as number;
      const [lo, hi] = windowOf(p, j, max);
      if (at >= lo && at < hi) affected.add(j);
    }
  };
  for (const p of index.tagPostings[i] as Postings[]) watchers(p, MAX_POSTINGS.tag);
  const section = index.sectionPostings[i];
  if (section) watchers(section, MAX_POSTINGS.tag);
  for (const id of vector.ids) watchers(index.termPostings[id] as Postings, MAX_POSTINGS.term);
  return [...affected].sort((a, b) => a - b);
}

/** The positions [lo, hi) of the posting window article `i` looks at in `p` (see visitWindow). */
function windowOf(p: Postings, i: number, max: number): [number, number] {
  const at = lowerBound(p.docs, i);
  const hi = Math.min(p.docs.length, Math.max(0, at - max / 2) + max);
  return [Math.max(0, hi - max), hi];
}

/** Adds approximate scores of the articles near `i` in each posting list to `acc`; lists them in `touched`. */
export function candidateScores(index: RelatedIndex, i: number, acc: Float64Array, touched: number[]): void {
  for (const p of index.tagPostings[i] as Postings[]) visitWindow(p, i, p.idf, MAX_POSTINGS.tag, acc, touched);
  const section = index.sectionPostings[i];
  if (section) visitWindow(section, i, WEIGHTS.section * section.idf, MAX_POSTINGS.tag, acc, touched);
  // The strongest text terms that are not too common: weight descending, then position.
  const v = index.vectors[i] as TermVector;
  const order = strongestScratch.length >= v.ids.length ? strongestScratch : (strongestScratch = new Int32Array(v.ids.length));
  let count = 0;
  for (let k = 0; k < v.ids.length; k++) {
    if (index.common[v.ids[k] as number]) continue;
    const w = v.weights[k] as number;
    let at = count++;
    for (; at > 0 && (v.weights[order[at - 1] as number] as number) < w; at--) order[at] = order[at - 1] as number;
    order[at] = k;
  }
  for (let q = 0; q < Math.min(count, QUERY_TERMS); q++) {
    const k = order[q] as number;
    visitWindow(index.termPostings[v.ids[k] as number] as Postings, i, WEIGHTS.text * (v.weights[k] as number), MAX_POSTINGS.term, acc, touched);
  }
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

/** `score` plus the shared text terms' parts, added one by one as the sparse vectors merge in term id order. */
function withTextScore(index: RelatedIndex, i: number, j: number, score: number): number {
  const va = index.vectors[i] as TermVector;
  const vb = index.vectors[j] as TermVector;
  for (let x = 0, y = 0; x < va.ids.length && y < vb.ids.length; ) {
    const ia = va.ids[x] as number;
    const ib = vb.ids[y] as number;
    if (ia === ib) {
      if (!index.common[ia]) score += WEIGHTS.text * (va.weights[x] as number) * (vb.weights[y] as number);
      x++;
      y++;
    } else if (ia < ib) x++;
    else y++;
  }
  return score;
}

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
  const va = index.vectors[i] as TermVector;
  const vb = index.vectors[j] as TermVector;
  const sharedTerms: { stem: string; score: number }[] = [];
  for (let x = 0, y = 0; x < va.ids.length && y < vb.ids.length; ) {
    const ia = va.ids[x] as number;
    const ib = vb.ids[y] as number;
    if (ia === ib) {
      if (!index.common[ia]) sharedTerms.push({ stem: index.stems[ia] as string, score: WEIGHTS.text * (va.weights[x] as number) * (vb.weights[y] as number) });
      x++;
      y++;
    } else if (ia < ib) x++;
    else y++;
  }
  sharedTerms.sort((p, q) => q.score - p.score || (p.stem < q.stem ? -1 : 1));
  return { score: exactScoreValue(index, i, j), sharedTags, sameSection, sharedTerms };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
