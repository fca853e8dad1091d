// The facts of one target in the store, each with a hash of its value. Setting a fact to the value
// it has changes nothing (early cut-off); every other set or removal is remembered, and the pass
// follows those keys to the outputs that read them (readers.ts).
import { hash } from 'node:crypto';
import type { Table } from '../store/table.js';
import type { FactWriter } from '../site/site-index.js';

interface StoredFact {
  h: string;
  v: unknown;
}

export const valueHash = (value: unknown): string => hash('sha1', JSON.stringify(value) ?? 'undefined', 'base64url');

export class FactStore implements FactWriter {
  /** Keys whose value changed in this pass (set to another value, or removed). */
  readonly changed = new Set<string>();
  /** Facts read in this pass, decoded once (a list's teasers are read by several pages). */
  readonly #read = new Map<string, StoredFact | null>();

  constructor(private readonly table: Table<StoredFact>) {}

  get<T>(key: string): T | undefined {
    return this.#stored(key)?.v as T | undefined;
  }

  /** The hash of a fact's value; absent facts have none (a read of one is recorded as such). */
  hashOf(key: string): string {
    return this.#stored(key)?.h ?? '-';
  }

  set(key: string, value: unknown): void {
    const h = valueHash(value);
    if (this.#stored(key)?.h === h) return;
    const fact = { h, v: value };
    this.table.put(key, fact);
    this.#read.set(key, fact);
    this.changed.add(key);
  }

  remove(key: string): void {
    if (!this.#stored(key)) return;
    this.table.remove(key);
    this.#read.set(key, null);
    this.changed.add(key);
  }

  /** Lets the decoded facts go (a cold build, once its facts are written out). */
  forget(): void {
    this.#read.clear();
  }

  #stored(key: string): StoredFact | null {
    let fact = this.#read.get(key);
    if (fact === undefined) this.#read.set(key, (fact = this.table.get(key) ?? null));
    return fact;
  }
}
