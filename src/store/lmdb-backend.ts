// The store on disk: one LMDB environment (lmdb, the embedded database Parcel and Gatsby keep
// their caches in) with a database per space. LMDB commits a transaction atomically and never
// changes committed pages in place, so a build killed at any moment leaves the last committed
// state readable. Output bytes are raw; everything else is msgpack.
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Backend, Space, WriteOp } from './backend.js';

export class LmdbBackend implements Backend {
  readonly persistent = true;
  #root!: RootDatabase;
  #dbs!: Record<Space, Database>;

  constructor(private readonly path: string) {
    this.#open();
  }

  #open(): void {
    const path = this.path;
    // remapChunks: the file is mapped in pieces as they are read, rather than whole, which keeps
    // much less of it resident in a cold build that writes and reads hundreds of MB.
    this.#root = open({ path, maxDbs: 8, compression: false, noMemInit: true, remapChunks: true });
    // Plain msgpack: records (shared structures) make a structure of every object's keys, and
    // state holds objects keyed by content path, which took most of a cold build's commit.
    const msgpack = { encoding: 'msgpack', useRecords: false } as { encoding: 'msgpack' };
    this.#dbs = {
      memo: this.#root.openDB({ name: 'memo', ...msgpack }),
      blobs: this.#root.openDB({ name: 'blobs', encoding: 'binary' }),
      state: this.#root.openDB({ name: 'state', ...msgpack }),
    };
  }

  get(space: Space, key: string): unknown {
    return this.#dbs[space].get(key);
  }

  *range(space: Space, prefix: string): Iterable<[string, unknown]> {
    for (const { key, value } of this.#dbs[space].getRange({ start: prefix, end: `${prefix}\uffff` })) yield [key as string, value];
  }

  *keys(space: Space, prefix: string): Iterable<string> {
    for (const key of this.#dbs[space].getKeys({ start: prefix, end: `${prefix}\uffff` })) yield key as string;
  }

  write(ops: readonly WriteOp[]): void {
    if (ops.length === 0) return;
    this.#root.transactionSync(() => {
      for (const op of ops) {
        const db = this.#dbs[op.space];
        if ('remove' in op) db.removeSync(op.key);
        else db.putSync(op.key, op.value);
      }
    });
    // Reads after a commit see it: lmdb-js otherwise keeps reading the snapshot of the last read transaction.
    this.#root.resetReadTxn();
  }

  clear(): void {
    this.#root.transactionSync(() => {
      for (const db of Object.values(this.#dbs)) db.clearSync();
    });
    this.#root.resetReadTxn();
  }

  /**
   * Every page of the file a build touched stays mapped into the process, and counts as its
   * memory (a cold build of 10,000 articles reads and writes some 300 MB). Closing and opening the
   * environment again lets those pages go; nothing is lost, as every write is committed.
   */
  async relieve(): Promise<void> {
    await this.#root.close();
    this.#open();
  }

  close(): void {
    void this.#root.close();
  }
}
