// What one output (a page, or the checks of an article) reads, recorded as it reads it: the
// facts it asks for are its dependencies, listed nowhere else. Its fingerprint is a hash of
// those facts' values and of what else it is made from, so an output whose fingerprint is the
// one it had needs no work.
import { hash } from 'node:crypto';
import type { FactStore } from './fact-store.js';

export class Reads {
  readonly #keys = new Set<string>();

  constructor(private readonly facts: FactStore) {}

  /** The value of a fact (undefined when there is none), recorded as read. */
  fact<T>(key: string): T | undefined {
    this.#keys.add(key);
    return this.facts.get<T>(key);
  }

  get keys(): string[] {
    return [...this.#keys];
  }

  /** A hash of `base` (what the output is made from besides facts) and of every fact read, with its value. */
  fingerprint(base: string): string {
    const parts = [base];
    for (const key of this.#keys) parts.push(key, this.facts.hashOf(key));
    return hash('sha1', parts.join('\u0000'), 'base64url');
  }
}
