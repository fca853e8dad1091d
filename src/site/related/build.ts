// A state computed from scratch: the reference every update must equal to the last bit, and
// what an update falls back to when a change reaches too far (a step of the number of articles).
import { chooseFor } from './choose.js';
import { deriveIndex } from './derive.js';
import { normalizeDoc, readDoc, writeDoc, type RelatedDoc } from './doc.js';
import { compareOrder } from './order.js';
import { relatedParams, type RelatedParams } from './params.js';
import type { Batch } from './plan.js';
import { listOf } from './ragged.js';
import { allocateSlot, emptyRelatedState, liveSlots, setOrderOldestFirst, type RelatedState } from './state.js';

/** The state of `docs` (a repeated key: the last one counts) with every document's choices. */
export function buildRelatedState(docs: readonly RelatedDoc[], params: RelatedParams = relatedParams()): RelatedState {
  const state = emptyRelatedState(params);
  const byKey = new Map<string, RelatedDoc>();
  for (const doc of docs) byKey.set(doc.key, normalizeDoc(doc));
  // Slots and ids given out oldest first, as an encoding numbers them (codec.ts): a state
  // built, or decoded, and then given a new article encodes without renumbering anything.
  const sorted = [...byKey.values()].sort((a, b) => compareOrder(a.dateMs, a.slug, a.key, b.dateMs, b.slug, b.key));
  const n = sorted.length;
  for (let r = n - 1; r >= 0; r--) writeDoc(state, allocateSlot(state, (sorted[r] as RelatedDoc).key), sorted[r] as RelatedDoc);
  setOrderOldestFirst(state, n);
  deriveIndex(state);
  for (let slot = 0; slot < n; slot++) chooseFor(state, slot);
  return state;
}

/**
 * Replaces `state` by the state computed from scratch from its documents after `batch`. Returns
 * the keys whose choices differ from before (newest first) and how many documents chose.
 */
export function rebuild(state: RelatedState, batch: Batch): { changed: string[]; rescored: number } {
  const choiceKeys = (s: RelatedState, slot: number) => Array.from(listOf(s.chosen.choices, slot), (j) => s.docs.keys[j] as string).join('\u0000');
  const before = new Map<string, string>();
  const replaced = new Set([...batch.removed, ...batch.updated.map((u) => u.slot)]);
  const docs: RelatedDoc[] = [];
  for (const slot of liveSlots(state)) {
    before.set(state.docs.keys[slot] as string, choiceKeys(state, slot));
    if (!replaced.has(slot)) docs.push(readDoc(state, slot));
  }
  docs.push(...batch.updated.map((u) => u.doc), ...batch.added);
  Object.assign(state, buildRelatedState(docs, state.params));
  const changed: string[] = [];
  let rescored = 0;
  for (const slot of liveSlots(state)) {
    const key = state.docs.keys[slot] as string;
    if ((state.docs.room[slot] as number) > 0) rescored++;
    if (choiceKeys(state, slot) !== (before.get(key) ?? '')) changed.push(key);
  }
  return { changed, rescored };
}
