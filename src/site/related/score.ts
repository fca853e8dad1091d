// Scores of one document for another. The approximate score adds up, through the bounded windows
// of the document's posting lists, each posting's part; the exact score adds shared topics, the
// same section and shared text terms. Both add their parts in a fixed order (the document's own
// topics, then section, then terms), so a score is the same bits however the state was reached.
import { findPosting, positionOf, sizeOf, windowEnd } from './postings.js';
import type { Ragged } from './ragged.js';
import { ensureTermScratch, type RelatedState } from './state.js';
import { queriesTerm, queryOrder } from './vector.js';

/** One posting's part of an approximate score: the same expression wherever a part is added. */
const addPart = (acc: number, weight: number, postingWeight: number): number => acc + weight * postingWeight + 1e-9;

/** Adds the approximate scores of the documents in `i`'s windows to scratch.acc, and lists them in scratch.touched. */
export function candidateScores(state: RelatedState, i: number): void {
  const { docs, params } = state;
  const tagIds = docs.tags.ints[0] as Int32Array;
  for (let k = docs.tags.start[i] as number, end = k + (docs.tags.length[i] as number); k < end; k++) {
    const t = tagIds[k] as number;
    visitWindow(state, state.tags.lists, t, i, state.tags.idf[t] as number, params.tagPostings);
  }
  const s = docs.section[i] as number;
  if (s >= 0) visitWindow(state, state.sections.lists, s, i, params.sectionWeight * (state.sections.idf[s] as number), params.tagPostings);
  const count = queryOrder(state, i);
  const at = docs.terms.start[i] as number;
  const ids = docs.terms.ints[0] as Int32Array;
  const weights = docs.terms.floats[0] as Float64Array;
  for (let q = 0; q < count; q++) {
    const k = at + (state.scratch.queryOrder[q] as number);
    visitWindow(state, state.terms.lists, ids[k] as number, i, params.textWeight * (weights[k] as number), params.termPostings);
  }
}

/** Adds `i`'s part through list `id` of `lists` (weighted when the lists have weights: text terms). */
function visitWindow(state: RelatedState, lists: Ragged, id: number, i: number, weight: number, max: number): void {
  const { acc, touched } = state.scratch;
  const docs = lists.ints[0] as Int32Array;
  const weights = lists.floats[0];
  const start = lists.start[id] as number;
  const hi = windowEnd(sizeOf(lists, id), positionOf(lists, id, state.order.rank, i), max);
  for (let k = start + Math.max(0, hi - max), end = start + hi; k < end; k++) {
    const j = docs[k] as number;
    if (j === i) continue;
    if (acc[j] === 0) touched.push(j);
    acc[j] = addPart(acc[j] as number, weight, weights ? (weights[k] as number) : 1);
  }
}

/**
 * The approximate score candidateScores gives `d` for `i`: the same parts in the same order. `d`'s
 * weights must be in scratch.termWeights (fillTermWeights), so that only the lists both have are searched.
 */
export function approximateScore(state: RelatedState, i: number, d: number): number {
  const { docs, params } = state;
  let acc = 0;
  const tagIds = docs.tags.ints[0] as Int32Array;
  for (let k = docs.tags.start[i] as number, end = k + (docs.tags.length[i] as number); k < end; k++) {
    const t = tagIds[k] as number;
    if (hasTag(state, d, t) && inWindow(state, state.tags.lists, t, i, d, params.tagPostings) >= 0) acc = addPart(acc, state.tags.idf[t] as number, 1);
  }
  const s = docs.section[i] as number;
  if (s >= 0 && docs.section[d] === s && inWindow(state, state.sections.lists, s, i, d, params.tagPostings) >= 0) {
    acc = addPart(acc, params.sectionWeight * (state.sections.idf[s] as number), 1);
  }
  // The query terms of `i` that `d` has, in the order of strength (weight descending, then position).
  const at = docs.terms.start[i] as number;
  const ids = docs.terms.ints[0] as Int32Array;
  const weights = docs.terms.floats[0] as Float64Array;
  const shared: number[] = [];
  for (let k = at, end = at + (docs.terms.length[i] as number); k < end; k++) {
    const id = ids[k] as number;
    if (state.scratch.termWeights[id] !== 0 && queriesTerm(state, i, id, weights[k] as number)) shared.push(k);
  }
  shared.sort((x, y) => (weights[y] as number) - (weights[x] as number) || x - y);
  const lists = state.terms.lists;
  for (const k of shared) {
    const id = ids[k] as number;
    const position = inWindow(state, lists, id, i, d, params.termPostings);
    if (position >= 0) acc = addPart(acc, params.textWeight * (weights[k] as number), (lists.floats[0] as Float64Array)[(lists.start[id] as number) + position] as number);
  }
  return acc;
}

/** The position of `d` in list `id` of `lists` when it is in the window `i` looks at, else -1. */
export function inWindow(state: RelatedState, lists: Ragged, id: number, i: number, d: number, max: number): number {
  const position = findPosting(lists, id, state.order.rank, d);
  if (position < 0) return -1;
  const hi = windowEnd(sizeOf(lists, id), positionOf(lists, id, state.order.rank, i), max);
  return position >= hi - max && position < hi ? position : -1;
}

/** Puts `i`'s weights by term id into scratch.termWeights (0 for a common term), for exactScore; clearTermWeights undoes it. */
export function fillTermWeights(state: RelatedState, i: number): void {
  ensureTermScratch(state);
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  const weights = terms.floats[0] as Float64Array;
  const out = state.scratch.termWeights;
  for (let k = terms.start[i] as number, end = k + (terms.length[i] as number); k < end; k++) {
    const id = ids[k] as number;
    if (!state.terms.common[id]) out[id] = weights[k] as number;
  }
}

export function clearTermWeights(state: RelatedState, i: number): void {
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  for (let k = terms.start[i] as number, end = k + (terms.length[i] as number); k < end; k++) state.scratch.termWeights[ids[k] as number] = 0;
}

/** Whether `slot` has topic `t`. */
export function hasTag(state: RelatedState, slot: number, t: number): boolean {
  const tags = state.docs.tags;
  const ids = tags.ints[0] as Int32Array;
  for (let k = tags.start[slot] as number, end = k + (tags.length[slot] as number); k < end; k++) if (ids[k] === t) return true;
  return false;
}

/**
 * The exact score of `j` for `i` (whose weights fillTermWeights put in scratch): shared topics,
 * the same section, then shared text terms in the order of `j`'s terms.
 */
export function exactScore(state: RelatedState, i: number, j: number): number {
  const { docs, params } = state;
  let score = 0;
  const tagIds = docs.tags.ints[0] as Int32Array;
  for (let k = docs.tags.start[i] as number, end = k + (docs.tags.length[i] as number); k < end; k++) {
    const t = tagIds[k] as number;
    if (hasTag(state, j, t)) score += state.tags.idf[t] as number;
  }
  const s = docs.section[i] as number;
  if (s >= 0 && docs.section[j] === s) score += params.sectionWeight * (state.sections.idf[s] as number);
  const ids = docs.terms.ints[0] as Int32Array;
  const weights = docs.terms.floats[0] as Float64Array;
  const mine = state.scratch.termWeights;
  for (let k = docs.terms.start[j] as number, end = k + (docs.terms.length[j] as number); k < end; k++) {
    const w = mine[ids[k] as number] as number;
    if (w !== 0) score += params.textWeight * w * (weights[k] as number);
  }
  return score;
}
