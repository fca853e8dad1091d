// The one persistent store of the engine, in the cache folder (`<cache>/store`, an LMDB
// environment) or in memory when there is none. It holds two kinds of data:
// - content-keyed values, shared by every output folder: parse results (`memo`, by a key of the
//   source's bytes and what parsing depends on) and output bytes (`blobs`, by their hash). A key
//   names its value for good, so they are written out in batches while a pass runs. Each target
//   lists the values it refers to (`refs`); one that no target refers to any more is removed;
// - the state of each target (an output folder built with given options): its sources' stamps,
//   the site index, the facts pages read, the outputs with what they read, and who reads what.
//   A pass changes it only in memory and commits all of it in one transaction at the end, or
//   nothing (a failed build, `blatt check`).
// One format version covers all of it, and the code version of Blatt (its files and every
// installed package) is part of it: a store of another version is cleared, not read.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, WriteOp } from './backend.js';
import { LmdbBackend } from './lmdb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { Table } from './table.js';

export const STORE_FORMAT = 1;
/** The store's folder inside the cache folder. */
export const STORE_DIR = 'store';
/** At most this many targets are kept; the one used longest ago makes room for a new one. */
const MAX_TARGETS = 4;

const FORMAT_KEY = 'format';
/** Set in the same transaction as a batch of content-keyed values, cleared by the commit that counts them. */
const UNSETTLED_KEY = 'unsettled';

/** The content-keyed spaces a target refers to. */
export type ContentSpace = 'memo' | 'blobs';
export const refKey = (space: ContentSpace, key: string) => `${space}/${key}`;

export interface OpenedStore {
  store: Store;
  /** What opening found, for the build's report (a store of another version, a damaged one). */
  notes: string[];
}

