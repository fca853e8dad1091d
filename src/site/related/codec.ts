// The state as bytes for the store, and back. Everything a later update reads is written as it
// is, derived structures too (posting lists, idf, common flags, vectors, the hash tables of the
// names): a decode in a new process is then one copy and views of it, not a computation
// (deriving them again took two thirds of it). Documents and ids are numbered as renumber.ts
// says, so equal states give equal bytes, whatever their history, and a decoded state has the
// slots and ids of a state built from scratch.
import { packParts, packStrings, unpackParts, unpackStrings, type Part, type PartWriter } from './bytes.js';
import { sectionsAsLists } from './derive.js';
import { gather, gatherFloats, offsetsOf, picked } from './gather.js';
import { nameIndexOf, tableOf } from './name-index.js';
import { PARAM_NAMES, relatedParams, type RelatedParams } from './params.js';
import type { Vocabulary } from './postings.js';
import { raggedFromOffsets } from './ragged.js';
import { firstUse, renumbering, type Renumbered } from './renumber.js';
import { emptyRelatedState, liveSlots, setOrderOldestFirst, type RelatedState } from './state.js';

const MAGIC = 0x53524c42; // "BLRS"
/** Raise when the layout or the meaning of any part changes. */
export const FORMAT_VERSION = 2;

/**
 * Parts: parameters; strings (keys, slugs, topic, section and term names, then the strings of
 * exclusions and editor's links) and how many of each; the hash tables and hashes of the keys and
 * of the topic, section and term names; per document oldest first its date, room, section and
 * weakest query term (weight, position); then topics, terms (id, count, weight), exclusions,
 * editor's links, best candidates (document, score) and choices (document), each as offsets per
 * document and the values end to end; then per vocabulary by id the idf (text terms: the common
 * flags too) and the posting lists, newest first (offsets, documents; text terms: weights).
 */
export function encodeRelatedState(state: RelatedState): Uint8Array {
  const docs = state.docs;
  // Documents oldest first; `position` (by slot; null: each slot is its position) for the slots that lists hold.
  const slots = liveSlots(state).slice().reverse();
  const position = renumbering(slots, docs.keys.length);
  const tagIds = firstUse(slots, docs.tags, state.tags.names.length);
  const sectionIds = firstUse(slots, sectionsAsLists(state), state.sections.names.length);
  const termIds = firstUse(slots, docs.terms, state.terms.names.length);
  const extras = new Map<string, number>();
  const extraList = (map: Map<number, readonly string[]>): Part[] => {
    const offsets = new Int32Array(slots.length + 1);
    const ids: number[] = [];
    slots.forEach((slot, r) => {
      for (const s of map.get(slot) ?? []) ids.push(extras.get(s) ?? (extras.set(s, extras.size), extras.size - 1));
      offsets[r + 1] = ids.length;
    });
    return [offsets, Int32Array.from(ids)];
  };
  const exclude = extraList(docs.exclude);
  const linked = extraList(docs.linked);
  const strings: string[] = [];
  for (const slot of slots) strings.push(docs.keys[slot] as string);
  for (const slot of slots) strings.push(docs.slugs[slot] as string);
  for (const [vocabulary, renumbered] of [[state.tags, tagIds], [state.sections, sectionIds], [state.terms, termIds]] as const) {
    for (const id of renumbered.names) strings.push(vocabulary.names[id] as string);
  }
  for (const s of extras.keys()) strings.push(s);
  const counts = Int32Array.from([slots.length, tagIds.names.length, sectionIds.names.length, termIds.names.length, extras.size]);
  // The hashes and hash tables of the keys and of each vocabulary's names (name-index.ts), by the new ids.
  const indexes: Part[] = [];
  for (const [index, ids] of [[docs.keyIndex, slots], [state.tags.index, tagIds.names], [state.sections.index, sectionIds.names], [state.terms.index, termIds.names]] as const) {
    const hashes = picked(ids, index.hashes, null);
    indexes.push(tableOf(hashes, ids.length), hashes);
  }
  const postings = (vocabulary: Vocabulary, renumbered: Renumbered): (Part | PartWriter)[] => [
    offsetsOf(renumbered.names, vocabulary.lists),
    gather(renumbered.names, vocabulary.lists, 0, position),
    ...(vocabulary.lists.floats.length > 0 ? [gatherFloats(renumbered.names, vocabulary.lists)] : []),
  ];
  return packParts(MAGIC, FORMAT_VERSION, [
    Float64Array.from(PARAM_NAMES, (name) => state.params[name]),
    ...packStrings(strings),
    counts,
    ...indexes,
    picked(slots, docs.dateMs, null),
    picked(slots, docs.room, null),
    picked(slots, docs.section, sectionIds.map),
    picked(slots, docs.lastQueryWeight, null),
    picked(slots, docs.lastQueryPosition, null),
    offsetsOf(slots, docs.tags),
    gather(slots, docs.tags, 0, tagIds.map),
    offsetsOf(slots, docs.terms),
    gather(slots, docs.terms, 0, termIds.map),
    gather(slots, docs.terms, 1, null),
    gatherFloats(slots, docs.terms),
    ...exclude,
    ...linked,
    offsetsOf(slots, state.chosen.best),
    gather(slots, state.chosen.best, 0, position),
    gatherFloats(slots, state.chosen.best),
    offsetsOf(slots, state.chosen.choices),
    gather(slots, state.chosen.choices, 0, position),
    picked(tagIds.names, state.tags.idf, null),
    ...postings(state.tags, tagIds),
    picked(sectionIds.names, state.sections.idf, null),
    ...postings(state.sections, sectionIds),
    picked(termIds.names, state.terms.idf, null),
    picked(termIds.names, state.terms.common, null),
    ...postings(state.terms, termIds),
  ]);
}

