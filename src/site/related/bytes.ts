// A flat binary container of typed arrays: a header (magic, version, number of parts), a table
// of each part's kind and length, then the parts' raw bytes, each at a multiple of 8 so that a
// reader can view it in place. Byte order is the machine's (little-endian everywhere Node runs).

export type Part = Int32Array | Float64Array | Uint8Array;

type Kind<T extends Part> = { new (buffer: ArrayBufferLike, offset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/** A part that writes itself into its place in the output, so that a large one is not built apart first and then copied. */
export interface PartWriter<T extends Part = Part> {
  kind: Kind<T>;
  length: number;
  write(out: T): void;
}

const KINDS = [Int32Array, Float64Array, Uint8Array] as const;
const HEADER_WORDS = 4;

const align8 = (n: number) => (n + 7) & ~7;

/** `parts` behind a header with `magic` and `version`. */
export function packParts(magic: number, version: number, parts: readonly (Part | PartWriter)[]): Uint8Array {
  const tableBytes = align8(4 * (HEADER_WORDS + 2 * parts.length));
  const kindOf = (part: Part | PartWriter): Kind<Part> => ('kind' in part ? part.kind : (part.constructor as Kind<Part>));
  let size = tableBytes;
  for (const part of parts) size += align8(part.length * kindOf(part).BYTES_PER_ELEMENT);
  const bytes = new Uint8Array(size);
  const table = new Uint32Array(bytes.buffer, 0, HEADER_WORDS + 2 * parts.length);
  table.set([magic, version, parts.length, 0]);
  let at = tableBytes;
  parts.forEach((part, p) => {
    const kind = kindOf(part);
    table[HEADER_WORDS + 2 * p] = KINDS.indexOf(kind as (typeof KINDS)[number]);
    table[HEADER_WORDS + 2 * p + 1] = part.length;
    const out = new kind(bytes.buffer, at, part.length);
    if ('kind' in part) part.write(out);
    else out.set(part);
    at += align8(part.length * kind.BYTES_PER_ELEMENT);
  });
  return bytes;
}

/**
 * Reads the parts back, in order, as views of one copy of `input` (it may be a store's
 * read-only memory, and the state writes into its arrays): one copy instead of one a part, and
 * at offset 0 of its own buffer, so that every part is aligned for its kind.
 */
export function unpackParts(input: Uint8Array, magic: number, version: number): { int32(): Int32Array; float64(): Float64Array; uint8(): Uint8Array } {
  // One copy, of its own at offset 0 (for a Node Buffer, slice() would be a view of its pool): the parts are views of it.
  const bytes = new Uint8Array(input);
  const view = new DataView(bytes.buffer);
  const word = (k: number) => view.getUint32(4 * k, true);
  if (bytes.byteLength < 4 * HEADER_WORDS || word(0) !== magic) throw new Error('not an encoded related state');
  if (word(1) !== version) throw new Error(`related state of format ${word(1)}, this is ${version}: compute it anew`);
  const count = word(2);
  let at = align8(4 * (HEADER_WORDS + 2 * count));
  let next = 0;
  const read = <T extends Part>(kind: number, make: (offset: number, length: number) => T): T => {
    if (next >= count || word(HEADER_WORDS + 2 * next) !== kind) throw new Error(`encoded related state: part ${next} is not of the kind expected`);
    const length = word(HEADER_WORDS + 2 * next + 1);
    const byteLength = length * (KINDS[kind] as (typeof KINDS)[number]).BYTES_PER_ELEMENT;
    if (at + byteLength > bytes.byteLength) throw new Error('encoded related state is cut short');
    const part = make(at, length);
    at += align8(byteLength);
    next++;
    return part;
  };
  return {
    int32: () => read(0, (offset, length) => new Int32Array(bytes.buffer, offset, length)),
    float64: () => read(1, (offset, length) => new Float64Array(bytes.buffer, offset, length)),
    uint8: () => read(2, (offset, length) => new Uint8Array(bytes.buffer, offset, length)),
  };
}

/** Strings once each, as UTF-8 bytes and their lengths in UTF-16 units (one decode for all of them). */
export function packStrings(strings: readonly string[]): [Uint8Array, Int32Array] {
  // Joined in chunks that are then appended: a join of all of them takes twice as long, appending one by one varies with the garbage it leaves.
  let joined = '';
  for (let k = 0; k < strings.length; k += 256) joined += strings.slice(k, k + 256).join('');
  if (/\p{Cs}/u.test(joined)) throw new Error('a string of the related state is not well-formed Unicode (a lone surrogate)');
  const lengths = new Int32Array(strings.length);
  for (let k = 0; k < strings.length; k++) lengths[k] = (strings[k] as string).length;
  return [new TextEncoder().encode(joined), lengths];
}

export function unpackStrings(utf8: Uint8Array, lengths: Int32Array): string[] {
  const joined = new TextDecoder('utf-8', { fatal: true }).decode(utf8);
  const strings = new Array<string>(lengths.length);
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    const end = at + (lengths[k] as number);
    strings[k] = joined.slice(at, end);
    at = end;
  }
  return strings;
}
