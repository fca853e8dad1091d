// Applies a batch of changes in place, so that the state equals, to the last bit, the state
// computed from scratch: documents leave their posting lists (at the old ranks), the documents
// and the order change, weights are recomputed where a count crossed a step, documents join
// their lists (at the new ranks); then every document the change reaches chooses again.
import { rebuild } from './build.js';
import { chooseFor } from './choose.js';
import { readDoc, writeDoc } from './doc.js';
import { featuresOf, joinLists, leaveLists, NO_FEATURES, refreshWeights } from './membership.js';
import { reorder } from './order.js';
import { idfOf } from './params.js';
import { batchOf, planOf, type Batch, type Changes, type Plan } from './plan.js';
import { idOf, type Vocabulary } from './postings.js';
import { listOf } from './ragged.js';
import { noteWatchers } from './reach.js';
import { allocateSlot, freeSlot, type RelatedState } from './state.js';
import { updateVector } from './vector.js';

export interface UpdateResult {
  /** Keys whose automatic choices changed (new documents with some choices included, removed ones not), newest first. */
  changed: string[];
  /** How many documents chose anew. */
  rescored: number;
  /** Whether the change reached too far and everything was computed anew. */
  rebuilt: boolean;
}

export function updateRelated(state: RelatedState, changes: Changes): UpdateResult {
  const batch = batchOf(state, changes);
  if (batch.removed.length + batch.added.length + batch.updated.length === 0) return { changed: [], rescored: 0, rebuilt: false };
  const plan = planOf(state, batch);
  if (plan.rebuild !== null) return { ...rebuild(state, batch), rebuilt: true };
  const { chooseAgain, removed } = updateInPlace(state, batch, plan);
  let rescored = 0;
  const changed: number[] = [];
  for (const slot of chooseAgain) {
    if (removed.has(slot)) continue;
    if ((state.docs.room[slot] as number) > 0) rescored++;
    if (chooseFor(state, slot)) changed.push(slot);
  }
  for (const slot of removed) freeSlot(state, slot);
  const rank = state.order.rank;
  return { changed: changed.sort((a, b) => (rank[a] as number) - (rank[b] as number)).map((slot) => state.docs.keys[slot] as string), rescored, rebuilt: false };
}

/** Changes documents, lists and weights; returns the documents that must choose again (and the removed slots, to skip and free). */
function updateInPlace(state: RelatedState, batch: Batch, plan: Plan): { chooseAgain: Set<number>; removed: Set<number> } {
  const chooseAgain = new Set<number>();
  const changedWeights = new Set<number>();
  const removed = new Set(batch.removed);
  const reordered = new Set(batch.updated.filter((u) => u.change.order).map((u) => u.slot));
  const oldFeatures = (slot: number, old: ReturnType<typeof featuresOf>) => (reordered.has(slot) ? NO_FEATURES : old);

  // Leave the lists at the old ranks: all of them when the document goes or moves in the order.
  for (const slot of batch.removed) leaveLists(state, slot, featuresOf(readDoc(state, slot)), NO_FEATURES, chooseAgain);
  for (const u of batch.updated) leaveLists(state, u.slot, featuresOf(u.old), oldFeatures(u.slot, featuresOf(u.doc)), chooseAgain);

  // The documents, the order, the idf of every changed frequency, and the vectors that change.
  for (const u of batch.updated) writeDoc(state, u.slot, u.doc);
  const added = batch.added.map((doc) => {
    const slot = allocateSlot(state, doc.key);
    writeDoc(state, slot, doc);
    return slot;
  });
  reorder(state, new Set([...removed, ...reordered]), [...added, ...reordered]);
  setIdfFrom(state.tags, plan.tags, plan.n);
  setIdfFrom(state.sections, plan.sections, plan.n);
  setIdfFrom(state.terms, plan.terms, plan.n);
  const own = new Set([...added, ...batch.updated.map((u) => u.slot)]);
  for (const slot of own) {
    updateVector(state, slot);
    chooseAgain.add(slot);
  }
  for (const slot of membersOf(state.terms, plan.stepped.terms)) {
    if (changedWeights.has(slot)) continue;
    if (!own.has(slot)) updateVector(state, slot);
    changedWeights.add(slot);
    chooseAgain.add(slot);
  }

  // Join the lists at the new ranks, with the new weights.
  for (const slot of added) joinLists(state, slot, NO_FEATURES, featuresOf(readDoc(state, slot)), chooseAgain);
  for (const u of batch.updated) joinLists(state, u.slot, oldFeatures(u.slot, featuresOf(u.old)), featuresOf(u.doc), chooseAgain);
  for (const slot of [...own, ...changedWeights]) refreshWeights(state, slot);
  // A topic's or section's new idf: every article with it scores anew.
  for (const slot of [...membersOf(state.tags, plan.stepped.tags), ...membersOf(state.sections, plan.stepped.sections)]) chooseAgain.add(slot);

  // Documents whose weights, topics or section changed in their places: those that see them may choose differently.
  for (const u of batch.updated) if (!reordered.has(u.slot) && (u.change.tags || u.change.section || u.change.terms)) changedWeights.add(u.slot);
  for (const slot of changedWeights) noteWatchers(state, slot, chooseAgain);
  return { chooseAgain, removed };
}

/** The documents with any of the features `names`. */
function* membersOf(vocabulary: Vocabulary, names: readonly string[]): Generator<number> {
  for (const name of names) yield* listOf(vocabulary.lists, idOf(vocabulary, name) as number);
}

function setIdfFrom(vocabulary: Vocabulary, frequencies: ReadonlyMap<string, number>, n: number): void {
  for (const [name, df] of frequencies) vocabulary.idf[idOf(vocabulary, name) as number] = df > 0 ? idfOf(n, df) : 0;
}
