// A state computed from scratch: the reference every update must equal to the last bit, and
// what an update falls back to when a change reaches too far (a step of the number of articles).
import { chooseFor } from './choose.js';
import { deriveIndex } from './derive.js';
import { normalizeDoc, writeDoc, type RelatedDoc } from './doc.js';
import { compareOrder } from './order.js';
import { relatedParams, type RelatedParams } from './params.js';
import { allocateSlot, emptyRelatedState, type RelatedState } from './state.js';

/** The state of `docs` (a repeated key: the last one counts) with every document's choices. */
export function buildRelatedState(docs: readonly RelatedDoc[], params: RelatedParams = relatedParams()): RelatedState {
  const state = emptyRelatedState(params);
  const byKey = new Map<string, RelatedDoc>();
  for (const doc of docs) byKey.set(doc.key, normalizeDoc(doc));
  // Slots in the order newest first, so that slots are ranks and ids are given out in that order.
  const sorted = [...byKey.values()].sort((a, b) => compareOrder(a.dateMs, a.slug, a.key, b.dateMs, b.slug, b.key));
  for (const doc of sorted) writeDoc(state, allocateSlot(state, doc.key), doc);
  for (let r = 0; r < sorted.length; r++) {
    state.order.slots[r] = r;
    state.order.rank[r] = r;
  }
  state.order.size = sorted.length;
  deriveIndex(state);
  for (let slot = 0; slot < sorted.length; slot++) chooseFor(state, slot);
  return state;
}
