// The encoding for the store: compact raw bytes that decode to a state equal to the encoded one,
// whatever the history of that state, from any buffer the store hands back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelatedState, choicesOf, decodeRelatedState, encodeRelatedState, explain, keysOf, relatedParams, updateRelated } from '../../../src/site/related/index.js';
import { idOf, type Vocabulary } from '../../../src/site/related/postings.js';
import { listOf } from '../../../src/site/related/ragged.js';
import { liveSlots, type RelatedState } from '../../../src/site/related/state.js';
import { makeDoc, SMALL } from './corpus.js';
import { OP_KINDS, Scenario } from './scenario.js';

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

/** What a state derives from its documents, by name and key (so that states of other ids and slots compare): lists, idf, common flags, vectors. */
function derivedOf(state: RelatedState) {
  const key = (slot: number) => state.docs.keys[slot] as string;
  const vocabulary = (v: Vocabulary) =>
    new Map(
      v.names.flatMap((name, id) => {
        const docs = Array.from(listOf(v.lists, id), key);
        const at = v.lists.start[id] as number;
        const weights = v.lists.floats[0] ? Array.from((v.lists.floats[0] as Float64Array).subarray(at, at + docs.length)) : [];
        return docs.length === 0 ? [] : [[name, { docs, weights, idf: v.idf[id], common: v.common[id] }] as const];
      }),
    );
  const terms = state.docs.terms;
  const vectors = new Map(
    Array.from(liveSlots(state), (slot) => {
      const at = terms.start[slot] as number;
      const weights = Array.from((terms.floats[0] as Float64Array).subarray(at, at + (terms.length[slot] as number)));
      return [key(slot), { weights, lastQueryWeight: state.docs.lastQueryWeight[slot], lastQueryPosition: state.docs.lastQueryPosition[slot] }] as const;
    }),
  );
  return { tags: vocabulary(state.tags), sections: vocabulary(state.sections), terms: vocabulary(state.terms), vectors };
}

test('a decoded state has the posting lists, weights, idf, common flags and vectors of the state built from scratch, after any changes', () => {
  const params = relatedParams({ tagPostings: 4, termPostings: 3, queryTerms: 3, rescore: 3, commonFrom: 8, maxDocumentShare: 0.3, maxChanged: 60 });
  const scenario = new Scenario(11, SMALL, 60);
  let state = buildRelatedState([...scenario.docs.values()], params);
  for (let step = 0; step < 60; step++) {
    updateRelated(state, scenario.changesFor({ kind: (7 * step) % OP_KINDS, a: 13 * step, b: 31 * step, c: step }, state));
    const decoded = decodeRelatedState(encodeRelatedState(state));
    const expected = derivedOf(buildRelatedState([...scenario.docs.values()], params));
    assert.deepEqual(derivedOf(decoded), expected, `step ${step}`);
    assert.deepEqual(derivedOf(state), expected, `step ${step}, the updated state`);
    if (step % 2 === 0) state = decoded;
  }
});

test('bytes at any offset of a larger buffer decode (a store may hand out a slice of its memory)', () => {
  const bytes = encodeRelatedState(buildRelatedState(docs));
  const larger = new Uint8Array(bytes.length + 3);
  larger.set(bytes, 3);
  const decoded = decodeRelatedState(larger.subarray(3));
  assert.ok(Buffer.from(encodeRelatedState(decoded)).equals(Buffer.from(bytes)));
  assert.deepEqual(larger.subarray(3), bytes, 'decoding leaves the bytes as they were');
  // A Node Buffer, as LMDB hands values out: its slice() is a view, not a copy.
  const fromStore = decodeRelatedState(Buffer.from(larger.buffer, 3, bytes.length));
  assert.ok(Buffer.from(encodeRelatedState(fromStore)).equals(Buffer.from(bytes)));
});

test('every string survives: umlauts, emoji, NUL, empty', () => {
  const odd = ['content/ä/ü.md', 'thema-🙂', 'a\u0000b', ''];
  const state = buildRelatedState(
    odd.map((key, i) => ({ key, slug: `slug-${key}`, dateMs: i, tags: [odd[(i + 1) % 4] as string], section: key, terms: { stems: [key, `x${key}`], counts: [1, 2] }, exclude: [key], linked: [key], room: 1 })),
  );
  const decoded = decodeRelatedState(encodeRelatedState(state));
  assert.deepEqual(keysOf(decoded), keysOf(state));
  assert.deepEqual(decoded.docs.slugs.slice(0, 4), state.docs.slugs.slice(0, 4));
  assert.deepEqual([...decoded.terms.names].sort(), [...state.terms.names].sort());
  for (const name of state.terms.names) assert.equal(decoded.terms.names[idOf(decoded.terms, name) as number], name);
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

test('the encoding holds each input, derived list and weight once, in raw bytes', () => {
  const state = buildRelatedState(docs);
  const bytes = encodeRelatedState(state);
  const termEntries = docs.reduce((sum, d) => sum + d.terms.stems.length, 0);
  // Per term entry an id, a count and a weight, and its posting (rank and weight): 28 bytes; per
  // document its 12 best candidates (rank and score, 144 bytes), choices, key, slug, topics and
  // their postings, a hash table entry or two and some 10 numbers.
  assert.ok(bytes.byteLength < 28 * termEntries + 400 * docs.length, `${bytes.byteLength} bytes`);
});
