// The lists per slot in shared columns: whatever the sequence of growing, shrinking and freeing
// lists (and the moves and compactions it causes), every slot reads back what was last written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyRagged, insertAt, release, removeAt, reserve, type Ragged } from '../../../src/site/related/ragged.js';
import { random } from './corpus.js';

const read = (r: Ragged, slot: number) => {
  const at = r.start[slot] as number;
  const length = slot < r.length.length ? (r.length[slot] as number) : 0;
  return { ints: Array.from((r.ints[0] as Int32Array).subarray(at, at + length)), floats: Array.from((r.floats[0] as Float64Array).subarray(at, at + length)) };
};

/** Every slot below `slots` reads back its expected values (and a seventh of each as its float). */
function assertReadsBack(r: Ragged, expected: Map<number, number[]>, slots: number): void {
  for (let slot = 0; slot < slots; slot++) {
    const values = expected.get(slot) ?? [];
    assert.deepEqual(read(r, slot), { ints: values, floats: values.map((v) => v / 7) }, `slot ${slot}`);
  }
}

/** `steps` random changes of `change` to the lists of `slots` slots; every list then reads back what the model `expected` holds. Returns how many compactions they caused. */
function churn(seed: number, slots: number, steps: number, change: (r: Ragged, slot: number, next: () => number, expected: Map<number, number[]>) => void): number {
  const r = emptyRagged(1, 1);
  const expected = new Map<number, number[]>();
  const next = random(seed);
  let compactions = 0;
  for (let step = 0; step < steps; step++) {
    const garbage = r.garbage;
    change(r, Math.floor(next() * slots), next, expected);
    if (r.garbage < garbage) compactions++;
  }
  assertReadsBack(r, expected, slots);
  return compactions;
}

const write = (r: Ragged, at: number, v: number) => {
  (r.ints[0] as Int32Array)[at] = v;
  (r.floats[0] as Float64Array)[at] = v / 7;
};

test('lists read back as written through moves and compactions', () => {
  const compactions = churn(5, 300, 20_000, (r, slot, next, expected) => {
    if (next() < 0.2) {
      release(r, slot);
      expected.delete(slot);
    } else {
      const values = Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * 1e6));
      const at = reserve(r, slot, values.length);
      values.forEach((v, k) => write(r, at + k, v));
      expected.set(slot, values);
    }
  });
  assert.ok(compactions > 5, `compactions: ${compactions}`);
});

test('numbers inserted and removed one at a time keep the lists in order through moves and compactions', () => {
  const compactions = churn(8, 200, 30_000, (r, slot, next, expected) => {
    const values = expected.get(slot) ?? [];
    expected.set(slot, values);
    if (values.length > 0 && next() < 0.45) {
      const at = Math.floor(next() * values.length);
      removeAt(r, slot, at);
      values.splice(at, 1);
    } else if (next() < 0.02) {
      release(r, slot);
      values.length = 0;
    } else {
      const at = Math.floor(next() * (values.length + 1));
      const v = Math.floor(next() * 1e6);
      write(r, insertAt(r, slot, at), v);
      values.splice(at, 0, v);
    }
  });
  assert.ok(compactions > 2, `compactions: ${compactions}`);
});
