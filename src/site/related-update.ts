// "Mehr zum Thema" after an edit of articles' terms: the index of related-index.ts changed in
// place to exactly the index a new build would give, and the articles whose choices that can
// change. A text term's idf reads its document frequency in steps (DF_STEPS_PER_OCTAVE), so an
// added or dropped term usually changes only the edited article's vector; each article's best
// candidates (rememberBest) tell which other articles can see the change.
import type { ArticleTerms } from '../content/article-terms.js';
import {
  approximateScore,
  dfStep,
  isCommon,
  lowerBound,
  MAX_POSTINGS,
  newPostings,
  queries,
  termIdf,
  vectorOf,
  windowOf,
  type Postings,
  type RelatedIndex,
  type TermVector,
} from './related-index.js';

/** More articles than this with a changed vector (a term's frequency crossed a step): choose for the whole site. */
const MAX_CHANGED_VECTORS = 100;

/** What an edit of an article's terms changed in the index (updateTerms). */
export interface TermsUpdate {
  /** Articles whose vector changed: the edited one, and those with a term whose idf changed. */
  vectors: number[];
  /** Articles whose posting window of a term they query changed: the edited article joined or left that term's list near them. */
  windows: number[];
}

/**
 * Gives article `i` new terms, in place, so that the index is exactly the one a new build would
 * give. Its vector changes, and it joins or leaves the posting lists of added or dropped terms.
 * When a term's document frequency crosses a step (DF_STEPS_PER_OCTAVE), the term's idf and the
 * vectors of all its articles change too. Returns what changed, or null (index untouched) when
 * a term became common or stopped being common, or too many vectors would change: then build the
 * index anew.
 */
export function updateTerms(index: RelatedIndex, i: number, terms: ArticleTerms, countsOf: (article: number) => readonly number[]): TermsUpdate | null {
  const n = index.articles.length;
  const old = index.vectors[i] as TermVector;
  const before = new Set(old.ids);
  const kept = new Set<string>();
  for (const stem of terms.stems) if (before.has(index.idOfStem.get(stem) ?? -1)) kept.add(stem);
  const left = [...old.ids].filter((id) => !kept.has(index.stems[id] as string));
  const joined = terms.stems.filter((stem) => !kept.has(stem));
  // First the checks, so that a refusal leaves the index as it was.
  let changedVectors = 0;
  const stepped: string[] = [];
  for (const [stem, delta] of [...left.map((id) => [index.stems[id] as string, -1] as const), ...joined.map((stem) => [stem, 1] as const)]) {
    const id = index.idOfStem.get(stem);
    const df = id === undefined ? 0 : (index.termPostings[id] as Postings).docs.length;
    if (isCommon(n, df) !== isCommon(n, df + delta)) return null;
    if (df > 0 && dfStep(df) !== dfStep(df + delta)) {
      stepped.push(stem);
      changedVectors += df + delta;
    }
  }
  if (changedVectors > MAX_CHANGED_VECTORS) return null;

  const windows = new Set<number>();
  const near = (id: number, at: number) => {
    const p = index.termPostings[id] as Postings;
    for (let k = Math.max(0, at - MAX_POSTINGS.term - 1); k < Math.min(p.docs.length, at + MAX_POSTINGS.term + 2); k++) {
      const j = p.docs[k] as number;
      if (j !== i && queries(index, j, id)) windows.add(j);
    }
  };
  for (const id of left) {
    const p = index.termPostings[id] as Postings;
    const at = lowerBound(p.docs, i);
    near(id, at);
    p.docs.splice(at, 1);
    p.weights.splice(at, 1);
  }
  for (const stem of joined) {
    const id = index.idOfStem.get(stem) ?? newTerm(index, stem);
    const p = index.termPostings[id] as Postings;
    const at = lowerBound(p.docs, i);
    p.docs.splice(at, 0, i);
    p.weights.splice(at, 0, 0);
    if (p.docs.length === 1) p.idf = termIdf(n, 1);
    near(id, at);
  }
  const vectors = new Set<number>([i]);
  for (const stem of stepped) {
    const p = index.termPostings[index.idOfStem.get(stem) as number] as Postings;
    if (p.docs.length > 0) p.idf = termIdf(n, p.docs.length);
    for (const d of p.docs) vectors.add(d);
  }
  for (const d of vectors) {
    const ids = d === i ? terms.stems.map((stem) => index.idOfStem.get(stem) as number) : [...(index.vectors[d] as TermVector).ids];
    const vector = vectorOf(ids, d === i ? terms.counts : countsOf(d), index.termPostings);
    index.vectors[d] = vector;
    vector.ids.forEach((id, k) => {
      const p = index.termPostings[id] as Postings;
      p.weights[lowerBound(p.docs, d)] = vector.weights[k] as number;
    });
  }
  return { vectors: [...vectors], windows: [...windows] };
}

/** A term no article had: an id, an empty posting list. */
function newTerm(index: RelatedIndex, stem: string): number {
  const id = index.stems.length;
  index.stems.push(stem);
  index.termPostings.push(newPostings());
  index.idOfStem.set(stem, id);
  if (id >= index.common.length) {
    const common = new Uint8Array(Math.max(16, 2 * id));
    common.set(index.common);
    index.common = common;
  }
  return id;
}

/** The articles that see article `d` in one of their posting windows (and may see it as a candidate). */
export function watchersOf(index: RelatedIndex, d: number): number[] {
  const found = new Set<number>();
  const watch = (p: Postings, max: number) => {
    const at = lowerBound(p.docs, d);
    for (let k = Math.max(0, at - max); k < Math.min(p.docs.length, at + max + 1); k++) {
      const j = p.docs[k] as number;
      if (j === d || found.has(j)) continue;
      const [lo, hi] = windowOf(p, j, max);
      if (at >= lo && at < hi) found.add(j);
    }
  };
  for (const p of index.tagPostings[d] as Postings[]) watch(p, MAX_POSTINGS.tag);
  const section = index.sectionPostings[d];
  if (section) watch(section, MAX_POSTINGS.tag);
  for (const id of (index.vectors[d] as TermVector).ids) watch(index.termPostings[id] as Postings, MAX_POSTINGS.term);
  return [...found];
}

/**
 * Whether article `j` may now choose differently because article `d`'s vector changed (and
 * nothing else `j` looks at did): when `d` is one of its best candidates, or would now be one.
 */
export function mayChooseAgain(index: RelatedIndex, j: number, d: number): boolean {
  const { keep, ids, scores, length } = index.best;
  const len = length[j] as number;
  if (len < 0) return false;
  const base = j * keep;
  for (let k = 0; k < len; k++) if (ids[base + k] === d) return true;
  if (len < keep) return true;
  const score = approximateScore(index, j, d);
  const last = ids[base + len - 1] as number;
  const lastScore = scores[base + len - 1] as number;
  return score > lastScore || (score === lastScore && d < last);
}
