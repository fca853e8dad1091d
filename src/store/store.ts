// The one persistent store of the engine, in the cache folder (`<cache>/store`, an LMDB
// environment) or in memory when there is none. It holds:
// - parse results (`memo`), by a key of the source's bytes and what parsing depends on, shared
//   by every output folder. Each target counts the results it refers to (`refs`); one that no
//   target refers to any more is removed;
// - the state of each target (an output folder built with given options): its sources' stamps,
//   the site index, the facts pages read, the outputs with what they read, who reads what, and
//   the bytes of every output file (`blobs`, by path and hash, so that a CI job without the old
//   output folder gets its unchanged pages without rendering them).
// A pass changes state only in memory and commits all of it in one transaction at the end, or
// nothing (a failed build, `blatt check`). Values that a key names for good (a parse result, the
// bytes of a page under their hash) are written out in batches while the pass runs, so a cold
// build never holds them all; one that no commit came to refer to (the pass was killed) is swept
// when the store is next opened. A target that holds nothing yet is written in batches too
// (streamFresh). One format version covers all of it, and the code version of Blatt (its files
// and every installed package) is part of it: a store of another version is cleared, not read.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, WriteOp } from './backend.js';
import { LmdbBackend } from './lmdb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { Table, type Batching } from './table.js';

export const STORE_FORMAT = 1;
/** The store's folder inside the cache folder. */
export const STORE_DIR = 'store';
/** At most this many targets are kept; the one used longest ago makes room for a new one. */
const MAX_TARGETS = 4;

const FORMAT_KEY = 'format';
/** Set in the same transaction as a batch of values written ahead, cleared by the commit that refers to them. */
const UNSETTLED_KEY = 'unsettled';

export interface OpenedStore {
  store: Store;
  /** What opening found, for the build's report (a store of another version, a damaged one). */
  notes: string[];
}

/**
 * Opens the store of `cacheDir` (null: in memory). `readOnly`: nothing is ever written, not even
 * parse results (`blatt check`).
 */
export function openStore(cacheDir: string | null, codeVersion: string, options: { readOnly?: boolean } = {}): OpenedStore {
  const notes: string[] = [];
  if (cacheDir === null) return { store: new Store(new MemoryBackend(), codeVersion, options.readOnly ?? false), notes };
  const path = join(cacheDir, STORE_DIR);
  let backend: Backend;
  try {
    backend = new LmdbBackend(path);
    backend.get('state', FORMAT_KEY); // a damaged file fails here rather than in the middle of a pass
  } catch (e) {
    notes.push(`The store in ${path} could not be read (${(e as Error).message}); it was replaced, and this build starts from scratch.`);
    try {
      rmSync(path, { recursive: true, force: true });
      backend = new LmdbBackend(path);
    } catch (again) {
      notes.push(`No store could be made in ${path} (${(again as Error).message}); this build keeps nothing for the next one.`);
      backend = new MemoryBackend();
    }
  }
  const store = new Store(backend, codeVersion, options.readOnly ?? false);
  const found = store.format();
  if (found && (found.format !== STORE_FORMAT || found.codeVersion !== codeVersion)) {
    notes.push(found.format !== STORE_FORMAT ? `The store in ${path} has an older format; it was cleared, and this build starts from scratch.` : `The store in ${path} was written by another version of Blatt or its packages; it was cleared, and this build starts from scratch.`);
    store.reset();
  } else if (!found) store.reset();
  else if (store.unsettled) store.sweep(false);
  return { store, notes };
}

export class Store {
  readonly memo: Table<unknown>;
  readonly #targets: Table<{ id: string; used: number }>;
  readonly #opened = new Map<string, TargetTables>();
  /** Values were written ahead in this pass: its commit settles them. */
  #flushed = false;
  /** A target was forgotten in this pass: its commit sweeps what only it referred to. */
  #evicted = false;

