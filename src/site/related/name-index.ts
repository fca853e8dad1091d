// Names to ids (article keys to slots, feature names to ids) through a hash table in one
// Int32Array instead of a Map: an encoding stores the table beside the names and a decode views
// it, where building Maps of 60,000 fresh strings again took 8 of a 14 ms decode. Open
// addressing with linear probing over a power of two at most half used; the names stay in the
// caller's array by id, the index keeps each one's hash by id, so that a table is built again
// (growing, encoding) without hashing a string.
import { grown } from './ragged.js';

export interface NameIndex {
  /** Per place: id + 1; 0 free; -1 where a removed name was (a search goes on past it). */
  table: Int32Array;
  /** Places not free: names and removed ones. */
  used: number;
  /** By id, the hash of its name. */
  hashes: Int32Array;
}

const REMOVED = -1;
const MIN_SIZE = 16;

export const emptyNameIndex = (): NameIndex => ({ table: new Int32Array(MIN_SIZE), used: 0, hashes: new Int32Array(MIN_SIZE) });

/** FNV-1a over the UTF-16 code units, then MurmurHash3's finalizer so that the low bits (the place) depend on every unit. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The id of `name` (`names` by id, as the index was filled), or -1. */
export function findName(index: NameIndex, names: readonly (string | null)[], name: string): number {
  const { table, hashes } = index;
  const mask = table.length - 1;
  const hash = hashName(name);
  for (let at = hash & mask; ; at = (at + 1) & mask) {
    const entry = table[at] as number;
    if (entry === 0) return -1;
    if (entry > 0 && hashes[entry - 1] === hash && names[entry - 1] === name) return entry - 1;
  }
}

/** Adds the name `names[id]`, which the index does not hold yet. */
export function addName(index: NameIndex, names: readonly (string | null)[], id: number): void {
  index.hashes = grown(index.hashes, id + 1);
  index.hashes[id] = hashName(names[id] as string);
  if (2 * (index.used + 1) > index.table.length) {
    // Anew without the removed names, with room for as many again.
    const ids = liveIds(index.table);
    index.table = new Int32Array(sizeFor(2 * ids.length + 1));
    for (const live of ids) place(index.table, index.hashes, live);
    index.used = ids.length;
  }
  index.used += place(index.table, index.hashes, id);
}

/** Takes `id`'s name out. */
export function removeName(index: NameIndex, id: number): void {
  const table = index.table;
  const mask = table.length - 1;
  let at = (index.hashes[id] as number) & mask;
  while (table[at] !== id + 1) at = (at + 1) & mask;
  table[at] = REMOVED;
}

/** The table of ids 0 … count-1 of `hashes` as an encoding stores it: the same names give the same table. */
export function tableOf(hashes: Int32Array, count: number): Int32Array {
  const table = new Int32Array(sizeFor(count));
  for (let id = 0; id < count; id++) place(table, hashes, id);
  return table;
}

/** The index as a decoding finds it: `table` from tableOf over `count` names. */
export const nameIndexOf = (table: Int32Array, hashes: Int32Array, count: number): NameIndex => ({ table, used: count, hashes });

/** The smallest power of two, at least MIN_SIZE, that `count` names use at most half of. */
function sizeFor(count: number): number {
  let size = MIN_SIZE;
  while (size < 2 * count) size *= 2;
  return size;
}

/** Puts `id` in the first place its hash probes that holds no name; returns 1 when that place was free (not a removed name's). */
function place(table: Int32Array, hashes: Int32Array, id: number): number {
  const mask = table.length - 1;
  let at = (hashes[id] as number) & mask;
  while ((table[at] as number) > 0) at = (at + 1) & mask;
  const wasFree = table[at] === 0 ? 1 : 0;
  table[at] = id + 1;
  return wasFree;
}

function liveIds(table: Int32Array): number[] {
  const ids: number[] = [];
  for (const entry of table) if (entry > 0) ids.push(entry - 1);
  return ids;
}