/** The state the bytes encode; its arrays are views of one copy of them. */
export function decodeRelatedState(bytes: Uint8Array): RelatedState {
  const read = unpackParts(bytes, MAGIC, FORMAT_VERSION);
  const values = read.float64();
  const params: RelatedParams = relatedParams(Object.fromEntries(PARAM_NAMES.map((name, k) => [name, values[k] as number])));
  const strings = unpackStrings(read.uint8(), read.int32());
  const [n = 0, tagCount = 0, sectionCount = 0, termCount = 0] = read.int32();
  const state = emptyRelatedState(params);
  const docs = state.docs;
  docs.keys = strings.slice(0, n);
  docs.slugs = strings.slice(n, 2 * n);
  docs.keyIndex = nameIndexOf(read.int32(), read.int32(), n);
  let at = 2 * n;
  for (const [vocabulary, count] of [[state.tags, tagCount], [state.sections, sectionCount], [state.terms, termCount]] as const) {
    vocabulary.names = strings.slice(at, at + count);
    vocabulary.index = nameIndexOf(read.int32(), read.int32(), count);
    at += count;
  }
  const extras = strings.slice(at);
  docs.dateMs = read.float64();
  docs.room = read.int32();
  docs.section = read.int32();
  docs.lastQueryWeight = read.float64();
  docs.lastQueryPosition = read.int32();
  docs.tags = raggedFromOffsets(read.int32(), [read.int32()], []);
  docs.terms = raggedFromOffsets(read.int32(), [read.int32(), read.int32()], [read.float64()]);
  for (const map of [docs.exclude, docs.linked]) {
    const offsets = read.int32();
    const ids = read.int32();
    for (let slot = 0; slot < n; slot++) {
      if ((offsets[slot + 1] as number) > (offsets[slot] as number)) map.set(slot, Array.from(ids.subarray(offsets[slot], offsets[slot + 1]), (id) => extras[id] as string));
    }
  }
  state.chosen.best = raggedFromOffsets(read.int32(), [read.int32()], [read.float64()]);
  state.chosen.choices = raggedFromOffsets(read.int32(), [read.int32()], []);
  for (const vocabulary of [state.tags, state.sections, state.terms]) {
    vocabulary.idf = read.float64();
    vocabulary.common = vocabulary === state.terms ? read.uint8() : new Uint8Array(vocabulary.names.length);
    vocabulary.lists = raggedFromOffsets(read.int32(), [read.int32()], vocabulary === state.terms ? [read.float64()] : []);
  }
  setOrderOldestFirst(state, n);
  return state;
}
