// Who reads each fact: the reverse of what outputs recorded (reads.ts), kept in the store so a
// later pass, in any process, finds the outputs a changed fact reaches without looking at the
// others. Changes are gathered during a pass and written once per fact key. A list of ids is
// stored as one string (NUL between ids): msgpack writes and reads one long string far faster
// than thousands of short ones, and a cold build writes 400,000 ids at 10,000 articles.
import type { Table } from '../store/table.js';

export const joinIds = (ids: readonly string[]): string => ids.join('\u0000');
export const splitIds = (joined: string | undefined): string[] => (joined ? joined.split('\u0000') : []);

export class Readers {
  readonly #added = new Map<string, Set<string>>();
  readonly #removed = new Map<string, Set<string>>();

  constructor(private readonly table: Table<string>) {}

  /** The outputs (ids) that read `key`, as of this pass. */
  of(key: string): string[] {
    const stored = splitIds(this.table.get(key));
    const added = this.#added.get(key);
    const removed = this.#removed.get(key);
    if (!added && !removed) return stored;
    return [...new Set([...stored.filter((id) => !removed?.has(id)), ...(added ?? [])])];
  }

  /** Output `id` now reads `after` instead of `before`. */
  record(id: string, before: readonly string[], after: readonly string[]): void {
    const old = new Set(before);
    const next = new Set(after);
    for (const key of next) if (!old.has(key)) this.#move(key, id, this.#added, this.#removed);
    for (const key of old) if (!next.has(key)) this.#move(key, id, this.#removed, this.#added);
  }

  /** Writes the gathered changes to the table (pending until the store commits). */
  save(): void {
    for (const key of new Set([...this.#added.keys(), ...this.#removed.keys()])) {
      const ids = this.of(key);
      if (ids.length > 0) this.table.put(key, joinIds(ids.sort()));
      else this.table.remove(key);
    }
    this.#added.clear();
    this.#removed.clear();
  }

  #move(key: string, id: string, to: Map<string, Set<string>>, from: Map<string, Set<string>>): void {
    from.get(key)?.delete(id);
    let set = to.get(key);
    if (!set) to.set(key, (set = new Set()));
    set.add(id);
  }
}
