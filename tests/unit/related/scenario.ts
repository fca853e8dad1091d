// Random sequences of changes to a set of documents, applied both to an updated state and to a
// plain list from which the tests compute the state from scratch: new documents (newest and
// backdated), deletions, new dates, topics, sections, terms, exclusions, editor's links, room.
import { choicesOf, type Changes, type RelatedDoc, type RelatedState } from '../../../src/site/related/index.js';
import { BASE_MS, makeDoc, random, termsOf, type CorpusShape } from './corpus.js';

/** One step, as numbers that fast-check draws and shrinks. */
export interface Op {
  kind: number;
  a: number;
  b: number;
  c: number;
}

export const OP_KINDS = 12;

export class Scenario {
  readonly docs = new Map<string, RelatedDoc>();
  #nextId = 0;
  #newest = 0;

  constructor(
    readonly seed: number,
    readonly shape: CorpusShape,
    initial: number,
  ) {
    const next = random(seed);
    for (let k = 0; k < initial; k++) this.#put(this.#fresh(Math.floor(next() * 2 * initial)));
  }

  /** The changes of `op` (reading the state for choices to exclude or link); the documents here already show them. */
  changesFor(op: Op, state: RelatedState): Changes {
    const changes = { upsert: [] as RelatedDoc[], remove: [] as string[] };
    if (op.kind === OP_KINDS - 1) {
      // A batch of up to three changes at once.
      for (let k = 0; k < 1 + (op.c % 3); k++) this.#one({ kind: (op.a + 5 * k * (op.b + 1)) % (OP_KINDS - 1), a: op.b + k, b: op.c + 3 * k, c: op.a + k }, state, changes);
    } else this.#one(op, state, changes);
    const removed = new Set(changes.remove);
    for (const doc of changes.upsert) removed.delete(doc.key);
    for (const key of removed) this.docs.delete(key);
    for (const doc of changes.upsert) this.#put(doc);
    return changes;
  }

  #one(op: Op, state: RelatedState, changes: { upsert: RelatedDoc[]; remove: string[] }): void {
    const keys = [...this.docs.keys()].sort();
    const key = keys[op.a % Math.max(1, keys.length)];
    const doc = key === undefined ? undefined : (changes.upsert.findLast((d) => d.key === key) ?? this.docs.get(key));
    const other = keys.length > 0 ? (this.docs.get(keys[op.b % keys.length] as string) as RelatedDoc) : undefined;
    const upsert = (change: Partial<RelatedDoc>) => doc && changes.upsert.push({ ...doc, ...change });
    switch (doc === undefined ? 0 : op.kind) {
      case 0:
        return void changes.upsert.push(this.#fresh(this.#newest + (op.b % 3)));
      case 1:
        return void changes.upsert.push(this.#fresh(op.b % (this.#newest + 1)));
      case 2:
        return void changes.remove.push(key as string);
      case 3:
        return void upsert({ dateMs: (other ?? (doc as RelatedDoc)).dateMs + (op.c % 3) * 60_000 * (op.c % 2 ? 1 : -1) });
      case 4:
        return void upsert({ tags: op.c % 3 === 0 ? [] : makeDoc(op.b, this.seed + op.c, 0, this.shape).tags });
      case 5:
        return void upsert({ section: op.c % 4 === 0 ? null : `s${op.c % this.shape.sections}` });
      case 6:
        return void upsert({ terms: otherTerms(doc as RelatedDoc, other, op.c) });
      case 7: {
        // A choice of the state before this batch: its document may have gone since.
        const choice = this.docs.get(choicesOf(state, key as string)[op.c % 2] ?? '');
        return void upsert({ exclude: op.c % 5 === 0 || !choice ? [] : [choice.slug, 'kein-artikel'] });
      }
      case 8: {
        const choice = choicesOf(state, key as string)[0] ?? other?.key;
        return void upsert({ linked: op.c % 5 === 0 || !choice ? [] : [choice] });
      }
      case 9:
        return void upsert({ room: (op.c % 6) - 1 });
      default:
        return void upsert({});
    }
  }

  #fresh(minutes: number): RelatedDoc {
    const id = this.#nextId++;
    return makeDoc(id, this.seed, minutes, this.shape);
  }

  #put(doc: RelatedDoc): void {
    this.docs.set(doc.key, doc);
    this.#newest = Math.max(this.#newest, (doc.dateMs - BASE_MS) / 60_000);
  }
}

/** `doc`'s terms with new counts, or some stems dropped and some of `other`'s added. */
function otherTerms(doc: RelatedDoc, other: RelatedDoc | undefined, c: number): RelatedDoc['terms'] {
  const next = random(c);
  const stems = new Map(doc.terms.stems.map((stem, k) => [stem, doc.terms.counts[k] as number]));
  if (c % 3 === 0) {
    for (const [stem, count] of stems) if (next() < 0.4) stems.set(stem, count + 1 + Math.floor(next() * 3));
  } else {
    for (const stem of stems.keys()) if (next() < 0.3) stems.delete(stem);
    for (const stem of other?.terms.stems ?? []) if (next() < 0.4) stems.set(stem, 1 + Math.floor(next() * 4));
  }
  return termsOf(stems);
}
