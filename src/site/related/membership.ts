// A document joining and leaving posting lists during an update, and noting the documents near
// each place it joins or leaves (whose windows move). Lists are left at the old ranks and joined
// at the new ones, so each binary search reads the order the list was sorted by.
import type { RelatedDoc } from './doc.js';
import { findPosting, idOf, insertPosting, removePosting, type Vocabulary } from './postings.js';
import type { Ragged } from './ragged.js';
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
  eachFeature(state, from, to, (lists, id, max, term) => noteNear(state, lists, id, removePosting(lists, id, state.order.rank, slot), max, term, reached));
}

/** `slot` joins the lists of the features it has (`to`) and had not (`from`), with its weights; the documents near each place go to `reached`. */
export function joinLists(state: RelatedState, slot: number, from: Features, to: Features, reached: Set<number>): void {
  eachFeature(state, to, from, (lists, id, max, term) => {
    const at = insertPosting(lists, id, state.order.rank, slot, term ? weightOf(state, slot, id) : null);
    noteNear(state, lists, id, at, max, term, reached);
  });
}

/** Calls `visit` for each feature in `of` but not in `but` with its vocabulary's lists, its id, its window and whether it is a text term. */
function eachFeature(state: RelatedState, of: Features, but: Features, visit: (lists: Ragged, id: number, max: number, term: boolean) => void): void {
  const id = (vocabulary: Vocabulary, name: string) => idOf(vocabulary, name) as number;
  const { tagPostings, termPostings } = state.params;
  for (const tag of of.tags) if (!but.tags.has(tag)) visit(state.tags.lists, id(state.tags, tag), tagPostings, false);
  if (of.section !== null && of.section !== but.section) visit(state.sections.lists, id(state.sections, of.section), tagPostings, false);
  for (const stem of of.terms) if (!but.terms.has(stem)) visit(state.terms.lists, id(state.terms, stem), termPostings, true);
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
  const lists = state.terms.lists;
  for (let k = terms.start[slot] as number, end = k + (terms.length[slot] as number); k < end; k++) {
    const id = ids[k] as number;
    const at = findPosting(lists, id, state.order.rank, slot);
    if (at >= 0) (lists.floats[0] as Float64Array)[(lists.start[id] as number) + at] = weights[k] as number;
  }
}
