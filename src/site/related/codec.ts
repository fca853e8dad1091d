// The state as bytes for the store, and back. Only what cannot be derived cheaply is written:
// the documents' inputs, each document's best candidates and choices; posting lists, idf and
// vectors are derived again on decoding (derive.ts). Documents are written newest first and
// every id in the order of first use, so equal states give equal bytes, whatever their history.
import { packParts, packStrings, unpackParts, unpackStrings, type Part } from './bytes.js';
import { deriveIndex, sectionsAsLists, type Features } from './derive.js';
import { PARAM_NAMES, relatedParams, type RelatedParams } from './params.js';
import { idFor, type Vocabulary } from './postings.js';
import { raggedFromOffsets, type Ragged } from './ragged.js';
import { emptyRelatedState, ensureSlots, liveSlots, type RelatedState } from './state.js';

const MAGIC = 0x53524c42; // "BLRS"
/** Raise when the layout or the meaning of any part changes. */
export const FORMAT_VERSION = 1;

/**
 * Parts: parameters; strings (keys, slugs, topic, section and term names, then the strings of
 * exclusions and editor's links) and how many of each; per document newest first its date,
 * room and section; then topics, terms (id, count), exclusions, editor's links, best candidates
 * (rank, score) and choices (rank), each as offsets per document and the values end to end.
 */
export function encodeRelatedState(state: RelatedState): Uint8Array {
  const { docs, order } = state;
  const slots = liveSlots(state);
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
  const names = (vocabulary: Vocabulary, renumbered: Renumbered) => Array.from(renumbered.names, (id) => vocabulary.names[id] as string);
  const strings = [
    ...Array.from(slots, (slot) => docs.keys[slot] as string),
    ...Array.from(slots, (slot) => docs.slugs[slot] as string),
    ...names(state.tags, tagIds),
    ...names(state.sections, sectionIds),
    ...names(state.terms, termIds),
    ...extras.keys(),
  ];
  const counts = Int32Array.from([slots.length, tagIds.names.length, sectionIds.names.length, termIds.names.length, extras.size]);
  const rank = order.rank;
  return packParts(MAGIC, FORMAT_VERSION, [
    Float64Array.from(PARAM_NAMES, (name) => state.params[name]),
    ...packStrings(strings),
    counts,
    Float64Array.from(slots, (slot) => docs.dateMs[slot] as number),
    slots.map((slot) => docs.room[slot] as number),
    slots.map((slot) => ((docs.section[slot] as number) < 0 ? -1 : (sectionIds.map[docs.section[slot] as number] as number))),
    offsetsOf(slots, docs.tags),
    gather(slots, docs.tags, 0, tagIds.map),
    offsetsOf(slots, docs.terms),
    gather(slots, docs.terms, 0, termIds.map),
    gather(slots, docs.terms, 1, null),
    ...exclude,
    ...linked,
    offsetsOf(slots, state.chosen.best),
    gather(slots, state.chosen.best, 0, rank),
    gatherFloats(slots, state.chosen.best),
    offsetsOf(slots, state.chosen.choices),
    gather(slots, state.chosen.choices, 0, rank),
  ]);
}

/** New ids in the order of first use by the documents `slots`: `map` from old to new (-1: unused), `names` the old ids in the new order. */
interface Renumbered {
  map: Int32Array;
  names: Int32Array;
}

function firstUse(slots: Int32Array, lists: Features, size: number): Renumbered {
  const map = new Int32Array(size).fill(-1);
  const names = new Int32Array(size);
  const ids = lists.ints[0] as Int32Array;
  let count = 0;
  for (const slot of slots) {
    const at = lists.start[slot] as number;
    for (let k = at, end = at + (lists.length[slot] as number); k < end; k++) {
      const id = ids[k] as number;
      if (map[id] === -1) {
        map[id] = count;
        names[count++] = id;
      }
    }
  }
  return { map, names: names.slice(0, count) };
}

/** Where each document's list starts when the lists of `slots` stand end to end (one more entry: the total). */
function offsetsOf(slots: Int32Array, r: Ragged): Int32Array {
  const offsets = new Int32Array(slots.length + 1);
  for (let k = 0; k < slots.length; k++) offsets[k + 1] = (offsets[k] as number) + (r.length[slots[k] as number] as number);
  return offsets;
}

/** Column `column` of the lists of `slots` end to end, each value through `map` when there is one. */
function gather(slots: Int32Array, r: Ragged, column: number, map: Int32Array | null): Int32Array {
  const out = new Int32Array(slots.reduce((sum, slot) => sum + (r.length[slot] as number), 0));
  const values = r.ints[column] as Int32Array;
  let to = 0;
  for (const slot of slots) {
    const at = r.start[slot] as number;
    for (let k = at, end = at + (r.length[slot] as number); k < end; k++) out[to++] = map ? (map[values[k] as number] as number) : (values[k] as number);
  }
  return out;
}

function gatherFloats(slots: Int32Array, r: Ragged): Float64Array {
  const out = new Float64Array(slots.reduce((sum, slot) => sum + (r.length[slot] as number), 0));
  const values = r.floats[0] as Float64Array;
  let to = 0;
  for (const slot of slots) {
    const at = r.start[slot] as number;
    out.set(values.subarray(at, at + (r.length[slot] as number)), to);
    to += r.length[slot] as number;
  }
  return out;
}

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
  docs.keys.forEach((key, slot) => docs.slotOfKey.set(key as string, slot));
  let at = 2 * n;
  for (const [vocabulary, count] of [[state.tags, tagCount], [state.sections, sectionCount], [state.terms, termCount]] as const) {
    for (const name of strings.slice(at, (at += count))) idFor(vocabulary, name);
  }
  const extras = strings.slice(at);
  ensureSlots(state, n);
  docs.dateMs.set(read.float64());
  docs.room.set(read.int32());
  docs.section.set(read.int32());
  docs.tags = raggedFromOffsets(read.int32(), [read.int32()], []);
  const termOffsets = read.int32();
  const termColumns = [read.int32(), read.int32()];
  docs.terms = raggedFromOffsets(termOffsets, termColumns, [new Float64Array((termColumns[0] as Int32Array).length)]);
  for (const map of [docs.exclude, docs.linked]) {
    const offsets = read.int32();
    const ids = read.int32();
    for (let slot = 0; slot < n; slot++) {
      if ((offsets[slot + 1] as number) > (offsets[slot] as number)) map.set(slot, Array.from(ids.subarray(offsets[slot], offsets[slot + 1]), (id) => extras[id] as string));
    }
  }
  state.chosen.best = raggedFromOffsets(read.int32(), [read.int32()], [read.float64()]);
  state.chosen.choices = raggedFromOffsets(read.int32(), [read.int32()], []);
  for (let r = 0; r < n; r++) {
    state.order.slots[r] = r;
    state.order.rank[r] = r;
  }
  state.order.size = n;
  deriveIndex(state);
  return state;
}
