// A list of numbers per slot (a document, or a feature's posting list) in shared typed arrays
// (columns), instead of one small array per list: 100,000 articles with 40 terms each are three
// arrays, not 300,000, and an encoding can hand them over as they are. A list that outgrows its
// place moves to the end; the space it leaves is reclaimed when it is half the total.

export interface Ragged {
  /** By slot: where the slot's list starts in the columns, how long it is, how long it may grow in place. */
  start: Int32Array;
  length: Int32Array;
  capacity: Int32Array;
  ints: Int32Array[];
  floats: Float64Array[];
  /** The columns are used up to here. */
  end: number;
  /** Places in the columns no list uses any more. */
  garbage: number;
}

export function emptyRagged(intColumns: number, floatColumns: number): Ragged {
  return {
    start: new Int32Array(16),
    length: new Int32Array(16),
    capacity: new Int32Array(16),
    ints: Array.from({ length: intColumns }, () => new Int32Array(64)),
    floats: Array.from({ length: floatColumns }, () => new Float64Array(64)),
    end: 0,
    garbage: 0,
  };
}

/** A ragged array whose lists are given end to end: slot `i` holds `offsets[i]` to `offsets[i + 1]` of the columns (taken over, not copied). */
export function raggedFromOffsets(offsets: Int32Array, ints: Int32Array[], floats: Float64Array[]): Ragged {
  const slots = Math.max(16, offsets.length - 1);
  const r: Ragged = { start: new Int32Array(slots), length: new Int32Array(slots), capacity: new Int32Array(slots), ints, floats, end: offsets[offsets.length - 1] ?? 0, garbage: 0 };
  for (let i = 0; i + 1 < offsets.length; i++) {
    r.start[i] = offsets[i] as number;
    r.length[i] = r.capacity[i] = (offsets[i + 1] as number) - (offsets[i] as number);
  }
  return r;
}

/** The first column of `slot`'s list (a view, valid until a list of `r` grows). */
export function listOf(r: Ragged, slot: number): Int32Array {
  if (slot >= r.start.length) return new Int32Array(0);
  const at = r.start[slot] as number;
  return (r.ints[0] as Int32Array).subarray(at, at + (r.length[slot] as number));
}

/**
 * Makes room for a list of `length` numbers at `slot` and returns where it starts. The list's
 * old numbers stay only when it did not move: callers write the whole list after reserving. Any
 * other list may move too (start[] tells where), and the columns may be new arrays.
 */
export function reserve(r: Ragged, slot: number, length: number): number {
  if (slot >= r.start.length) growSlots(r, slot + 1);
  if ((r.capacity[slot] as number) >= length) {
    r.length[slot] = length;
    return r.start[slot] as number;
  }
  release(r, slot);
  const at = placeAtEnd(r, length);
  r.start[slot] = at;
  r.length[slot] = length;
  r.capacity[slot] = length;
  return at;
}

/**
 * Makes room for one more number at position `at` of `slot`'s list, keeping the others in their
 * order, and returns where in the columns it goes. A list that moves takes an eighth more room
 * than it needs, so that a list many updates grow does not move every time.
 */
export function insertAt(r: Ragged, slot: number, at: number): number {
  if (slot >= r.start.length) growSlots(r, slot + 1);
  const length = r.length[slot] as number;
  if ((r.capacity[slot] as number) <= length) {
    const capacity = length + 1 + (length >> 3);
    const to = placeAtEnd(r, capacity);
    const from = r.start[slot] as number;
    for (const column of [...r.ints, ...r.floats]) column.copyWithin(to, from, from + length);
    r.garbage += r.capacity[slot] as number;
    r.start[slot] = to;
    r.capacity[slot] = capacity;
  }
  const start = r.start[slot] as number;
  for (const column of [...r.ints, ...r.floats]) column.copyWithin(start + at + 1, start + at, start + length);
  r.length[slot] = length + 1;
  return start + at;
}

/** Takes the number at position `at` out of `slot`'s list, keeping the others in their order. */
export function removeAt(r: Ragged, slot: number, at: number): void {
  const start = r.start[slot] as number;
  const length = r.length[slot] as number;
  for (const column of [...r.ints, ...r.floats]) column.copyWithin(start + at, start + at + 1, start + length);
  r.length[slot] = length - 1;
}

/** Room for `length` numbers after the last list (compacting or growing the columns first when needed); returns where it starts. */
function placeAtEnd(r: Ragged, length: number): number {
  if (r.garbage > 1024 && 2 * r.garbage > r.end) compact(r);
  if (r.end + length > (r.ints[0] ?? r.floats[0] ?? new Int32Array(0)).length) growColumns(r, r.end + length);
  const at = r.end;
  r.end += length;
  return at;
}

/** Empties the list at `slot` and gives its place up. */
export function release(r: Ragged, slot: number): void {
  if (slot >= r.start.length) return;
  r.garbage += r.capacity[slot] as number;
  r.start[slot] = 0;
  r.length[slot] = 0;
  r.capacity[slot] = 0;
}

/** Makes `r` hold lists for `slots` slots. */
export function growSlots(r: Ragged, slots: number): void {
  if (r.start.length >= slots) return;
  const size = Math.max(slots, 2 * r.start.length);
  for (const name of ['start', 'length', 'capacity'] as const) {
    const next = new Int32Array(size);
    next.set(r[name]);
    r[name] = next;
  }
}

/** `array`, or when it is shorter than `count` a copy twice as long or more. */
export function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, count: number): T {
  if (array.length >= count) return array;
  const next = new (array.constructor as new (size: number) => T)(Math.max(count, 2 * array.length));
  next.set(array);
  return next;
}

function growColumns(r: Ragged, needed: number): void {
  const size = Math.max(needed, 2 * r.end, 64);
  r.ints = r.ints.map((column) => {
    const next = new Int32Array(size);
    next.set(column.subarray(0, r.end));
    return next;
  });
  r.floats = r.floats.map((column) => {
    const next = new Float64Array(size);
    next.set(column.subarray(0, r.end));
    return next;
  });
}

/** Moves every list to the front, in slot order, each as long as it is. */
function compact(r: Ragged): void {
  const size = Math.max(64, 2 * (r.end - r.garbage));
  const ints = r.ints.map(() => new Int32Array(size));
  const floats = r.floats.map(() => new Float64Array(size));
  let end = 0;
  for (let slot = 0; slot < r.start.length; slot++) {
    const from = r.start[slot] as number;
    const length = r.length[slot] as number;
    ints.forEach((column, c) => column.set((r.ints[c] as Int32Array).subarray(from, from + length), end));
    floats.forEach((column, c) => column.set((r.floats[c] as Float64Array).subarray(from, from + length), end));
    r.start[slot] = end;
    r.capacity[slot] = length;
    end += length;
  }
  r.ints = ints;
  r.floats = floats;
  r.end = end;
  r.garbage = 0;
}
