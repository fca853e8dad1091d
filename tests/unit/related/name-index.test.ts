// The hash table from names to ids: whatever the sequence of names added and removed (and the
// rebuilds it causes), every name finds its id and no other name finds one; the table an
// encoding stores depends only on the names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addName, emptyNameIndex, findName, hashName, nameIndexOf, removeName, tableOf } from '../../../src/site/related/name-index.js';
import { random } from './corpus.js';

test('names added and removed find their ids, others none', () => {
  const index = emptyNameIndex();
  const names: (string | null)[] = [];
  const expected = new Map<string, number>();
  const next = random(3);
  for (let step = 0; step < 20_000; step++) {
    const name = `n${Math.floor(next() * 3000)}-ä🙂`.slice(0, 2 + Math.floor(next() * 8));
    const id = expected.get(name);
    if (id !== undefined && next() < 0.5) {
      removeName(index, id);
      names[id] = null;
      expected.delete(name);
    } else if (id === undefined) {
      names.push(name);
      addName(index, names, names.length - 1);
      expected.set(name, names.length - 1);
    }
    if (step % 1000 === 0) for (const [n, i] of expected) assert.equal(findName(index, names, n), i, n);
  }
  for (const [n, i] of expected) assert.equal(findName(index, names, n), i, n);
  assert.equal(findName(index, names, 'not there'), -1);
  assert.ok(2 * index.used <= index.table.length, 'at most half used');
});

test('the stored table depends only on the names, and finds them after decoding', () => {
  const names = Array.from({ length: 500 }, (_, k) => `stem${(k * 7919) % 1000}`);
  const hashes = Int32Array.from(names, hashName);
  const table = tableOf(hashes, names.length);
  // Built by adding the names one by one, in another order, with removals and growth: the same names find the same ids.
  const other = emptyNameIndex();
  const otherNames: (string | null)[] = [];
  for (const name of [...names].reverse()) {
    otherNames.push(name, `gone-${name}`);
    addName(other, otherNames, otherNames.length - 2);
    addName(other, otherNames, otherNames.length - 1);
    removeName(other, otherNames.length - 1);
  }
  for (const name of names) assert.equal(otherNames[findName(other, otherNames, name)], name);
  assert.deepEqual(tableOf(Int32Array.from(names, hashName), names.length), table, 'the same table for the same hashes');
  const index = nameIndexOf(table, hashes, names.length);
  names.forEach((name, id) => assert.equal(findName(index, names, name), id));
  names.push('new');
  addName(index, names, names.length - 1);
  assert.equal(findName(index, names, 'new'), names.length - 1);
  assert.equal(findName(index, names, 'stem3'), names.indexOf('stem3'));
});
