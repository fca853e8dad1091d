// A document joining and leaving posting lists during an update, and noting the documents near
// each place it joins or leaves (whose windows move). Lists are left at the old ranks and joined
// at the new ones, so each binary search reads the order the list was sorted by.
import type { RelatedDoc } from './doc.js';
import { findPosting, insertPosting, removePosting, type PostingList, type Vocabulary } from './postings.js';
import { noteNear } from './reach.js';
import type { RelatedState } from './state.js';

/** A document's features by name: topics, section, stems. */
export interface Features {
  tags: ReadonlySet<string>;
  section: string | null;
  terms: ReadonlySet<string>;
}

export const featuresOf = (doc: RelatedDoc): Features => ({ tags: new Set(doc.tags), section: doc.section, terms: new Set(doc.terms.stems) });
export const NO_FEATURES: Features = { tags: new Set(), section: null, terms: new Set() };

/** `slot` leaves the lists of the features it had (`from`) and no longer has (`to`); the documents near each place go to `reached`. */
export function leaveLists(state: RelatedState, slot: number, from: Features, to: Features, reached: Set<number>): void {
  eachFeature(state, from, to, (list, max, term) => noteNear(state, list, removePosting(list, state.order.rank, slot), max, term, reached));
}

/** `slot` joins the lists of the features it has (`to`) and had not (`from`), with its weights; the documents near each place go to `reached`. */
export function joinLists(state: RelatedState, slot: number, from: Features, to: Features, reached: Set<number>): void {
  eachFeature(state, to, from, (list, max, term) => {
    const at = insertPosting(list, state.order.rank, slot, term >= 0 ? weightOf(state, slot, term) : null);
    noteNear(state, list, at, max, term, reached);
  });
}

/** Calls `visit` for each feature in `of` but not in `but` with its list, window and (a text term) its id, else -1. */
function eachFeature(state: RelatedState, of: Features, but: Features, visit: (list: PostingList, max: number, term: number) => void): void {
  const idOf = (vocabulary: Vocabulary, name: string) => vocabulary.idOf.get(name) as number;
  const listOf = (vocabulary: Vocabulary, name: string) => vocabulary.lists[idOf(vocabulary, name)] as PostingList;
  const { tagPostings, termPostings } = state.params;
  for (const tag of of.tags) if (!but.tags.has(tag)) visit(listOf(state.tags, tag), tagPostings, -1);
  if (of.section !== null && of.section !== but.section) visit(listOf(state.sections, of.section), tagPostings, -1);
  for (const stem of of.terms) if (!but.terms.has(stem)) visit(listOf(state.terms, stem), termPostings, idOf(state.terms, stem));
}

/** The weight of term `id` in `slot`'s vector. */
function weightOf(state: RelatedState, slot: number, id: number): number {
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  let k = terms.start[slot] as number;
  while (ids[k] !== id) k++;
  return (terms.floats[0] as Float64Array)[k] as number;
}

/** Writes `slot`'s weights into the lists of its terms (after its vector changed). */
export function refreshWeights(state: RelatedState, slot: number): void {
  const terms = state.docs.terms;
  const ids = terms.ints[0] as Int32Array;
  const weights = terms.floats[0] as Float64Array;
  for (let k = terms.start[slot] as number, end = k + (terms.length[slot] as number); k < end; k++) {
    const list = state.terms.lists[ids[k] as number] as PostingList;
    list.weights[findPosting(list, state.order.rank, slot)] = weights[k] as number;
  }
}
