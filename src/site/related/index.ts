// Automatic "Mehr zum Thema" as a state the engine keeps in its store and updates for any change
// of articles, with the same choices, to the last bit, as a computation from scratch.
//
//   buildRelatedState(docs, params?) → RelatedState          from scratch (a cold build)
//   emptyRelatedState(params?)       → RelatedState          nothing yet; updates fill it
//   updateRelated(state, {upsert, remove}) → {changed, rescored, rebuilt}
//       in place: `remove` (keys) first, then `upsert` (a key's last document counts). `changed`:
//       the keys whose automatic choices changed, newest first (a new document when it has some;
//       removed ones never). `rescored`: how many documents chose anew. `rebuilt`: the change
//       reached too far (a step of the number of articles, a term becoming common or no longer,
//       more than params.maxChanged weights) and everything was computed anew.
//   choicesOf(state, key) → string[]                          the automatic choices, keys, best first
//   explain(state, key) → ScoreParts[]                        each choice's score and its parts
//   encodeRelatedState(state) → Uint8Array, decodeRelatedState(bytes) → RelatedState
//       typed arrays as raw bytes, each string once; equal states give equal bytes.
//
// Scoring (as src/site/related-index.ts): each shared topic scores its idf, the same section half
// of its idf, text similarity (cosine of tf-idf unit vectors) up to 6. Candidates come through
// bounded windows of posting lists, the postings nearest in time (64 per topic and section, 32
// per text term, through an article's 15 strongest text terms that are not in more than 20 % of
// the articles); the best 12 approximate candidates are scored exactly; below 1 nothing is
// chosen; ties go to the newer article; exclusions and the editor's links are skipped. The one
// change: every idf reads stepped counts (params.ts), the number of articles too, so that a new
// or deleted article changes other articles' weights only where a count crosses a step.
import { listOf } from './ragged.js';
import { liveSlots, slotOf, type RelatedState } from './state.js';

export { buildRelatedState } from './build.js';
export { decodeRelatedState, encodeRelatedState, FORMAT_VERSION } from './codec.js';
export type { RelatedDoc } from './doc.js';
export { explain, type ScoreParts } from './explain.js';
export { countStep, DEFAULT_PARAMS, idfOf, isCommon, relatedParams, steppedCount, type RelatedParams } from './params.js';
export type { Changes } from './plan.js';
export { emptyRelatedState, type RelatedState } from './state.js';
export { updateRelated, type UpdateResult } from './update.js';

/** The automatic choices of `key`, best first ([] for an unknown key). */
export function choicesOf(state: RelatedState, key: string): string[] {
  const slot = slotOf(state, key);
  return slot === undefined ? [] : Array.from(listOf(state.chosen.choices, slot), (j) => state.docs.keys[j] as string);
}

/** The keys of all documents, newest first. */
export function keysOf(state: RelatedState): string[] {
  return Array.from(liveSlots(state), (slot) => state.docs.keys[slot] as string);
}
