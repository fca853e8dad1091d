// The encoding for the store: compact raw bytes that decode to a state equal to the encoded one,
// whatever the history of that state, from any buffer the store hands back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelatedState, choicesOf, decodeRelatedState, encodeRelatedState, explain, keysOf, relatedParams, updateRelated } from '../../../src/site/related/index.js';
import { makeDoc } from './corpus.js';

const docs = Array.from({ length: 300 }, (_, i) => makeDoc(i, 3, 5 * i));

test('a decoded state has the same choices, explanations and parameters, and encodes to the same bytes', () => {
  const state = buildRelatedState(docs, relatedParams({ rescore: 10, termPostings: 16 }));
  const bytes = encodeRelatedState(state);
  const decoded = decodeRelatedState(bytes);
  assert.deepEqual(decoded.params, state.params);
  assert.deepEqual(keysOf(decoded), keysOf(state));
  for (const key of keysOf(state)) {
    assert.deepEqual(choicesOf(decoded, key), choicesOf(state, key));
    assert.deepEqual(explain(decoded, key), explain(state, key));
  }
  assert.ok(Buffer.from(encodeRelatedState(decoded)).equals(Buffer.from(bytes)));
  // Updates go on from a decoded state as from the original.
  const added = makeDoc(1000, 3, 5 * 300);
  assert.deepEqual(updateRelated(decoded, { upsert: [added], remove: [] }), updateRelated(state, { upsert: [added], remove: [] }));
  assert.ok(Buffer.from(encodeRelatedState(decoded)).equals(Buffer.from(encodeRelatedState(state))));
});

test('bytes at any offset of a larger buffer decode (a store may hand out a slice of its memory)', () => {
  const bytes = encodeRelatedState(buildRelatedState(docs));
  const larger = new Uint8Array(bytes.length + 3);
  larger.set(bytes, 3);
  const decoded = decodeRelatedState(larger.subarray(3));
  assert.ok(Buffer.from(encodeRelatedState(decoded)).equals(Buffer.from(bytes)));
  assert.deepEqual(larger.subarray(3), bytes, 'decoding leaves the bytes as they were');
});

test('every string survives: umlauts, emoji, NUL, empty', () => {
  const odd = ['content/ä/ü.md', 'thema-🙂', 'a\u0000b', ''];
  const state = buildRelatedState(
    odd.map((key, i) => ({ key, slug: `slug-${key}`, dateMs: i, tags: [odd[(i + 1) % 4] as string], section: key, terms: { stems: [key, `x${key}`], counts: [1, 2] }, exclude: [key], linked: [key], room: 1 })),
  );
  const decoded = decodeRelatedState(encodeRelatedState(state));
  assert.deepEqual(keysOf(decoded), keysOf(state));
  assert.deepEqual(decoded.docs.slugs.slice(0, 4), state.docs.slugs.slice(0, 4));
  assert.deepEqual([...decoded.terms.idOf.keys()].sort(), [...state.terms.idOf.keys()].sort());
  assert.throws(() => encodeRelatedState(buildRelatedState([{ ...(makeDoc(0, 0, 0)), key: 'x\ud800' }])), /well-formed/);
});

test('bytes that are not an encoded state, or of another format version, are refused', () => {
  const bytes = encodeRelatedState(buildRelatedState(docs.slice(0, 20)));
  assert.throws(() => decodeRelatedState(new Uint8Array(8)), /not an encoded related state/);
  const other = bytes.slice();
  new DataView(other.buffer).setUint32(4, 999, true);
  assert.throws(() => decodeRelatedState(other), /format 999/);
  assert.throws(() => decodeRelatedState(bytes.subarray(0, bytes.length - 16)), /cut short|not of the kind/);
});

test('the encoding is compact: the inputs, best candidates and choices, no derived lists or weights', () => {
  const state = buildRelatedState(docs);
  const bytes = encodeRelatedState(state);
  const termEntries = docs.reduce((sum, d) => sum + d.terms.stems.length, 0);
  // Per term entry an id and a count (8 bytes, no weight); per document its 12 best candidates
  // (slot and score, 144 bytes), key, slug and some 10 numbers.
  assert.ok(bytes.byteLength < 8 * termEntries + 300 * docs.length, `${bytes.byteLength} bytes`);
});
