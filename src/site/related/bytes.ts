// A flat binary container of typed arrays: a header (magic, version, number of parts), a table
// of each part's kind and length, then the parts' raw bytes, each at a multiple of 8 so that a
// reader can view it in place. Byte order is the machine's (little-endian everywhere Node runs).

export type Part = Int32Array | Float64Array | Uint8Array;

const KINDS = [Int32Array, Float64Array, Uint8Array] as const;
const HEADER_WORDS = 4;

const align8 = (n: number) => (n + 7) & ~7;

/** `parts` behind a header with `magic` and `version`. */
export function packParts(magic: number, version: number, parts: readonly Part[]): Uint8Array {
  const tableBytes = align8(4 * (HEADER_WORDS + 2 * parts.length));
  let size = tableBytes;
  for (const part of parts) size += align8(part.byteLength);
  const bytes = new Uint8Array(size);
  const table = new Uint32Array(bytes.buffer, 0, HEADER_WORDS + 2 * parts.length);
  table.set([magic, version, parts.length, 0]);
  let at = tableBytes;
  parts.forEach((part, p) => {
    table[HEADER_WORDS + 2 * p] = KINDS.findIndex((kind) => part instanceof kind);
    table[HEADER_WORDS + 2 * p + 1] = part.length;
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += align8(part.byteLength);
  });
  return bytes;
}

/** Reads the parts back, in order, each a copy (the bytes may be a store's read-only memory). */
export function unpackParts(bytes: Uint8Array, magic: number, version: number): { int32(): Int32Array; float64(): Float64Array; uint8(): Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (k: number) => view.getUint32(4 * k, true);
  if (bytes.byteLength < 4 * HEADER_WORDS || word(0) !== magic) throw new Error('not an encoded related state');
  if (word(1) !== version) throw new Error(`related state of format ${word(1)}, this is ${version}: compute it anew`);
  const count = word(2);
  let at = align8(4 * (HEADER_WORDS + 2 * count));
  let next = 0;
  const read = <T extends Part>(kind: number, make: (buffer: ArrayBuffer) => T): T => {
    if (next >= count || word(HEADER_WORDS + 2 * next) !== kind) throw new Error(`encoded related state: part ${next} is not of the kind expected`);
    const length = word(HEADER_WORDS + 2 * next + 1) * (KINDS[kind] as (typeof KINDS)[number]).BYTES_PER_ELEMENT;
    if (at + length > bytes.byteLength) throw new Error('encoded related state is cut short');
    const part = make(bytes.slice(at, at + length).buffer);
    at += align8(length);
    next++;
    return part;
  };
  return {
    int32: () => read(0, (buffer) => new Int32Array(buffer)),
    float64: () => read(1, (buffer) => new Float64Array(buffer)),
    uint8: () => read(2, (buffer) => new Uint8Array(buffer)),
  };
}

/** Strings once each, as UTF-8 bytes and their lengths in UTF-16 units (one decode for all of them). */
export function packStrings(strings: readonly string[]): [Uint8Array, Int32Array] {
  const joined = strings.join('');
  if (/\p{Cs}/u.test(joined)) throw new Error('a string of the related state is not well-formed Unicode (a lone surrogate)');
  return [new TextEncoder().encode(joined), Int32Array.from(strings, (s) => s.length)];
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
