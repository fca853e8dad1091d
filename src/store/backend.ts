// Where the store keeps its bytes: an LMDB database in the cache folder (lmdb-backend.ts), or a
// map in memory when there is no cache folder (memory-backend.ts). Both encode values with
// msgpack, so a build without a cache sees exactly the values a build with one reads back.

/** The store's spaces: parse results by content key, output bytes by their hash, and the state of every target. */
export type Space = 'memo' | 'blobs' | 'state';

export type WriteOp = { space: Space; key: string; value: unknown } | { space: Space; key: string; remove: true };

export interface Backend {
  readonly persistent: boolean;
  get(space: Space, key: string): unknown;
  /** Every entry whose key starts with `prefix`, in key order. */
  range(space: Space, prefix: string): Iterable<[string, unknown]>;
  /** The keys alone (page bytes need not be read to be swept). */
  keys(space: Space, prefix: string): Iterable<string>;
  /** Applies all of `ops` in one transaction: all or nothing, even if the process is killed meanwhile. */
  write(ops: readonly WriteOp[]): void;
  /** Removes everything (a store of another format or code version). */
  clear(): void;
  /** Lets the process's memory go of what was read and written so far (a cold build calls it between stages). */
  relieve(): Promise<void>;
  close(): void;
}

/** The largest key LMDB stores comfortably; longer keys (deep content paths) are hashed by the tables. */
export const MAX_KEY_LENGTH = 400;
