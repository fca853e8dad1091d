// A document's text as a unit vector of tf-idf weights, and its query terms: the strongest terms
// that are not too common, through which it finds candidates. Every sum runs over the document's
// terms in its own order, so the bits do not depend on ids or on the history of the state.
import type { RelatedState } from './state.js';

/** 1 + ln(count) for the counts most terms have (the same bits as computing it: it is computed once here). */
const LOG_TABLE: readonly number[] = Object.freeze(Array.from({ length: 256 }, (_, count) => 1 + Math.log(count)));

/** Computes the weights of `slot`'s unit vector from its counts and the terms' idf, and its last query term. */
export function updateVector(state: RelatedState, slot: number): void {
  const terms = state.docs.terms;
  const at = terms.start[slot] as number;
  const length = terms.length[slot] as number;
  const ids = terms.ints[0] as Int32Array;
  const counts = terms.ints[1] as Int32Array;
  const weights = terms.floats[0] as Float64Array;
  const idf = state.terms.idf;
  for (let k = at; k < at + length; k++) {
    const count = counts[k] as number;
    weights[k] = (count < LOG_TABLE.length ? (LOG_TABLE[count] as number) : 1 + Math.log(count)) * (idf[ids[k] as number] as number);
  }
  const norm = hypot(weights, at, at + length) || 1;
  for (let k = at; k < at + length; k++) weights[k] = (weights[k] as number) / norm;
  rememberLastQuery(state, slot);
}

/** Remembers the weakest of `slot`'s query terms, for `queriesTerm`. */
function rememberLastQuery(state: RelatedState, slot: number): void {
  const count = queryOrder(state, slot);
  const terms = state.docs.terms;
  const nonCommon = countNonCommon(state, slot);
  if (nonCommon > count) {
    const position = state.scratch.queryOrder[count - 1] as number;
    state.docs.lastQueryPosition[slot] = position;
    state.docs.lastQueryWeight[slot] = (terms.floats[0] as Float64Array)[(terms.start[slot] as number) + position] as number;
  } else {
    state.docs.lastQueryPosition[slot] = -1;
    state.docs.lastQueryWeight[slot] = -Infinity;
  }
}

function countNonCommon(state: RelatedState, slot: number): number {
  const terms = state.docs.terms;
  const at = terms.start[slot] as number;
  const ids = terms.ints[0] as Int32Array;
  let count = 0;
  for (let k = at; k < at + (terms.length[slot] as number); k++) if (!state.terms.common[ids[k] as number]) count++;
  return count;
}

/**
 * The positions (in `slot`'s terms) of its query terms, into scratch.queryOrder: the strongest
 * terms that are not too common, weight descending, then position; at most params.queryTerms.
 * Returns how many.
 */
export function queryOrder(state: RelatedState, slot: number): number {
  const terms = state.docs.terms;
  const at = terms.start[slot] as number;
  const length = terms.length[slot] as number;
  const ids = terms.ints[0] as Int32Array;
  const weights = terms.floats[0] as Float64Array;
  const common = state.terms.common;
  if (state.scratch.queryOrder.length < length) state.scratch.queryOrder = new Int32Array(2 * length);
  const order = state.scratch.queryOrder;
  let count = 0;
  for (let k = 0; k < length; k++) {
    if (common[ids[at + k] as number]) continue;
    const w = weights[at + k] as number;
    let to = count++;
    for (; to > 0 && (weights[at + (order[to - 1] as number)] as number) < w; to--) order[to] = order[to - 1] as number;
    order[to] = k;
  }
  return Math.min(count, state.params.queryTerms);
}

/** Whether `slot` finds candidates through term `id`, in which its weight is `weight`. */
export function queriesTerm(state: RelatedState, slot: number, id: number, weight: number): boolean {
  if (state.terms.common[id]) return false;
  const last = state.docs.lastQueryWeight[slot] as number;
  if (weight !== last) return weight > last;
  const terms = state.docs.terms;
  const at = terms.start[slot] as number;
  const ids = terms.ints[0] as Int32Array;
  let k = 0;
  while (ids[at + k] !== id) k++;
  return k <= (state.docs.lastQueryPosition[slot] as number);
}

/**
 * Math.hypot over values[from, to) without spreading them as arguments: V8's own algorithm (the
 * largest value scales the rest, Kahan-compensated sum of squares), the same to the last bit.
 */
export function hypot(values: Float64Array, from = 0, to = values.length): number {
  let max = 0;
  for (let k = from; k < to; k++) {
    const v = Math.abs(values[k] as number);
    if (v > max) max = v;
  }
  if (max === 0) return 0;
  let sum = 0;
  let compensation = 0;
  for (let k = from; k < to; k++) {
    const n = Math.abs(values[k] as number) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
}
