// Applies a batch of changes in place, so that the state equals, to the last bit, the state
// computed from scratch: documents leave their posting lists (at the old ranks), the documents
// and the order change, weights are recomputed where a count crossed a step, documents join
// their lists (at the new ranks); then every document the change reaches chooses again.
import { buildRelatedState } from './build.js';
import { chooseFor, listOf } from './choose.js';
import { readDoc, writeDoc, type RelatedDoc } from './doc.js';
import { reorder } from './order.js';
import { batchOf, planOf, type Batch, type Changes, type Plan } from './plan.js';
import { findPosting, insertPosting, removePosting, type PostingList, type Vocabulary } from './postings.js';
import { release } from './ragged.js';
import { noteNear, noteWatchers } from './reach.js';
import { allocateSlot, type RelatedState } from './state.js';
import { idfOf } from './stepping.js';
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
  return plan.rebuild === null ? updateInPlace(state, batch, plan) : rebuild(state, batch);
}

/** Which of a document's features it has: topic names, section name, stems. */
interface Features {
  tags: ReadonlySet<string>;
  section: string | null;
  terms: ReadonlySet<string>;
}
const featuresOf = (doc: RelatedDoc): Features => ({ tags: new Set(doc.tags), section: doc.section, terms: new Set(doc.terms.stems) });
const NONE: Features = { tags: new Set(), section: null, terms: new Set() };

function updateInPlace(state: RelatedState, batch: Batch, plan: Plan): UpdateResult {
  const { docs } = state;
  const again = new Set<number>();
  const changedWeights = new Set<number>();
  const removed = new Set(batch.removed);
  const reordered = new Set(batch.updated.filter((u) => u.change.order).map((u) => u.slot));

  // Leave the lists at the old ranks: all of them when the document goes or moves in the order.
  const leave = (slot: number, from: Features, to: Features) => {
    eachFeature(state, from, to, (vocabulary, id, max, term) => {
      const at = removePosting(vocabulary.lists[id] as PostingList, state.order.rank, slot);
      noteNear(state, vocabulary.lists[id] as PostingList, at, max, term, again);
    });
  };
  for (const slot of batch.removed) leave(slot, featuresOf(readDoc(state, slot)), NONE);
  for (const u of batch.updated) leave(u.slot, featuresOf(u.old), reordered.has(u.slot) ? NONE : featuresOf(u.doc));

  // The documents, the order, every changed frequency's idf, and the vectors that change.
  for (const u of batch.updated) writeDoc(state, u.slot, u.doc);
  const added = batch.added.map((doc) => {
    const slot = allocateSlot(state, doc.key);
    writeDoc(state, slot, doc);
    return slot;
  });
  reorder(state, new Set([...removed, ...reordered]), [...added, ...reordered]);
  setIdf(state.tags, plan.tags, plan.n);
  setIdf(state.sections, plan.sections, plan.n);
  setIdf(state.terms, plan.terms, plan.n);
  const own = new Set([...added, ...batch.updated.map((u) => u.slot)]);
  for (const slot of own) {
    updateVector(state, slot);
    again.add(slot);
  }
  for (const stem of plan.stepped.terms) {
    for (const slot of (state.terms.lists[state.terms.idOf.get(stem) as number] as PostingList).docs) {
      if (changedWeights.has(slot)) continue;
      if (!own.has(slot)) updateVector(state, slot);
      changedWeights.add(slot);
      again.add(slot);
    }
  }

  // Join the lists at the new ranks, with the new weights.
  const join = (slot: number, from: Features, to: Features) => {
    eachFeature(state, to, from, (vocabulary, id, max, term) => {
      const list = vocabulary.lists[id] as PostingList;
      const at = insertPosting(list, state.order.rank, slot, term >= 0 ? weightOf(state, slot, id) : null);
      noteNear(state, list, at, max, term, again);
    });
  };
  for (const slot of added) join(slot, NONE, featuresOf(readDoc(state, slot)));
  for (const u of batch.updated) join(u.slot, reordered.has(u.slot) ? NONE : featuresOf(u.old), featuresOf(u.doc));
  for (const slot of [...own, ...changedWeights]) refreshWeights(state, slot);
  for (const [vocabulary, names] of [[state.tags, plan.stepped.tags], [state.sections, plan.stepped.sections]] as const) {
    for (const name of names) for (const slot of (vocabulary.lists[vocabulary.idOf.get(name) as number] as PostingList).docs) again.add(slot);
  }

  // Documents whose weights, topics or section changed in place: those that see them may choose differently.
  for (const u of batch.updated) if (!reordered.has(u.slot) && (u.change.tags || u.change.section || u.change.terms)) changedWeights.add(u.slot);
  for (const slot of changedWeights) noteWatchers(state, slot, again);

  let rescored = 0;
  const changed: number[] = [];
  for (const slot of again) {
    if (removed.has(slot)) continue;
    if ((docs.room[slot] as number) > 0) rescored++;
    if (chooseFor(state, slot)) changed.push(slot);
  }
  for (const slot of removed) freeSlot(state, slot);
  return { changed: changed.sort((a, b) => (state.order.rank[a] as number) - (state.order.rank[b] as number)).map((slot) => docs.keys[slot] as string), rescored, rebuilt: false };
}

