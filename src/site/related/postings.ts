// Posting lists: for one topic, section or text term, the documents that have it, newest first
// (by the order's rank of each slot), and for a text term each document's weight for it. An
// article looks only at a window of each list, the postings nearest to its own. All lists of a
// vocabulary are one Ragged by feature id, so that an encoding stores them as they are.
import { addName, emptyNameIndex, findName, type NameIndex } from './name-index.js';
import { emptyRagged, grown, insertAt, removeAt, type Ragged } from './ragged.js';

/** Topics, sections or text terms by id: their names, posting lists and idf (and, for text terms, which are too common). */
export interface Vocabulary {
  names: string[];
  /** Finds a name's id (idOf). */
  index: NameIndex;
  /** By id, the posting list: ints [slot], newest first; for text terms also floats [the term's weight in each document's vector]. */
  lists: Ragged;
  /** By id (the first names.length entries; the arrays may be longer). */
  idf: Float64Array;
  /** 1 for a text term found in too many articles to count (always 0 for topics and sections). */
  common: Uint8Array;
}

export const emptyVocabulary = (weighted: boolean): Vocabulary => ({
  names: [],
  index: emptyNameIndex(),
  lists: emptyRagged(1, weighted ? 1 : 0),
  idf: new Float64Array(16),
  common: new Uint8Array(16),
});

/** The id of `name`, or undefined when it has none. */
export function idOf(vocabulary: Vocabulary, name: string): number | undefined {
  const id = findName(vocabulary.index, vocabulary.names, name);
  return id < 0 ? undefined : id;
}

/** The id of `name`, given out now when it is new (with an empty list). */
export function idFor(vocabulary: Vocabulary, name: string): number {
  let id = findName(vocabulary.index, vocabulary.names, name);
  if (id < 0) {
    id = vocabulary.names.length;
    vocabulary.names.push(name);
    addName(vocabulary.index, vocabulary.names, id);
    vocabulary.idf = grown(vocabulary.idf, id + 1);
    vocabulary.common = grown(vocabulary.common, id + 1);
    vocabulary.idf[id] = 0;
    vocabulary.common[id] = 0;
  }
  return id;
}

/** The number of documents in list `id`. */
export const sizeOf = (lists: Ragged, id: number): number => (id < lists.length.length ? (lists.length[id] as number) : 0);

/** Where `slot` is, or would be, in list `id`: the number of its documents newer than `slot`. */
export function positionOf(lists: Ragged, id: number, rank: Int32Array, slot: number): number {
  const docs = lists.ints[0] as Int32Array;
  const start = lists.start[id] as number;
  const r = rank[slot] as number;
  let lo = 0;
  let hi = sizeOf(lists, id);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rank[docs[start + mid] as number] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `slot` in list `id`, or -1 when it is not there. */
export function findPosting(lists: Ragged, id: number, rank: Int32Array, slot: number): number {
  const at = positionOf(lists, id, rank, slot);
  return at < sizeOf(lists, id) && (lists.ints[0] as Int32Array)[(lists.start[id] as number) + at] === slot ? at : -1;
}

/** Adds `slot` in its place (a text term's weight too); returns its position. */
export function insertPosting(lists: Ragged, id: number, rank: Int32Array, slot: number, weight: number | null): number {
  const at = positionOf(lists, id, rank, slot);
  const to = insertAt(lists, id, at);
  (lists.ints[0] as Int32Array)[to] = slot;
  if (weight !== null) (lists.floats[0] as Float64Array)[to] = weight;
  return at;
}

/** Takes `slot` out of list `id` (the ranks must still be those it was added with); returns the position it had. */
export function removePosting(lists: Ragged, id: number, rank: Int32Array, slot: number): number {
  const at = findPosting(lists, id, rank, slot);
  if (at < 0) throw new Error(`slot ${slot} is not in the posting list`);
  removeAt(lists, id, at);
  return at;
}

/**
 * The end of the window of a list of `length` postings that the document at position `at` looks
 * at: `max` postings around it, half newer and half older, fewer on the side where the list ends.
 */
export function windowEnd(length: number, at: number, max: number): number {
  return Math.min(length, Math.max(0, at - (max >> 1)) + max);
}
