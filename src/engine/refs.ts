// A target's references to parse results in the store, counted: a result that two articles (or
// two targets) share goes only when none refers to it any more.
import type { Table } from '../store/table.js';

export function addRef(refs: Table<number>, contentKey: string, delta: 1 | -1): void {
  const count = (refs.get(contentKey) ?? 0) + delta;
  if (count > 0) refs.put(contentKey, count);
  else refs.remove(contentKey);
}
