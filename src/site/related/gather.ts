// The columns of a state as the parts of an encoding: values by document or by id picked in the
// order the encoding numbers them, and lists end to end (renumber.ts), written into the output
// in place. Loops, not TypedArray.from or map with a function, which take ten times as long.
import type { Part, PartWriter } from './bytes.js';
import type { Ragged } from './ragged.js';
import { isIdentity } from './renumber.js';

/** values[at] for each `at` of `indices`, each through `map` when there is one (-1 stays -1). */
export function picked<T extends Part>(indices: Int32Array, values: T, map: Int32Array | null): T {
  if (map === null && isIdentity(indices)) return values.slice(0, indices.length) as T;
  const out = new (values.constructor as new (length: number) => T)(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const value = values[indices[k] as number] as number;
    out[k] = map === null || value < 0 ? value : (map[value] as number);
  }
  return out;
}

/** Where each list starts when the lists `slots` of `r` stand end to end (one more entry: the total). */
export function offsetsOf(slots: Int32Array, r: Ragged): Int32Array {
  const offsets = new Int32Array(slots.length + 1);
  for (let k = 0; k < slots.length; k++) offsets[k + 1] = (offsets[k] as number) + (r.length[slots[k] as number] as number);
  return offsets;
}

/** Column `column` of the lists `slots` of `r` end to end, each value through `map` when there is one. */
export function gather(slots: Int32Array, r: Ragged, column: number, map: Int32Array | null): PartWriter<Int32Array> {
  return { kind: Int32Array, length: totalOf(slots, r), write: (out) => gathered(slots, r, r.ints[column] as Int32Array, out, map) };
}

export function gatherFloats(slots: Int32Array, r: Ragged): PartWriter<Float64Array> {
  return { kind: Float64Array, length: totalOf(slots, r), write: (out) => gathered(slots, r, r.floats[0] as Float64Array, out, null) };
}

function totalOf(slots: Int32Array, r: Ragged): number {
  let total = 0;
  for (let k = 0; k < slots.length; k++) total += r.length[slots[k] as number] as number;
  return total;
}

/**
 * Copies the lists end to end. Without a map, lists that already stand end to end in the columns
 * (after a build or a decode nearly all do) go in one copy a run; through a map, value by value.
 */
function gathered<T extends Int32Array | Float64Array>(slots: Int32Array, r: Ragged, values: T, out: T, map: Int32Array | null): void {
  let to = 0;
  let runStart = 0;
  let runEnd = 0;
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s] as number;
    const at = r.start[slot] as number;
    const end = at + (r.length[slot] as number);
    if (map) for (let k = at; k < end; k++) out[to++] = map[values[k] as number] as number;
    else if (at === runEnd) runEnd = end;
    else {
      out.set(values.subarray(runStart, runEnd), to);
      to += runEnd - runStart;
      runStart = at;
      runEnd = end;
    }
  }
  if (!map) out.set(values.subarray(runStart, runEnd), to);
}