/**
 * Opens the store of `cacheDir` (null: in memory). `readOnly`: nothing is ever written, not even
 * content-keyed values (`blatt check`).
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
  else if (store.unsettled) store.sweep(['blobs']);
  return { store, notes };
}

export class Store {
  readonly memo: Table<unknown>;
  readonly blobs: Table<Uint8Array>;
  readonly #targets: Table<{ id: string; used: number }>;
  readonly #tables: Table<unknown>[] = [];
  readonly #refs = new Map<string, Table<number>>();
  readonly #opened = new Map<string, TargetTables>();
  /** Content-keyed values were written in this pass: its commit settles them. */
  #flushed = false;
  /** A target was forgotten in this pass: its commit sweeps what only it referred to. */
  #evicted = false;

  constructor(
    private readonly backend: Backend,
    private readonly codeVersion: string,
    readonly readOnly: boolean,
  ) {
    const batched = (sizeOf: (value: never) => number) => ({ sizeOf: sizeOf as (v: unknown) => number, enabled: () => !this.readOnly, onFull: () => this.#flushContent() });
    // (Both tables flush together: a batch is one transaction with the marker that a commit clears.)
    // A parse result is about 8 KB (body and fields): batches of about a thousand.
    this.memo = new Table(backend, 'memo', '', batched(() => 8192));
    this.blobs = new Table<Uint8Array>(backend, 'blobs', '', batched((v: Uint8Array) => v.byteLength));
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
   * Commits every pending write of every table in one transaction. A content-keyed value that a
   * target stopped referring to is removed with it, unless another target still refers to it.
   */
  commit(): void {
    if (this.readOnly) return this.discard();
    const dropped: string[] = [];
    const ops: WriteOp[] = [];
    for (const table of this.#tables) {
      const tableOps = table.takeOps();
      if (this.#refs.get(table.prefix) === table) for (const op of tableOps) if ('remove' in op) dropped.push(op.key.slice(table.prefix.length));
      for (const op of tableOps) ops.push(op);
    }
    for (const table of [this.memo, this.blobs, this.#targets]) for (const op of table.takeOps()) ops.push(op);
    if (this.#flushed) ops.push({ space: 'state', key: UNSETTLED_KEY, remove: true });
    this.backend.write(ops);
    const unreferenced = dropped.filter((ref) => ![...this.#refs.values()].some((refs) => refs.has(ref)) && !this.#referencedElsewhere(ref));
    this.backend.write(unreferenced.map((ref) => ({ space: ref.slice(0, ref.indexOf('/')) as ContentSpace, key: ref.slice(ref.indexOf('/') + 1), remove: true })));
    if (this.#evicted) this.sweep(['memo', 'blobs']);
    this.#flushed = this.#evicted = false;
  }

  /**
   * From now on writes the state of a target that holds nothing yet (a cold build) in batches as
   * it comes, before the pass commits, so a cold build never holds its whole state in memory. A pass that stops before its
   * commit leaves such a target without its head, and the next pass starts it from scratch
   * (engine/pass.ts): state written this way is never read as if it were committed.
   */
  streamFresh(tables: TargetTables): void {
    if (this.readOnly) return;
    const flush = () => {
      const ops: WriteOp[] = [];
      for (const table of Object.values(tables)) for (const op of table.takeOps()) ops.push(op);
      this.backend.write(ops);
    };
    // About 4 MB a batch: LMDB keeps the pages of its largest transaction for reuse.
    for (const table of Object.values(tables)) table.batch({ sizeOf: estimateSize, enabled: () => true, onFull: flush });
  }

  /**
   * Forgets every pending write but the parse results, which are written as they are (a build
   * that failed on one article should not parse the others again next time). Content-keyed
   * values nothing refers to are swept when the store is next opened.
   */
  discard(): void {
    if (!this.readOnly) this.#flushContent(['memo']);
    for (const table of [...this.#tables, this.memo, this.blobs, this.#targets]) table.discard();
    this.#flushed = this.#evicted = false;
  }

  /**
   * Removes the content-keyed values of `spaces` that no target refers to (it reads every
   * reference, so it runs only after a target was forgotten, or when a pass that had written
   * values was not committed: killed, or failed). Parse results are kept in the second case: a
   * build that failed on one article should not parse every other one again next time.
   */
  sweep(spaces: readonly ContentSpace[]): void {
    if (this.readOnly) return;
    const referenced = new Set<string>();
    for (const [, target] of this.#targets.entries()) for (const [ref] of this.backend.range('state', `${target.id}/refs/`)) referenced.add(ref.slice(`${target.id}/refs/`.length));
    const ops: WriteOp[] = [{ space: 'state', key: UNSETTLED_KEY, remove: true }];
    for (const space of spaces) {
      for (const [key] of this.backend.range(space, '')) if (!referenced.has(refKey(space, key))) ops.push({ space, key, remove: true });
    }
    this.backend.write(ops);
  }

  /** Whether a pass wrote content-keyed values and was not committed. */
  get unsettled(): boolean {
    return this.backend.get('state', UNSETTLED_KEY) !== undefined;
  }

  close(): void {
    this.backend.close();
  }

  #flushContent(spaces: readonly ContentSpace[] = ['memo', 'blobs']): void {
    const ops: WriteOp[] = [{ space: 'state', key: UNSETTLED_KEY, value: true }, ...(spaces.includes('memo') ? this.memo.takeOps() : []), ...(spaces.includes('blobs') ? this.blobs.takeOps() : [])];
    this.backend.write(ops);
    this.#flushed = true;
  }

  #freeId(taken: string[]): string {
    for (let n = 1; ; n++) if (!taken.includes(`t${n}`)) return `t${n}`;
  }

  #targetTables(id: string): TargetTables {
    const opened = this.#opened.get(id);
    if (opened) return opened;
    const table = <V>(name: string) => {
      const t = new Table<V>(this.backend, 'state', `${id}/${name}/`);
      this.#tables.push(t as Table<unknown>);
      return t;
    };
    const refs = table<number>('refs');
    this.#refs.set(refs.prefix, refs);
    const tables: TargetTables = { meta: table('meta'), entries: table('entries'), index: table('index'), facts: table('facts'), records: table('records'), outputs: table('outputs'), readers: table('readers'), refs };
    this.#opened.set(id, tables);
    return tables;
  }

  /** Whether a target not opened in this process refers to `ref`. */
  #referencedElsewhere(ref: string): boolean {
    for (const [, target] of this.#targets.entries()) {
      const prefix = `${target.id}/refs/`;
      if (!this.#refs.has(prefix) && this.backend.get('state', `${prefix}${ref}`) !== undefined) return true;
    }
    return false;
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
  /** How many times this target refers to each content-keyed value (by refKey); removed at none. */
  refs: Table<number>;
}

/** Roughly the bytes a state value takes encoded (batches need not be exact). */
function estimateSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 8;
  if (Array.isArray(value)) return 16 + value.length * 24;
  return 256;
}
