// The site snapshot's file in the cache folder (site/snapshot.ts). A quick build reads a few of
// its thousands of records, so each record is a JSON text of its own, found by its offset, and
// only the index is parsed when the file is opened:
//
//   "BLATTS01" | index bytes (u32) | index JSON | records | offset of each record and of the end (f64 each) | record count (u32)
//
// Revising records rewrites the file from the bytes it had, with only those records serialized
// again. The file is replaced whole, by a rename; one that cannot be read, or was written by
// another version, is no snapshot at all.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CopiedRecord, SNAPSHOT_FORMAT, type SnapshotIndex } from '../site/snapshot.js';
import { writeAtomically } from './write-site.js';

const SNAPSHOT_FILE = `site-snapshot.v${SNAPSHOT_FORMAT}`;
const MAGIC = Buffer.from('BLATTS01', 'latin1');

/** A snapshot as read from its file: the index, and the records parsed one by one when asked for. */
export interface SnapshotFile {
  index: SnapshotIndex;
  readonly count: number;
  record<T>(i: number): T;
  /** The bytes of record i, as they are in the file. */
  raw(i: number): Uint8Array;
}

interface OpenSnapshot extends SnapshotFile {
  bytes: Buffer;
  offsets: number[];
  raw(i: number): Buffer;
}

export function loadSnapshot(cacheDir: string, codeVersion: string): SnapshotFile | null {
  try {
    const bytes = readFileSync(join(cacheDir, SNAPSHOT_FILE));
    if (!bytes.subarray(0, MAGIC.byteLength).equals(MAGIC)) return null;
    const indexEnd = MAGIC.byteLength + 4 + bytes.readUInt32LE(MAGIC.byteLength);
    const index = JSON.parse(bytes.toString('utf8', MAGIC.byteLength + 4, indexEnd)) as SnapshotIndex;
    if (index.format !== SNAPSHOT_FORMAT || index.codeVersion !== codeVersion) return null;
    const count = bytes.readUInt32LE(bytes.byteLength - 4);
    const table = bytes.byteLength - 4 - 8 * (count + 1);
    if (table < indexEnd) return null;
    const offsets = Array.from({ length: count + 1 }, (_, i) => bytes.readDoubleLE(table + 8 * i));
    if (offsets[0] !== indexEnd || offsets[count] !== table || offsets.some((o, i) => i > 0 && o < (offsets[i - 1] as number))) return null;
    const snapshot: OpenSnapshot = {
      index,
      count,
      bytes,
      offsets,
      record<T>(i: number): T {
        return JSON.parse(this.raw(i).toString()) as T;
      },
      raw(i: number): Buffer {
        if (!(i >= 0 && i < count)) throw new Error(`snapshot record ${i} of ${count}`);
        return bytes.subarray(offsets[i], offsets[i + 1]);
      },
    };
    return snapshot;
  } catch {
    return null;
  }
}

/** Writes a snapshot of `index` and `records` (any iterable: a generator makes them one by one, and they are written as they come). */
export function saveSnapshot(cacheDir: string, index: SnapshotIndex, records: Iterable<unknown>): void {
  writeAtomically(join(cacheDir, SNAPSHOT_FILE), fileChunks(index, serialized(records)));
}

/** Records as JSON (or copied as they were), in runs of about a megabyte (one write each, not one per record). */
function* serialized(records: Iterable<unknown>): Generator<Run> {
  let texts: (string | Uint8Array)[] = [];
  let lengths: number[] = [];
  let size = 0;
  for (const record of records) {
    const text = record instanceof CopiedRecord ? record.bytes : JSON.stringify(record);
    texts.push(text);
    lengths.push(typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength);
    size += text.length;
    if (size >= RUN_CHARS) {
      yield { bytes: joined(texts), lengths };
      texts = [];
      lengths = [];
      size = 0;
    }
  }
  if (texts.length > 0) yield { bytes: joined(texts), lengths };
}

const joined = (parts: readonly (string | Uint8Array)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

const RUN_CHARS = 1 << 20;

/** Writes `snapshot` again with its index replaced and the records `revised` (by number) serialized anew; the others are copied as they are. */
export function reviseSnapshot(cacheDir: string, snapshot: SnapshotFile, index: SnapshotIndex, revised: ReadonlyMap<number, unknown>): void {
  writeAtomically(join(cacheDir, SNAPSHOT_FILE), fileChunks(index, revisedRuns(snapshot as OpenSnapshot, revised)));
}

function* revisedRuns({ bytes, offsets, count }: OpenSnapshot, revised: ReadonlyMap<number, unknown>): Generator<Run> {
  const copy = (from: number, to: number): Run => ({
    bytes: bytes.subarray(offsets[from], offsets[to]),
    lengths: Array.from({ length: to - from }, (_, k) => (offsets[from + k + 1] as number) - (offsets[from + k] as number)),
  });
  let from = 0; // the first record not written yet
  for (const i of [...revised.keys()].filter((i) => i >= 0 && i < count).sort((a, b) => a - b)) {
    if (i > from) yield copy(from, i);
    yield* serialized([revised.get(i)]);
    from = i + 1;
  }
  if (from < count) yield copy(from, count);
}

/** Bytes of consecutive records, and the length of each. */
interface Run {
  bytes: Uint8Array;
  lengths: number[];
}

/** The file's bytes: header and index, the records, then their offsets. */
function* fileChunks(index: SnapshotIndex, runs: Iterable<Run>): Generator<Uint8Array> {
  const indexBytes = Buffer.from(JSON.stringify(index));
  const head = Buffer.alloc(MAGIC.byteLength + 4);
  MAGIC.copy(head);
  head.writeUInt32LE(indexBytes.byteLength, MAGIC.byteLength);
  yield head;
  yield indexBytes;
  const offsets: number[] = [head.byteLength + indexBytes.byteLength];
  let at = offsets[0] as number;
  for (const run of runs) {
    yield run.bytes;
    for (const length of run.lengths) offsets.push((at += length));
  }
  const table = Buffer.alloc(8 * offsets.length + 4);
  offsets.forEach((o, i) => table.writeDoubleLE(o, 8 * i));
  table.writeUInt32LE(offsets.length - 1, 8 * offsets.length);
  yield table;
}

/** After a build whose output the snapshot no longer describes, when a new one could not be saved. */
export function removeSnapshot(cacheDir: string): void {
  try {
    rmSync(join(cacheDir, SNAPSHOT_FILE), { force: true });
  } catch {
    // a stale snapshot does not match the output's record, so no build uses it
  }
}
