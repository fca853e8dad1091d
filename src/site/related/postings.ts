// Posting lists: for one topic, section or text term, the documents that have it, newest first
// (by the order's rank of each slot), and for a text term each document's weight for it. An
// article looks only at a window of each list, the postings nearest to its own.

export interface PostingList {
  /** Slots, newest first. */
  docs: number[];
  /** For text terms, the weight of the term in each document's vector; empty for topics and sections. */
  weights: number[];
}

/** Topics, sections or text terms by id: their names, posting lists and idf (and, for text terms, which are too common). */
export interface Vocabulary {
  idOf: Map<string, number>;
  names: string[];
  lists: PostingList[];
  idf: number[];
  /** 1 for a text term found in too many articles to count (always 0 for topics and sections). */
  common: number[];
}

export const emptyVocabulary = (): Vocabulary => ({ idOf: new Map(), names: [], lists: [], idf: [], common: [] });

/** The id of `name`, given out now when it is new (with an empty list). */
export function idFor(vocabulary: Vocabulary, name: string): number {
  let id = vocabulary.idOf.get(name);
  if (id === undefined) {
    id = vocabulary.names.length;
    vocabulary.idOf.set(name, id);
    vocabulary.names.push(name);
    vocabulary.lists.push({ docs: [], weights: [] });
    vocabulary.idf.push(0);
    vocabulary.common.push(0);
  }
  return id;
}

/** Where `slot` is, or would be, in `list`: the number of its documents newer than `slot`. */
export function positionOf(list: PostingList, rank: Int32Array, slot: number): number {
  const docs = list.docs;
  const r = rank[slot] as number;
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rank[docs[mid] as number] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `slot` in `list`, or -1 when it is not there. */
export function findPosting(list: PostingList, rank: Int32Array, slot: number): number {
  const at = positionOf(list, rank, slot);
  return list.docs[at] === slot ? at : -1;
}

/** Adds `slot` in its place (a text term's weight too); returns its position. */
export function insertPosting(list: PostingList, rank: Int32Array, slot: number, weight: number | null): number {
  const at = positionOf(list, rank, slot);
  list.docs.splice(at, 0, slot);
  if (weight !== null) list.weights.splice(at, 0, weight);
  return at;
}

/** Takes `slot` out of `list` (the ranks must still be those it was added with); returns the position it had. */
export function removePosting(list: PostingList, rank: Int32Array, slot: number): number {
  const at = findPosting(list, rank, slot);
  if (at < 0) throw new Error(`slot ${slot} is not in the posting list`);
  list.docs.splice(at, 1);
  if (list.weights.length > 0) list.weights.splice(at, 1);
  return at;
}

/**
 * The window [lo, hi) of a list of `length` postings that the document at position `at` looks
 * at: `max` postings around it, half newer and half older, fewer on the side where the list ends.
 */
export function windowStart(length: number, at: number, max: number): number {
  return Math.max(0, windowEnd(length, at, max) - max);
}

export function windowEnd(length: number, at: number, max: number): number {
  return Math.min(length, Math.max(0, at - (max >> 1)) + max);
}
