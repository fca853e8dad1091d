// The order newest first (date descending, then slug, then key, as the site model sorts) as a
// rank per slot. Only a document's order against the others is read anywhere, never its number,
// so renumbering all ranks after an insertion changes nothing but a typed array.
import type { RelatedState } from './state.js';

/** Negative when the first document (date, slug, key) comes before the second (is newer). */
export function compareOrder(dateA: number, slugA: string, keyA: string, dateB: number, slugB: string, keyB: string): number {
  const byDate = dateB - dateA;
  if (byDate !== 0) return byDate;
  if (slugA !== slugB) return slugA < slugB ? -1 : 1;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/** Negative when slot `a` comes before slot `b`. */
export function compareSlots(state: RelatedState, a: number, b: number): number {
  const { dateMs, slugs, keys } = state.docs;
  return compareOrder(dateMs[a] as number, slugs[a] as string, keys[a] as string, dateMs[b] as number, slugs[b] as string, keys[b] as string);
}

/**
 * Takes the `leaving` slots out of the order and puts the `entering` ones in their places, then
 * renumbers the ranks. A slot may be in both (a new date): it leaves its old place and enters its new one.
 */
export function reorder(state: RelatedState, leaving: ReadonlySet<number>, entering: readonly number[]): void {
  const order = state.order;
  const kept: number[] = [];
  const slots = order.slots;
  for (let r = 0; r < order.size; r++) {
    const slot = slots[r] as number;
    if (!leaving.has(slot)) kept.push(slot);
  }
  const adding = [...entering].sort((a, b) => compareSlots(state, a, b));
  const size = kept.length + adding.length;
  const next = new Int32Array(Math.max(size, slots.length));
  // Merge the sorted additions into the kept order.
  let k = 0;
  let a = 0;
  for (let r = 0; r < size; r++) {
    const fromKept = a >= adding.length || (k < kept.length && compareSlots(state, kept[k] as number, adding[a] as number) < 0);
    next[r] = fromKept ? (kept[k++] as number) : (adding[a++] as number);
  }
  order.slots = next;
  order.size = size;
  for (let r = 0; r < size; r++) order.rank[next[r] as number] = r;
}
