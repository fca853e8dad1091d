// What the documents imply, computed from scratch: the posting lists, every idf and which text
// terms are too common, and the unit vectors. The lists are filled by counting first and then
// placing each posting in one flat array, in the order newest first, so each list comes out
// sorted and none grows a posting at a time (at 100,000 articles there are 4 million).
import { idfOf, isCommon } from './params.js';
import type { Vocabulary } from './postings.js';
import { raggedFromOffsets, type Ragged } from './ragged.js';
import { liveSlots, type RelatedState } from './state.js';
import { updateVector } from './vector.js';

/** A list of feature ids per slot (and for text terms a weight each): a Ragged, or the sections seen as one. */
export type Features = Pick<Ragged, 'start' | 'length' | 'ints' | 'floats'>;

/** Each slot's section as a list of one id (none for no section), by slot like the topics and terms. */
export function sectionsAsLists(state: RelatedState): Features {
  const section = state.docs.section;
  const start = new Int32Array(section.length);
  const length = new Int32Array(section.length);
  for (let slot = 0; slot < section.length; slot++) {
    start[slot] = slot;
    length[slot] = (section[slot] as number) >= 0 ? 1 : 0;
  }
  return { start, length, ints: [section], floats: [] };
}

/** Fills lists, idf, common flags and vectors of a state whose documents and order are set and whose lists are empty. */
export function deriveIndex(state: RelatedState): void {
  const { docs, order } = state;
  const n = order.size;
  const slots = liveSlots(state);
  fillLists(state.tags, slots, docs.tags, false);
  fillLists(state.sections, slots, sectionsAsLists(state), false);
  for (const vocabulary of [state.tags, state.sections]) setIdf(vocabulary, n);
  const offsets = countLists(state.terms, slots, docs.terms);
  const idfOfDf = new Map<number, number>();
  state.terms.names.forEach((_, id) => {
    const df = (offsets[id + 1] as number) - (offsets[id] as number);
    let idf = idfOfDf.get(df);
    if (idf === undefined) idfOfDf.set(df, (idf = df > 0 ? idfOf(n, df) : 0));
    state.terms.idf[id] = idf;
    state.terms.common[id] = isCommon(state.params, n, df) ? 1 : 0;
  });
  for (const slot of slots) updateVector(state, slot);
  fillLists(state.terms, slots, docs.terms, true, offsets);
}

/** The idf of every feature of `vocabulary` in a site of `n` documents (0 for one no document has). */
export function setIdf(vocabulary: Vocabulary, n: number): void {
  const length = vocabulary.lists.length;
  for (let id = 0; id < vocabulary.names.length; id++) {
    const df = length[id] as number;
    vocabulary.idf[id] = df > 0 ? idfOf(n, df) : 0;
  }
}

/** Where each feature's run starts in a flat array of all postings: entries id and id + 1. */
function countLists(vocabulary: Vocabulary, slots: Int32Array, features: Features): Int32Array {
  const offsets = new Int32Array(vocabulary.names.length + 1);
  const ids = features.ints[0] as Int32Array;
  for (const slot of slots) {
    const at = features.start[slot] as number;
    for (let k = at, end = at + (features.length[slot] as number); k < end; k++) {
      const next = (ids[k] as number) + 1;
      offsets[next] = (offsets[next] as number) + 1;
    }
  }
  for (let id = 0; id < vocabulary.names.length; id++) offsets[id + 1] = (offsets[id + 1] as number) + (offsets[id] as number);
  return offsets;
}

function fillLists(vocabulary: Vocabulary, slots: Int32Array, features: Features, weighted: boolean, offsets = countLists(vocabulary, slots, features)): void {
  const total = offsets[vocabulary.names.length] as number;
  const flatDocs = new Int32Array(total);
  const flatWeights = new Float64Array(weighted ? total : 0);
  const cursor = offsets.slice(0, vocabulary.names.length);
  const ids = features.ints[0] as Int32Array;
  const weights = features.floats[0];
  for (const slot of slots) {
    const at = features.start[slot] as number;
    for (let k = at, end = at + (features.length[slot] as number); k < end; k++) {
      const id = ids[k] as number;
      const to = cursor[id] as number;
      cursor[id] = to + 1;
      flatDocs[to] = slot;
      if (weights && weighted) flatWeights[to] = weights[k] as number;
    }
  }
  vocabulary.lists = raggedFromOffsets(offsets, [flatDocs], weighted ? [flatWeights] : []);
}
