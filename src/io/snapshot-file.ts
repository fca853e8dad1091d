// The site snapshot's files in the cache folder (site/snapshot.ts). A quick build reads a few of
// its thousands of records, so each record is a JSON text of its own, found by its offset, and
// only the index is read and parsed when the file is opened:
//
//   "BLATTS01" | index bytes (u32) | index JSON | records | offset of each record and of the end (f64 each) | record count (u32)
//
// A full build writes a new base file (it copies the bytes of records that did not change). A
// quick build revises a few records: it writes them, with the new record key and sources, to a
// small delta file that names its base by id, until the delta would hold more than a fiftieth of
// the records; then the base is written anew. Files are replaced whole, by a rename. A base that
// cannot be read, or was written by another version, is no snapshot at all; a delta that cannot
// be read or belongs to another base is ignored (the base then describes an older output, whose
// record key no build matches).
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CopiedRecord, SNAPSHOT_FORMAT, type SnapshotIndex } from '../site/snapshot.js';
import { writeAtomically } from './write-site.js';

const SNAPSHOT_FILE = `site-snapshot.v${SNAPSHOT_FORMAT}`;
const DELTA_FILE = `${SNAPSHOT_FILE}.delta`;
const MAGIC = Buffer.from('BLATTS01', 'latin1');
/** A delta may hold this many records, or this share of all records if that is more. */
const DELTA_RECORDS = 64;
const DELTA_SHARE = 0.02;

/** A snapshot as read from its files: the index (with the delta's revisions), and the records read one by one when asked for. */
export interface SnapshotFile {
  index: SnapshotIndex;
  readonly count: number;
  record<T>(i: number): T;
  /** The bytes of record i as JSON. */
  raw(i: number): Uint8Array;
  /** Lets the base file go (records cannot be read after this). */
  close(): void;
}

/** What a delta file holds: revisions of the base named `base`. */
interface Delta {
  base: string;
  recordKey: string;
  sources: [number, string][];
  records: [number, unknown][];
}

interface OpenSnapshot extends SnapshotFile {
  /** The base's index, as the file has it. */
  baseIndex: SnapshotIndex;
  /** The records the delta revised, by number. */
  revised: Map<number, unknown>;
}

export function loadSnapshot(cacheDir: string, codeVersion: string): SnapshotFile | null {
  let fd: number | null = null;
  try {
    fd = openSync(join(cacheDir, SNAPSHOT_FILE), 'r');
    const file = fd;
    const size = fstatSync(file).size;
    const read = (from: number, to: number) => {
      if (!(0 <= from && from <= to && to <= size)) throw new Error('out of range');
      const bytes = Buffer.allocUnsafe(to - from);
      for (let done = 0; done < bytes.byteLength; ) {
        const n = readSync(file, bytes, done, bytes.byteLength - done, from + done);
        if (n === 0) throw new Error('file ends early');
        done += n;
      }
      return bytes;
    };
    const head = read(0, MAGIC.byteLength + 4);
    if (!head.subarray(0, MAGIC.byteLength).equals(MAGIC)) throw new Error('not a snapshot');
    const indexEnd = head.byteLength + head.readUInt32LE(MAGIC.byteLength);
    const baseIndex = JSON.parse(read(head.byteLength, indexEnd).toString('utf8')) as SnapshotIndex;
    if (baseIndex.format !== SNAPSHOT_FORMAT || baseIndex.codeVersion !== codeVersion) throw new Error('another version');
    const count = read(size - 4, size).readUInt32LE(0);
    const tableStart = size - 4 - 8 * (count + 1);
    const table = read(tableStart, size - 4);
    const offsets = Array.from({ length: count + 1 }, (_, i) => table.readDoubleLE(8 * i));
    if (offsets[0] !== indexEnd || offsets[count] !== tableStart || offsets.some((o, i) => i > 0 && o < (offsets[i - 1] as number))) throw new Error('offsets');
    const delta = readDelta(cacheDir, baseIndex.id);
    const revised = new Map(delta?.records ?? []);
    const index = delta ? { ...baseIndex, recordKey: delta.recordKey, sources: [...baseIndex.sources] } : baseIndex;
    for (const [i, source] of delta?.sources ?? []) index.sources[i] = source;
    const snapshot: OpenSnapshot = {
      index,
      baseIndex,
      revised,
      count,
      record<T>(i: number): T {
        return (revised.has(i) ? revised.get(i) : JSON.parse(this.raw(i).toString())) as T;
      },
      raw(i: number): Buffer {
        if (!(i >= 0 && i < count)) throw new Error(`snapshot record ${i} of ${count}`);
        if (revised.has(i)) return Buffer.from(JSON.stringify(revised.get(i)));
        return read(offsets[i] as number, offsets[i + 1] as number);
      },
      close() {
        closeSync(file);
      },
    };
    return snapshot;
  } catch {
    if (fd !== null) closeSync(fd);
    return null;
  }
}

function readDelta(cacheDir: string, base: string | undefined): Delta | null {
  try {
    const delta = JSON.parse(readFileSync(join(cacheDir, DELTA_FILE), 'utf8')) as Delta;
    return base !== undefined && delta.base === base && typeof delta.recordKey === 'string' && Array.isArray(delta.sources) && Array.isArray(delta.records) ? delta : null;
  } catch {
    return null;
  }
}

/** Writes a new base of `index` and `records` (any iterable: a generator makes them one by one, and they are written as they come); the delta goes. */
export function saveSnapshot(cacheDir: string, index: SnapshotIndex, records: Iterable<unknown>): void {
  writeAtomically(join(cacheDir, SNAPSHOT_FILE), fileChunks({ ...index, id: randomUUID() }, serialized(records)));
  rmSync(join(cacheDir, DELTA_FILE), { force: true });
}

/**
 * Revises `snapshot`: the records `revised` (by number) and their `sources`, and the record key.
 * Into the delta file while it stays small; else as a new base, with the other records copied.
 */
export function reviseSnapshot(cacheDir: string, snapshot: SnapshotFile, change: { recordKey: string; sources: ReadonlyMap<number, string>; records: ReadonlyMap<number, unknown> }): void {
  const open = snapshot as OpenSnapshot;
  const records = new Map(open.revised);
  for (const [i, record] of change.records) records.set(i, record);
  const sources = new Map<number, string>();
  for (const i of records.keys()) sources.set(i, open.index.sources[i] as string);
  for (const [i, source] of change.sources) sources.set(i, source);
  if (open.baseIndex.id !== undefined && records.size <= Math.max(DELTA_RECORDS, DELTA_SHARE * snapshot.count)) {
    const delta: Delta = { base: open.baseIndex.id, recordKey: change.recordKey, sources: [...sources], records: [...records] };
    writeAtomically(join(cacheDir, DELTA_FILE), JSON.stringify(delta));
    return;
  }
  const index = { ...open.index, recordKey: change.recordKey, sources: [...open.index.sources] };
  for (const [i, source] of sources) index.sources[i] = source;
  const all = function* () {
    for (let i = 0; i < snapshot.count; i++) yield records.has(i) ? records.get(i) : new CopiedRecord(snapshot.raw(i));
  };
  saveSnapshot(cacheDir, index, all());
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
    rmSync(join(cacheDir, DELTA_FILE), { force: true });
  } catch {
    // a stale snapshot does not match the output's record, so no build uses it
  }
}