/** Calls `visit` for each feature in `of` but not in `but`, with its vocabulary, id, window and (text terms) its id again, else -1. */
function eachFeature(state: RelatedState, of: Features, but: Features, visit: (vocabulary: Vocabulary, id: number, max: number, term: number) => void): void {
  const idOf = (vocabulary: Vocabulary, name: string) => vocabulary.idOf.get(name) as number;
  const { tagPostings, termPostings } = state.params;
  for (const tag of of.tags) if (!but.tags.has(tag)) visit(state.tags, idOf(state.tags, tag), tagPostings, -1);
  if (of.section !== null && of.section !== but.section) visit(state.sections, idOf(state.sections, of.section), tagPostings, -1);
  for (const stem of of.terms) if (!but.terms.has(stem)) visit(state.terms, idOf(state.terms, stem), termPostings, idOf(state.terms, stem));
}

function setIdf(vocabulary: Vocabulary, frequencies: ReadonlyMap<string, number>, n: number): void {
  for (const [name, df] of frequencies) vocabulary.idf[vocabulary.idOf.get(name) as number] = df > 0 ? idfOf(n, df) : 0;
}

/** The weight of term `id` in `slot`'s vector. */
function weightOf(state: RelatedState, slot: number, id: number): number {
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  let k = terms.start[slot] as number;
  while (ids[k] !== id) k++;
  return (terms.floats[0] as Float64Array)[k] as number;
}

/** Writes `slot`'s weights into the lists of its terms. */
function refreshWeights(state: RelatedState, slot: number): void {
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  const weights = terms.floats[0] as Float64Array;
  for (let k = terms.start[slot] as number, end = k + (terms.length[slot] as number); k < end; k++) {
    const list = state.terms.lists[ids[k] as number] as PostingList;
    list.weights[findPosting(list, state.order.rank, slot)] = weights[k] as number;
  }
}

function freeSlot(state: RelatedState, slot: number): void {
  const docs = state.docs;
  for (const ragged of [docs.tags, docs.terms, state.chosen.best, state.chosen.choices]) release(ragged, slot);
  docs.slotOfKey.delete(docs.keys[slot] as string);
  docs.keys[slot] = null;
  docs.exclude.delete(slot);
  docs.linked.delete(slot);
  docs.free.push(slot);
}

/** Everything computed anew from the documents after the batch; the changed keys are those whose choices differ from before. */
function rebuild(state: RelatedState, batch: Batch): UpdateResult {
  const before = new Map<string, string>();
  const keysOf = (s: RelatedState, slot: number) => Array.from(listOf(s.chosen.choices, slot), (j) => s.docs.keys[j] as string).join('\u0000');
  const skip = new Set([...batch.removed, ...batch.updated.map((u) => u.slot)]);
  const docs: RelatedDoc[] = [];
  for (const slot of state.order.slots.subarray(0, state.order.size)) {
    before.set(state.docs.keys[slot] as string, keysOf(state, slot));
    if (!skip.has(slot)) docs.push(readDoc(state, slot));
  }
  docs.push(...batch.updated.map((u) => u.doc), ...batch.added);
  Object.assign(state, buildRelatedState(docs, state.params));
  const changed: string[] = [];
  let rescored = 0;
  for (let slot = 0; slot < state.order.size; slot++) {
    const key = state.docs.keys[slot] as string;
    if ((state.docs.room[slot] as number) > 0) rescored++;
    if (keysOf(state, slot) !== (before.get(key) ?? '')) changed.push(key);
  }
  return { changed, rescored, rebuilt: true };
}
