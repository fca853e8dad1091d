// How an encoding numbers documents and ids, so that equal states give equal bytes: documents
// oldest first, and the ids of topics, sections and text terms in the order the documents, oldest
// first, use them. A build and a decode number them so already, and new articles keep it (they
// are the newest, and their new ids the last): then nothing is renumbered and lists are copied
// as they stand.
import type { Features } from './derive.js';

/** New ids in the order of first use by the documents `slots`: `map` from old to new (-1: unused; null: each id keeps its number), `names` the old ids in the new order. */
export interface Renumbered {
  map: Int32Array | null;
  names: Int32Array;
}

/** The new number of each of `slots` (by slot, of `size`): its place in `slots`; null when that is the slot itself. */
export function renumbering(slots: Int32Array, size: number): Int32Array | null {
  if (isIdentity(slots)) return null;
  const map = new Int32Array(size).fill(-1);
  for (let k = 0; k < slots.length; k++) map[slots[k] as number] = k;
  return map;
}

export function isIdentity(values: Int32Array): boolean {
  for (let k = 0; k < values.length; k++) if (values[k] !== k) return false;
  return true;
}

/**
 * The ids of `lists` (of `size` ids) in the order of first use by the documents `slots`. While
 * each id read is one read before or the next one, the ids are in that order already and a
 * compare an entry tells; at the first that is not, a map of the ids read so far takes over.
 */
export function firstUse(slots: Int32Array, lists: Features, size: number): Renumbered {
  const ids = lists.ints[0] as Int32Array;
  const names = new Int32Array(size);
  let map: Int32Array | null = null;
  let count = 0;
  for (let s = 0; s < slots.length; s++) {
    const at = lists.start[slots[s] as number] as number;
    for (let k = at, end = at + (lists.length[slots[s] as number] as number); k < end; k++) {
      const id = ids[k] as number;
      if (map === null) {
        if (id < count) continue;
        if (id === count) {
          names[count++] = id;
          continue;
        }
        map = new Int32Array(size).fill(-1);
        for (let old = 0; old < count; old++) map[old] = old;
      }
      if (map[id] === -1) {
        map[id] = count;
        names[count++] = id;
      }
    }
  }
  return { map, names: names.slice(0, count) };
}
