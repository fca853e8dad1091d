// Which documents a change can reach. A document that joins or leaves a posting list moves the
// windows of the documents near it in that list (and only those: farther away a window keeps its
// documents). A document whose weights, topics or section change matters to a document that
// sees it in a window only when it was among that document's best candidates or now beats the last one.
import { keepFor } from './choose.js';
import { positionOf, sizeOf, windowEnd } from './postings.js';
import { listOf, type Ragged } from './ragged.js';
import { approximateScore, clearTermWeights, fillTermWeights } from './score.js';
import type { RelatedState } from './state.js';
import { queriesTerm } from './vector.js';

/**
 * Adds to `into` the documents whose window in list `id` of `lists` may differ because a posting
 * was added at or removed from position `at`: those within `max` + 1 positions of it, which look
 * at the list (`term`: a text term's list, which only its querying documents look at).
 */
export function noteNear(state: RelatedState, lists: Ragged, id: number, at: number, max: number, term: boolean, into: Set<number>): void {
  const start = lists.start[id] as number;
  const docs = lists.ints[0] as Int32Array;
  const weights = lists.floats[0];
  for (let k = start + Math.max(0, at - max - 1), end = start + Math.min(sizeOf(lists, id), at + max + 2); k < end; k++) {
    const j = docs[k] as number;
    if (into.has(j) || (term && !queriesTerm(state, j, id, (weights as Float64Array)[k] as number))) continue;
    into.add(j);
  }
}

/** Adds to `into` the documents that see `d` in one of their windows and may now choose differently because `d` changed (mayChooseAgain). */
export function noteWatchers(state: RelatedState, d: number, into: Set<number>): void {
  const { docs, params } = state;
  const watchers = new Set<number>();
  const tagIds = docs.tags.ints[0] as Int32Array;
  for (let k = docs.tags.start[d] as number, end = k + (docs.tags.length[d] as number); k < end; k++) {
    watchersIn(state, state.tags.lists, tagIds[k] as number, d, params.tagPostings, false, into, watchers);
  }
  const section = docs.section[d] as number;
  if (section >= 0) watchersIn(state, state.sections.lists, section, d, params.tagPostings, false, into, watchers);
  const termIds = docs.terms.ints[0] as Int32Array;
  for (let k = docs.terms.start[d] as number, end = k + (docs.terms.length[d] as number); k < end; k++) {
    watchersIn(state, state.terms.lists, termIds[k] as number, d, params.termPostings, true, into, watchers);
  }
  // Each watcher once, however many lists it shares with `d`.
  fillTermWeights(state, d);
  for (const j of watchers) if (mayChooseAgain(state, j, d)) into.add(j);
  clearTermWeights(state, d);
}

/** Adds to `watchers` the documents (not yet in `skip`) whose window in list `id` of `lists` holds `d`. */
function watchersIn(state: RelatedState, lists: Ragged, id: number, d: number, max: number, term: boolean, skip: Set<number>, watchers: Set<number>): void {
  const docs = listOf(lists, id);
  const start = lists.start[id] as number;
  const at = positionOf(lists, id, state.order.rank, d);
  for (let k = Math.max(0, at - max), end = Math.min(docs.length, at + max + 1); k < end; k++) {
    const j = docs[k] as number;
    if (j === d || skip.has(j) || watchers.has(j)) continue;
    const hi = windowEnd(docs.length, k, max);
    if (at < hi - max || at >= hi) continue;
    if (term && !queriesTerm(state, j, id, (lists.floats[0] as Float64Array)[start + k] as number)) continue;
    watchers.add(j);
  }
}

/**
 * Whether `j` may choose differently now that `d` changed and nothing else `j` reads did: when
 * `d` was one of its best candidates, or would be one now (or `j` kept fewer than it could).
 * `d`'s weights are in scratch.termWeights.
 */
export function mayChooseAgain(state: RelatedState, j: number, d: number): boolean {
  if ((state.docs.room[j] as number) <= 0) return false;
  const best = state.chosen.best;
  const ids = listOf(best, j);
  if (ids.includes(d) || ids.length < keepFor(state, j)) return true;
  const lastAt = (best.start[j] as number) + ids.length - 1;
  const last = ids[ids.length - 1] as number;
  const lastScore = (best.floats[0] as Float64Array)[lastAt] as number;
  const score = approximateScore(state, j, d);
  const rank = state.order.rank;
  return score > lastScore || (score === lastScore && (rank[d] as number) < (rank[last] as number));
}
