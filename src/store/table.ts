// A keyed table of the store: reads see this pass's own writes, which wait in memory until the
// store commits them in one transaction. Tables of content-keyed values (parse results, output
// bytes: a key names its value for good) may instead write them out in batches as they come, so
// a cold build never holds all of them; such a value is correct whether or not the pass commits.
import { hash } from 'node:crypto';
import { MAX_KEY_LENGTH, type Backend, type Space, type WriteOp } from './backend.js';

const REMOVED = Symbol('removed');

/** Pending values are written out in batches of about this many bytes (a batched table only). */
const BATCH_BYTES = 8 << 20;

export interface Batching<V> {
  sizeOf: (value: V) => number;
  enabled: () => boolean;
  onFull: () => void;
}

export class Table<V> {
  readonly #pending = new Map<string, V | typeof REMOVED>();
  #pendingBytes = 0;

  constructor(
    private readonly backend: Backend,
    readonly space: Space,
    /** Keys of this table start with it: `t1/facts/` for a target's facts. */
    readonly prefix: string,
    /** Write out as values come (content-keyed tables, and the state of a target that holds nothing yet). */
    private batched: Batching<V> | null = null,
  ) {}

  /** Writes out as values come, through `batching.onFull` (see Store.streamFresh); null: only at commit. */
  batch(batching: Batching<V> | null): void {
    this.batched = batching;
  }

  get(key: string): V | undefined {
    const k = this.#key(key);
    const pending = this.#pending.get(k);
    if (pending !== undefined) return pending === REMOVED ? undefined : pending;
    return this.backend.get(this.space, k) as V | undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  put(key: string, value: V): void {
    const k = this.#key(key);
    this.#pending.set(k, value);
    if (this.batched?.enabled()) {
      this.#pendingBytes += this.batched.sizeOf(value);
      if (this.#pendingBytes >= BATCH_BYTES) this.batched.onFull();
    }
  }

  remove(key: string): void {
    this.#pending.set(this.#key(key), REMOVED);
    if (this.batched?.enabled() && (this.#pendingBytes += 64) >= BATCH_BYTES) this.batched.onFull();
  }

  /** Every entry, committed and pending, in key order; keys as stored (see #key: long keys are hashed). */
  *entries(): Iterable<[string, V]> {
    const seen = new Set<string>();
    for (const [k, value] of this.backend.range(this.space, this.prefix)) {
      seen.add(k);
      const pending = this.#pending.get(k);
      if (pending === REMOVED) continue;
      yield [k.slice(this.prefix.length), pending ?? (value as V)];
    }
    const added = [...this.#pending].filter(([k, v]) => !seen.has(k) && v !== REMOVED).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [k, value] of added) yield [k.slice(this.prefix.length), value as V];
  }

  /** Removes every entry of the table (the pending ones too). */
  clear(): void {
    this.#pending.clear();
    for (const k of this.backend.keys(this.space, this.prefix)) this.#pending.set(k, REMOVED);
  }

  /** The pending writes as operations, and forgets them (the store commits them). */
  takeOps(): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const [key, value] of this.#pending) ops.push(value === REMOVED ? { space: this.space, key, remove: true } : { space: this.space, key, value });
    this.#pending.clear();
    this.#pendingBytes = 0;
    return ops;
  }

  /** The pending puts as operations, and forgets them; removals wait for the commit (a value removed ahead of it could still be the committed one). */
  takePuts(): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const [key, value] of this.#pending) {
      if (value === REMOVED) continue;
      ops.push({ space: this.space, key, value });
      this.#pending.delete(key);
    }
    this.#pendingBytes = 0;
    return ops;
  }

  /** Forgets the pending writes. */
  discard(): void {
    this.#pending.clear();
    this.#pendingBytes = 0;
  }

  /** The key under which `key` is stored (long keys are hashed). */
  storedKey(key: string): string {
    return this.#key(key);
  }

  #key(key: string): string {
    const k = `${this.prefix}${key}`;
    return k.length <= MAX_KEY_LENGTH ? k : `${this.prefix}#${hash('sha256', key, 'base64url')}`;
  }
}
