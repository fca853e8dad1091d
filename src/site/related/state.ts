// The state of automatic "Mehr zum Thema" that the engine keeps between builds: every document's
// inputs, the posting lists and weights built from them, and each document's best candidates and
// choices. Plain data: documents live in slots (stable while they exist, reused after a deletion)
// and a slot's numbers in typed arrays; the order newest first is a rank per slot.
import { addName, emptyNameIndex, findName, removeName, type NameIndex } from './name-index.js';
import { DEFAULT_PARAMS, type RelatedParams } from './params.js';
import { emptyVocabulary, type Vocabulary } from './postings.js';
import { emptyRagged, grown, growSlots, release, type Ragged } from './ragged.js';

export interface Docs {
  /** By slot; null where the slot is free. */
  keys: (string | null)[];
  slugs: string[];
  /** Finds a key's slot (slotOf). */
  keyIndex: NameIndex;
  /** Slots given up by deleted documents. */
  free: number[];
  dateMs: Float64Array;
  room: Int32Array;
  /** Section id, -1 for none. */
  section: Int32Array;
  /** Topic ids, in the article's order. */
  tags: Ragged;
  /** Text terms in the article's order: ints [term id, count], floats [weight in the unit vector]. */
  terms: Ragged;
  /** The weight and the position (in the article's terms) of its weakest query term; -Infinity when all its terms that count are query terms. */
  lastQueryWeight: Float64Array;
  lastQueryPosition: Int32Array;
  /** Only for documents that have some. */
  exclude: Map<number, readonly string[]>;
  linked: Map<number, readonly string[]>;
}

export interface Order {
  /** Slots newest first (the first `size`). */
  slots: Int32Array;
  size: number;
  /** Position of each slot in `slots`. */
  rank: Int32Array;
}

export interface Chosen {
  /** Per slot, the best approximate candidates (ints [slot], floats [approximate score]), best first: what tells an update whether a changed document can matter. */
  best: Ragged;
  /** Per slot, the automatic choices (ints [slot]), best first. */
  choices: Ragged;
}

/** Buffers one computation uses and leaves as it found them; never part of an encoding. */
export interface Scratch {
  /** Approximate scores by slot, all 0 between uses. */
  acc: Float64Array;
  touched: number[];
  /** One document's weights by term id, all 0 between uses. */
  termWeights: Float64Array;
  /** Positions of a document's query terms. */
  queryOrder: Int32Array;
}

export interface RelatedState {
  params: RelatedParams;
  docs: Docs;
  order: Order;
  tags: Vocabulary;
  sections: Vocabulary;
  terms: Vocabulary;
  chosen: Chosen;
  scratch: Scratch;
}

export function emptyRelatedState(params: RelatedParams = { ...DEFAULT_PARAMS }): RelatedState {
  return {
    params: { ...params },
    docs: {
      keys: [],
      slugs: [],
      keyIndex: emptyNameIndex(),
      free: [],
      dateMs: new Float64Array(16),
      room: new Int32Array(16),
      section: new Int32Array(16),
      tags: emptyRagged(1, 0),
      terms: emptyRagged(2, 1),
      lastQueryWeight: new Float64Array(16),
      lastQueryPosition: new Int32Array(16),
      exclude: new Map(),
      linked: new Map(),
    },
    order: { slots: new Int32Array(16), size: 0, rank: new Int32Array(16) },
    tags: emptyVocabulary(false),
    sections: emptyVocabulary(false),
    terms: emptyVocabulary(true),
    chosen: { best: emptyRagged(1, 1), choices: emptyRagged(1, 0) },
    scratch: { acc: new Float64Array(16), touched: [], termWeights: new Float64Array(64), queryOrder: new Int32Array(64) },
  };
}

/** The slot of the document `key`, or undefined when there is none. */
export function slotOf(state: RelatedState, key: string): number | undefined {
  const slot = findName(state.docs.keyIndex, state.docs.keys, key);
  return slot < 0 ? undefined : slot;
}

/** A slot for a new document `key` (a free one if there is one). */
export function allocateSlot(state: RelatedState, key: string): number {
  const docs = state.docs;
  const slot = docs.free.pop() ?? docs.keys.length;
  if (slot === docs.keys.length) {
    docs.keys.push(key);
    docs.slugs.push('');
  } else docs.keys[slot] = key;
  addName(docs.keyIndex, docs.keys, slot);
  ensureSlots(state, docs.keys.length);
  return slot;
}

/** Gives up the slot of a deleted document (its lists, exclusions and links); a later document may take it. */
export function freeSlot(state: RelatedState, slot: number): void {
  const docs = state.docs;
  for (const ragged of [docs.tags, docs.terms, state.chosen.best, state.chosen.choices]) release(ragged, slot);
  removeName(docs.keyIndex, slot);
  docs.keys[slot] = null;
  docs.exclude.delete(slot);
  docs.linked.delete(slot);
  docs.free.push(slot);
}

/** Grows every array by slot to hold `count` slots. */
export function ensureSlots(state: RelatedState, count: number): void {
  const { docs, order, scratch } = state;
  docs.dateMs = grown(docs.dateMs, count);
  docs.room = grown(docs.room, count);
  docs.section = grown(docs.section, count);
  docs.lastQueryWeight = grown(docs.lastQueryWeight, count);
  docs.lastQueryPosition = grown(docs.lastQueryPosition, count);
  order.slots = grown(order.slots, count);
  order.rank = grown(order.rank, count);
  scratch.acc = grown(scratch.acc, count);
  for (const ragged of [docs.tags, docs.terms, state.chosen.best, state.chosen.choices]) growSlots(ragged, count);
}

/** Makes the term scratch hold every term id given out. */
export function ensureTermScratch(state: RelatedState): void {
  const count = state.terms.names.length;
  if (count > state.scratch.termWeights.length) state.scratch.termWeights = new Float64Array(Math.max(count, 2 * state.scratch.termWeights.length));
}

/** The order of `n` documents in slots 0 … n-1 oldest first. */
export function setOrderOldestFirst(state: RelatedState, n: number): void {
  ensureSlots(state, n);
  const order = state.order;
  for (let r = 0; r < n; r++) {
    order.slots[r] = n - 1 - r;
    order.rank[n - 1 - r] = r;
  }
  order.size = n;
}

/** The live slots, newest first. */
export const liveSlots = (state: RelatedState): Int32Array => state.order.slots.subarray(0, state.order.size);
