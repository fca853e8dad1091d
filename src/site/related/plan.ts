// What a set of changes is (documents removed, added and changed, in what) and how far it
// reaches before anything is touched: the counts that move, the features whose weights change
// because a count crosses a step, and whether that reaches too far for an update in place.
import { changeOf, normalizeDoc, readDoc, type DocChange, type RelatedDoc } from './doc.js';
import { idOf, sizeOf, type Vocabulary } from './postings.js';
import { countStep, isCommon } from './params.js';
import { listOf } from './ragged.js';
import { slotOf, type RelatedState } from './state.js';

export interface Changes {
  upsert: readonly RelatedDoc[];
  remove: readonly string[];
}

export interface Batch {
  /** Slots of the documents that go. */
  removed: number[];
  /** New documents (checked copies). */
  added: RelatedDoc[];
  /** Documents that differ from the stored ones, with the stored one and what differs. */
  updated: { slot: number; old: RelatedDoc; doc: RelatedDoc; change: DocChange }[];
}

/** The changes as they apply: removals first, then upserts (the last one of a key counts); upserts equal to the stored document drop out. */
export function batchOf(state: RelatedState, changes: Changes): Batch {
  const upserts = new Map<string, RelatedDoc>();
  for (const doc of changes.upsert) upserts.set(doc.key, normalizeDoc(doc));
  const removed = new Set<number>();
  for (const key of changes.remove) {
    const slot = slotOf(state, key);
    if (slot !== undefined && !upserts.has(key)) removed.add(slot);
  }
  const batch: Batch = { removed: [...removed], added: [], updated: [] };
  for (const doc of upserts.values()) {
    const slot = slotOf(state, doc.key);
    if (slot === undefined) batch.added.push(doc);
    else {
      const change = changeOf(state, slot, doc);
      if (change) batch.updated.push({ slot, old: readDoc(state, slot), doc, change });
    }
  }
  return batch;
}

export interface Plan {
  /** The number of documents after the batch. */
  n: number;
  /** By feature name, the document frequency after the batch, for the features whose frequency changes. */
  tags: Map<string, number>;
  sections: Map<string, number>;
  terms: Map<string, number>;
  /** Feature names whose weights change because their frequency crosses a step. */
  stepped: { tags: string[]; sections: string[]; terms: string[] };
  /** Why everything must be computed anew, or null. */
  rebuild: string | null;
}

export function planOf(state: RelatedState, batch: Batch): Plan {
  const deltas = { tags: new Map<string, number>(), sections: new Map<string, number>(), terms: new Map<string, number>() };
  const count = (doc: RelatedDoc, by: 1 | -1, what: { tags: boolean; section: boolean; terms: boolean }) => {
    const add = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + by);
    if (what.tags) for (const tag of doc.tags) add(deltas.tags, tag);
    if (what.section && doc.section !== null) add(deltas.sections, doc.section);
    if (what.terms) for (const stem of doc.terms.stems) add(deltas.terms, stem);
  };
  const all = { tags: true, section: true, terms: true };
  for (const slot of batch.removed) count(readDoc(state, slot), -1, all);
  for (const doc of batch.added) count(doc, 1, all);
  for (const { old, doc, change } of batch.updated) {
    const what = { tags: change.tags, section: change.section, terms: change.terms };
    count(old, -1, what);
    count(doc, 1, what);
  }
  const before = state.order.size;
  const n = before - batch.removed.length + batch.added.length;
  const plan: Plan = { n, tags: new Map(), sections: new Map(), terms: new Map(), stepped: { tags: [], sections: [], terms: [] }, rebuild: null };
  if (before === 0 || n === 0 || countStep(n) !== countStep(before)) plan.rebuild = 'the number of documents crosses a step';
  const step = (vocabulary: Vocabulary, delta: Map<string, number>, into: Map<string, number>, stepped: string[], text: boolean) => {
    for (const [name, by] of delta) {
      if (by === 0) continue;
      const id = idOf(vocabulary, name);
      const df = id === undefined ? 0 : sizeOf(vocabulary.lists, id);
      into.set(name, df + by);
      if (text && isCommon(state.params, before, df) !== isCommon(state.params, n, df + by)) plan.rebuild ??= 'a text term becomes common or stops being common';
      if (df > 0 && df + by > 0 && countStep(df) !== countStep(df + by)) stepped.push(name);
    }
  };
  step(state.tags, deltas.tags, plan.tags, plan.stepped.tags, false);
  step(state.sections, deltas.sections, plan.sections, plan.stepped.sections, false);
  step(state.terms, deltas.terms, plan.terms, plan.stepped.terms, true);
  if (plan.rebuild === null && reachesTooFar(state, plan)) plan.rebuild = `more than ${state.params.maxChanged} documents' weights change`;
  return plan;
}

/**
 * Whether more than params.maxChanged documents have a stepped feature (and so new weights):
 * the rare words of a story step with every article it gets, but they are the same few articles.
 */
function reachesTooFar(state: RelatedState, plan: Plan): boolean {
  const reached = new Set<number>();
  const max = state.params.maxChanged;
  for (const [vocabulary, names] of [[state.tags, plan.stepped.tags], [state.sections, plan.stepped.sections], [state.terms, plan.stepped.terms]] as const) {
    for (const name of names) {
      const docs = listOf(vocabulary.lists, idOf(vocabulary, name) as number);
      if (docs.length > max) return true;
      for (const slot of docs) reached.add(slot);
      if (reached.size > max) return true;
    }
  }
  return false;
}
