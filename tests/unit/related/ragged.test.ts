// The lists per slot in shared columns: whatever the sequence of growing, shrinking and freeing
// lists (and the moves and compactions it causes), every slot reads back what was last written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyRagged, release, reserve, type Ragged } from '../../../src/site/related/ragged.js';
import { random } from './corpus.js';

const read = (r: Ragged, slot: number) => {
  const at = r.start[slot] as number;
  const length = slot < r.length.length ? (r.length[slot] as number) : 0;
  return { ints: Array.from((r.ints[0] as Int32Array).subarray(at, at + length)), floats: Array.from((r.floats[0] as Float64Array).subarray(at, at + length)) };
};

test('lists read back as written through moves and compactions', () => {
  const r = emptyRagged(1, 1);
  const expected = new Map<number, number[]>();
  const next = random(5);
  let compactions = 0;
  for (let step = 0; step < 20_000; step++) {
    const slot = Math.floor(next() * 300);
    if (next() < 0.2) {
      release(r, slot);
      expected.delete(slot);
    } else {
      const values = Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * 1e6));
      const garbage = r.garbage;
      const at = reserve(r, slot, values.length);
      if (r.garbage < garbage) compactions++;
      values.forEach((v, k) => {
        (r.ints[0] as Int32Array)[at + k] = v;
        (r.floats[0] as Float64Array)[at + k] = v / 7;
      });
      expected.set(slot, values);
    }
  }
  assert.ok(compactions > 5, `compactions: ${compactions}`);
  for (let slot = 0; slot < 300; slot++) {
    const values = expected.get(slot) ?? [];
    assert.deepEqual(read(r, slot), { ints: values, floats: values.map((v) => v / 7) }, `slot ${slot}`);
  }
});
