// The state as bytes for the store, and back. Only what cannot be derived cheaply is written:
// the documents' inputs, each document's best candidates and choices; posting lists, idf and
// vectors are derived again on decoding (derive.ts). Documents are written newest first and
// every id in the order of first use, so equal states give equal bytes, whatever their history.
import { packParts, packStrings, unpackParts, unpackStrings, type Part } from './bytes.js';
import { deriveIndex } from './derive.js';
import { PARAM_NAMES, relatedParams, type RelatedParams } from './params.js';
import { idFor, type Vocabulary } from './postings.js';
import { raggedFromOffsets, type Ragged } from './ragged.js';
import { emptyRelatedState, ensureSlots, type RelatedState } from './state.js';

const MAGIC = 0x53524c42; // "BLRS"
/** Raise when the layout or the meaning of any part changes. */
export const FORMAT_VERSION = 1;

export function encodeRelatedState(state: RelatedState): Uint8Array {
  const { docs, order } = state;
  const n = order.size;
  const slots = order.slots.subarray(0, n);
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const intern = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) stringIds.set(s, (id = strings.push(s) - 1));
    return id;
  };
  const keys = Int32Array.from(slots, (slot) => intern(docs.keys[slot] as string));
  const slugs = Int32Array.from(slots, (slot) => intern(docs.slugs[slot] as string));
  // Ids in the order of first use, newest document first.
  const renumber = (vocabulary: Vocabulary) => {
    const idOf = new Int32Array(vocabulary.names.length).fill(-1);
    const names: number[] = [];
    return {
      id: (old: number) => (idOf[old] === -1 ? (idOf[old] = names.push(intern(vocabulary.names[old] as string)) - 1) : (idOf[old] as number)),
      names: () => Int32Array.from(names),
    };
  };
  const tags = renumber(state.tags);
  const sections = renumber(state.sections);
  const terms = renumber(state.terms);
  const tagList = ragged(slots, docs.tags, [(v) => tags.id(v)]);
  const sectionIds = Int32Array.from(slots, (slot) => ((docs.section[slot] as number) < 0 ? -1 : sections.id(docs.section[slot] as number)));
  const termList = ragged(slots, docs.terms, [(v) => terms.id(v), (v) => v], false); // weights: derived
  const stringList = (map: Map<number, readonly string[]>) => {
    const offsets = new Int32Array(n + 1);
    const ids: number[] = [];
    slots.forEach((slot, r) => {
      for (const s of map.get(slot) ?? []) ids.push(intern(s));
      offsets[r + 1] = ids.length;
    });
    return [offsets, Int32Array.from(ids)];
  };
  const exclude = stringList(docs.exclude);
  const linked = stringList(docs.linked);
  const toRank = (slot: number) => order.rank[slot] as number;
  const best = ragged(slots, state.chosen.best, [toRank]);
  const choices = ragged(slots, state.chosen.choices, [toRank]);
  const parts: Part[] = [
    Float64Array.from(PARAM_NAMES, (name) => state.params[name]),
    ...packStrings(strings),
    keys, slugs, Float64Array.from(slots, (slot) => docs.dateMs[slot] as number), Int32Array.from(slots, (slot) => docs.room[slot] as number), sectionIds,
    tags.names(), sections.names(), terms.names(),
    ...tagList, ...termList, ...exclude, ...linked, ...best, ...choices,
  ];
  return packParts(MAGIC, FORMAT_VERSION, parts);
}

/** The lists of `slots` (in that order) end to end: offsets, then each int column mapped, then (`floats`) each float column. */
function ragged(slots: Int32Array, r: Ragged, map: ((value: number) => number)[], withFloats = true): Part[] {
  const offsets = new Int32Array(slots.length + 1);
  slots.forEach((slot, k) => (offsets[k + 1] = (offsets[k] as number) + (r.length[slot] as number)));
  const total = offsets[slots.length] as number;
  const ints = map.map(() => new Int32Array(total));
  const floats = withFloats ? r.floats.map(() => new Float64Array(total)) : [];
  slots.forEach((slot, k) => {
    const from = r.start[slot] as number;
    const to = offsets[k] as number;
    for (let x = 0; x < (r.length[slot] as number); x++) {
      map.forEach((f, c) => ((ints[c] as Int32Array)[to + x] = f((r.ints[c] as Int32Array)[from + x] as number)));
      floats.forEach((column, c) => (column[to + x] = (r.floats[c] as Float64Array)[from + x] as number));
    }
  });
  return [offsets, ...ints, ...floats];
}

export function decodeRelatedState(bytes: Uint8Array): RelatedState {
  const read = unpackParts(bytes, MAGIC, FORMAT_VERSION);
  const values = read.float64();
  const params: RelatedParams = relatedParams(Object.fromEntries(PARAM_NAMES.map((name, k) => [name, values[k] as number])));
  const strings = unpackStrings(read.uint8(), read.int32());
  const text = (id: number) => strings[id] as string;
  const state = emptyRelatedState(params);
  const docs = state.docs;
  const keys = read.int32();
  const n = keys.length;
  docs.keys = Array.from(keys, text);
  docs.slugs = Array.from(read.int32(), text);
  docs.keys.forEach((key, slot) => docs.slotOfKey.set(key as string, slot));
  ensureSlots(state, n);
  docs.dateMs.set(read.float64());
  docs.room.set(read.int32());
  docs.section.set(read.int32());
  for (const vocabulary of [state.tags, state.sections, state.terms]) for (const id of read.int32()) idFor(vocabulary, text(id));
  docs.tags = raggedFromOffsets(read.int32(), [read.int32()], []);
  const termOffsets = read.int32();
  const termColumns = [read.int32(), read.int32()];
  docs.terms = raggedFromOffsets(termOffsets, termColumns, [new Float64Array((termColumns[0] as Int32Array).length)]);
  for (const map of [docs.exclude, docs.linked]) {
    const offsets = read.int32();
    const ids = read.int32();
    for (let slot = 0; slot < n; slot++) if ((offsets[slot + 1] as number) > (offsets[slot] as number)) map.set(slot, Array.from(ids.subarray(offsets[slot], offsets[slot + 1]), text));
  }
  const bestOffsets = read.int32();
  state.chosen.best = raggedFromOffsets(bestOffsets, [read.int32()], [read.float64()]);
  state.chosen.choices = raggedFromOffsets(read.int32(), [read.int32()], []);
  for (let r = 0; r < n; r++) {
    state.order.slots[r] = r;
    state.order.rank[r] = r;
  }
  state.order.size = n;
  deriveIndex(state);
  return state;
}
