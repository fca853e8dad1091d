// The store of a build without a cache folder (tests, `--no-cache`): the same spaces in memory,
// with values encoded as the LMDB backend encodes them, so nothing behaves differently.
import { pack, unpack } from 'msgpackr';
import type { Backend, Space, WriteOp } from './backend.js';

export class MemoryBackend implements Backend {
  readonly persistent = false;
  readonly #spaces: Record<Space, Map<string, Uint8Array>> = { memo: new Map(), blobs: new Map(), state: new Map() };

  get(space: Space, key: string): unknown {
    const bytes = this.#spaces[space].get(key);
    return bytes === undefined ? undefined : decode(space, bytes);
  }

  *range(space: Space, prefix: string): Iterable<[string, unknown]> {
    const keys = [...this.#spaces[space].keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) yield [key, decode(space, this.#spaces[space].get(key) as Uint8Array)];
  }

  keys(space: Space, prefix: string): Iterable<string> {
    return [...this.#spaces[space].keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  write(ops: readonly WriteOp[]): void {
    for (const op of ops) {
      if ('remove' in op) this.#spaces[op.space].delete(op.key);
      else this.#spaces[op.space].set(op.key, op.space === 'blobs' ? Uint8Array.from(op.value as Uint8Array) : pack(op.value));
    }
  }

  clear(): void {
    for (const space of Object.values(this.#spaces)) space.clear();
  }

  async relieve(): Promise<void> {}

  close(): void {
    this.clear();
  }
}

const decode = (space: Space, bytes: Uint8Array): unknown => (space === 'blobs' ? bytes : unpack(bytes));
