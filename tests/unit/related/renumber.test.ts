// How an encoding numbers ids: in the order of first use, found with a map or, when the ids are in
// that order already, without one; both ways give the numbering a plain reading gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstUse, renumbering } from '../../../src/site/related/renumber.js';
import { random } from './corpus.js';

/** Lists per slot as firstUse reads them, and the numbering read plainly. */
function reading(lists: number[][], order: number[]) {
  const start = Int32Array.from(lists.map((_, slot) => lists.slice(0, slot).flat().length));
  const features = { start, length: Int32Array.from(lists, (l) => l.length), ints: [Int32Array.from(lists.flat())], floats: [] };
  const names: number[] = [];
  for (const slot of order) for (const id of lists[slot] as number[]) if (!names.includes(id)) names.push(id);
  return { features, names };
}

test('ids in the order of first use keep their numbers (no map); others are renumbered', () => {
  const next = random(9);
  let kept = 0;
  for (let round = 0; round < 300; round++) {
    const size = 1 + Math.floor(next() * 20);
    const lists = Array.from({ length: 1 + Math.floor(next() * 8) }, () => [...new Set(Array.from({ length: Math.floor(next() * 5) }, () => Math.floor(next() * size)))]);
    if (round % 2 === 0) {
      // Renumber the ids by first use, so that they are kept.
      const { names } = reading(lists, lists.map((_, slot) => slot));
      for (const list of lists) list.forEach((id, k) => (list[k] = names.indexOf(id)));
    }
    const order = lists.map((_, slot) => slot);
    const { features, names } = reading(lists, order);
    const result = firstUse(Int32Array.from(order), features, size);
    assert.deepEqual(Array.from(result.names), names);
    if (result.map === null) {
      kept++;
      assert.deepEqual(names, names.map((_, k) => k));
    } else names.forEach((id, k) => assert.equal(result.map?.[id], k));
  }
  assert.ok(kept >= 150, `kept ${kept}`);
});

test('documents oldest first are renumbered only when their slots are not 0, 1, 2, …', () => {
  assert.equal(renumbering(Int32Array.from([0, 1, 2]), 3), null);
  assert.deepEqual(Array.from(renumbering(Int32Array.from([2, 0]), 3) ?? []), [1, -1, 0]);
});