  constructor(
    private readonly backend: Backend,
    private readonly codeVersion: string,
    readonly readOnly: boolean,
  ) {
    // A parse result is about 8 KB (body and fields): batches of about a thousand.
    this.memo = new Table(backend, 'memo', '', this.#ahead(() => 8192));
    this.#targets = new Table(backend, 'state', 'targets/');
  }

  get persistent(): boolean {
    return this.backend.persistent;
  }

  format(): { format: number; codeVersion: string } | undefined {
    return this.backend.get('state', FORMAT_KEY) as { format: number; codeVersion: string } | undefined;
  }

  /** Empties the store and marks it as of this format and code version. */
  reset(): void {
    if (this.readOnly) return;
    this.backend.clear();
    this.backend.write([{ space: 'state', key: FORMAT_KEY, value: { format: STORE_FORMAT, codeVersion: this.codeVersion } }]);
  }

  /**
   * The tables of one target (`key`: what names the output folder and options). Opening a new
   * target forgets the one used longest ago when there are too many.
   */
  target(key: string): TargetTables {
    const all = [...this.#targets.entries()];
    const mine = all.find(([k]) => k === key)?.[1];
    const id = mine?.id ?? this.#freeId(all.map(([, t]) => t.id));
    const used = Math.max(0, ...all.map(([, t]) => t.used)) + 1;
    this.#targets.put(key, { id, used });
    if (!mine && all.length >= MAX_TARGETS) {
      const [oldKey, oldest] = all.sort(([, a], [, b]) => a.used - b.used)[0] as [string, { id: string }];
      this.#targets.remove(oldKey);
      for (const table of Object.values(this.#targetTables(oldest.id))) table.clear();
      this.#evicted = true;
    }
    return this.#targetTables(id);
  }

  /**
   * From now on writes the state of a target that holds nothing yet (a cold build) in batches as
   * it comes, before the pass commits, so a cold build never holds its whole state in memory. A
   * pass that stops before its commit leaves such a target without its head, and the next pass
   * starts it from scratch (engine/pass.ts): state written this way is never read as if committed.
   */
  streamFresh(tables: TargetTables): void {
    if (this.readOnly) return;
    const flush = () => {
      const ops: WriteOp[] = [];
      for (const table of Object.values(tables)) for (const op of table.takeOps()) ops.push(op);
      this.backend.write(ops);
    };
    // About 8 MB a batch: LMDB keeps the pages of its largest transaction for reuse.
    for (const table of Object.values(tables)) if (table !== tables.blobs) table.batch({ sizeOf: estimateSize, enabled: () => true, onFull: flush });
  }

  /**
   * Commits every pending write of every table in one transaction. A parse result that a target
   * stopped referring to is removed with it, unless another target still refers to it.
   */
  commit(): void {
    if (this.readOnly) return this.discard();
    const dropped: string[] = [];
    const ops: WriteOp[] = [];
    for (const tables of this.#opened.values()) {
      for (const table of Object.values(tables)) {
        const tableOps = table.takeOps();
        if (table === tables.refs) for (const op of tableOps) if ('remove' in op) dropped.push(op.key.slice(table.prefix.length));
        for (const op of tableOps) ops.push(op);
      }
    }
    for (const table of [this.memo, this.#targets]) for (const op of table.takeOps()) ops.push(op);
    if (this.#flushed) ops.push({ space: 'state', key: UNSETTLED_KEY, remove: true });
    for (const key of dropped) if (!this.#referenced(key)) ops.push({ space: 'memo', key, remove: true });
    this.backend.write(ops);
    if (this.#evicted) this.sweep(true);
    this.#flushed = this.#evicted = false;
  }

  /**
   * Forgets every pending write but the parse results, which are written as they are (a build
   * that failed on one article should not parse the others again next time). What was written
   * ahead and nothing refers to is swept when the store is next opened.
   */
  discard(): void {
    if (!this.readOnly) this.#writeAhead(false);
    for (const tables of this.#opened.values()) for (const table of Object.values(tables)) table.discard();
    for (const table of [this.memo, this.#targets]) table.discard();
    this.#flushed = this.#evicted = false;
  }

  /**
   * Removes what no commit refers to: each target's page bytes that are not the ones its
   * `outputs` name, and (`memo`: after a target was forgotten) parse results no target counts.
   * It reads every key, so it runs only after such an event, not after an ordinary commit.
   */
  sweep(memo: boolean): void {
    if (this.readOnly) return;
    const ops: WriteOp[] = [{ space: 'state', key: UNSETTLED_KEY, remove: true }];
    const live = new Set<string>();
    for (const [, target] of this.#targets.entries()) {
      const blobs = new Table(this.backend, 'blobs', `${target.id}/`);
      for (const [path, digest] of new Table(this.backend, 'state', `${target.id}/outputs/`).entries()) live.add(blobs.storedKey(blobKey(path, digest as string)));
    }
    for (const key of this.backend.keys('blobs', '')) if (!live.has(key)) ops.push({ space: 'blobs', key, remove: true });
    if (memo) {
      const counted = new Set<string>();
      for (const [, target] of this.#targets.entries()) for (const key of this.backend.keys('state', `${target.id}/refs/`)) counted.add(key.slice(`${target.id}/refs/`.length));
      for (const key of this.backend.keys('memo', '')) if (!counted.has(key)) ops.push({ space: 'memo', key, remove: true });
    }
    this.backend.write(ops);
  }

  /** Writes what is written ahead and lets go of the memory the file's pages took (a cold build, between stages). */
  async relieve(): Promise<void> {
    if (this.readOnly) return;
    this.#writeAhead(true);
    await this.backend.relieve();
  }

  /** Whether a pass wrote values ahead and was not committed. */
  get unsettled(): boolean {
    return this.backend.get('state', UNSETTLED_KEY) !== undefined;
  }

  close(): void {
    this.backend.close();
  }

  /** Batching for a table whose values may be written before the commit. */
  #ahead<V>(sizeOf: (value: V) => number): Batching<V> {
    return { sizeOf, enabled: () => !this.readOnly, onFull: () => this.#writeAhead(true) };
  }

  /** Writes the pending parse results (and page bytes) now, with the marker a commit clears. */
  #writeAhead(blobs: boolean): void {
    const ops: WriteOp[] = this.memo.takePuts();
    if (blobs) for (const tables of this.#opened.values()) for (const op of tables.blobs.takePuts()) ops.push(op);
    if (ops.length === 0) return; // nothing written, nothing to sweep when the store is next opened
    this.backend.write([{ space: 'state', key: UNSETTLED_KEY, value: true }, ...ops]);
    this.#flushed = true;
  }

  /** Whether any target counts parse result `key`. */
  #referenced(key: string): boolean {
    for (const [, target] of this.#targets.entries()) {
      const opened = this.#opened.get(target.id);
      if (opened ? opened.refs.has(key) : this.backend.get('state', `${target.id}/refs/${key}`) !== undefined) return true;
    }
    return false;
  }

  #freeId(taken: string[]): string {
    for (let n = 1; ; n++) if (!taken.includes(`t${n}`)) return `t${n}`;
  }

  #targetTables(id: string): TargetTables {
    const opened = this.#opened.get(id);
    if (opened) return opened;
    const table = <V>(name: string) => new Table<V>(this.backend, 'state', `${id}/${name}/`);
    const tables: TargetTables = {
      meta: table('meta'),
      entries: table('entries'),
      index: table('index'),
      facts: table('facts'),
      records: table('records'),
      outputs: table('outputs'),
      readers: table('readers'),
      refs: table('refs'),
      blobs: new Table<Uint8Array>(this.backend, 'blobs', `${id}/`, this.#ahead((v: Uint8Array) => v.byteLength)),
    };
    this.#opened.set(id, tables);
    return tables;
  }
}

/** The state tables of one target; what each holds is the engine's business (src/engine/). */
export interface TargetTables {
  meta: Table<unknown>;
  entries: Table<unknown>;
  index: Table<unknown>;
  facts: Table<unknown>;
  records: Table<unknown>;
  /** The hash of the bytes of every output file, by path: what a pass writes when the output folder is not as the store says. */
  outputs: Table<unknown>;
  readers: Table<unknown>;
  /** How many times this target refers to each parse result (by its key); removed at none. */
  refs: Table<number>;
  /** The bytes of each output file, by blobKey(path, hash). */
  blobs: Table<Uint8Array>;
}

/**
 * Where the bytes of output file `path` with hash `digest` are kept: old and new side by side
 * until the commit that names the new ones. (`|` is in no output path; a NUL would be, to LMDB's
 * key encoding, the end of the key, and old and new bytes would share it.)
 */
export const blobKey = (path: string, digest: string) => `${path}|${digest}`;

/** Roughly the bytes a state value takes encoded (batches need not be exact). */
function estimateSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 8;
  if (Array.isArray(value)) return 16 + value.length * 64;
  return 256;
}
