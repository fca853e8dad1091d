// A target's references to content-keyed values of the store (parse results, output bytes),
// counted: two pages with the same bytes share one blob, which goes only when neither has it.
import { refKey, type ContentSpace } from '../store/store.js';
import type { Table } from '../store/table.js';

export function addRef(refs: Table<number>, space: ContentSpace, key: string, delta: 1 | -1): void {
  const k = refKey(space, key);
  const count = (refs.get(k) ?? 0) + delta;
  if (count > 0) refs.put(k, count);
  else refs.remove(k);
}
