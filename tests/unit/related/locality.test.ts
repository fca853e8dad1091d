// An update costs what the change reaches, not what the site holds: one new article changes the
// choices of a few articles and makes a few hundred choose again, at 2,000 articles as at 4,000
// (every window is bounded), and the result is still the state computed from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelatedState, choicesOf, encodeRelatedState, keysOf, updateRelated, type RelatedDoc, type UpdateResult } from '../../../src/site/related/index.js';
import { makeDoc, type CorpusShape } from './corpus.js';

const SHAPE: CorpusShape = { clusters: 80, topics: 60, sections: 8, words: 30, general: 60 };

/** A site of `n` articles, five minutes apart, and the results of adding `added` newest articles one by one. */
function addNewest(n: number, added: number): { results: UpdateResult[]; docs: RelatedDoc[]; state: ReturnType<typeof buildRelatedState> } {
  const docs = Array.from({ length: n }, (_, i) => makeDoc(i, 11, 5 * i, SHAPE));
  const state = buildRelatedState(docs);
  const results: UpdateResult[] = [];
  for (let k = 0; k < added; k++) {
    const doc = makeDoc(n + k, 11, 5 * (n + k), SHAPE);
    docs.push(doc);
    results.push(updateRelated(state, { upsert: [doc], remove: [] }));
  }
  return { results, docs, state };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('one new article changes a few articles’ choices and makes a bounded number choose again', () => {
  const { results, docs, state } = addNewest(2000, 12);
  const inPlace = results.filter((r) => !r.rebuilt);
  assert.ok(inPlace.length >= 10, `most additions update in place (${inPlace.length} of 12)`);
  for (const r of inPlace) {
    assert.ok(r.changed.length <= 20, `changed ${r.changed.length}`);
    // The new article's lists: 4 topics and sections of 2 × 64 + 3 neighbours, 15 terms of 2 × 32 + 3, and the few that see a changed weight.
    assert.ok(r.rescored <= 1000, `rescored ${r.rescored}`);
  }
  assert.ok(inPlace.some((r) => r.changed.length > 1), 'the new article changes other articles’ choices');
  const scratch = buildRelatedState(docs);
  for (const key of keysOf(scratch)) assert.deepEqual(choicesOf(state, key), choicesOf(scratch, key));
  assert.ok(Buffer.from(encodeRelatedState(state)).equals(Buffer.from(encodeRelatedState(scratch))));

  // Twice the site: not twice the work.
  const larger = addNewest(4000, 12).results.filter((r) => !r.rebuilt);
  const [small, large] = [mean(inPlace.map((r) => r.rescored)), mean(larger.map((r) => r.rescored))];
  assert.ok(large < 1.5 * small, `rescored ${small.toFixed(0)} at 2,000 articles, ${large.toFixed(0)} at 4,000`);
});

test('new term counts of one article make a dozen or so articles choose again', () => {
  const docs = Array.from({ length: 2000 }, (_, i) => makeDoc(i, 11, 5 * i, SHAPE));
  const state = buildRelatedState(docs);
  const rescored: number[] = [];
  for (let k = 0; k < 10; k++) {
    const i = (k * 197) % docs.length;
    const doc = docs[i] as RelatedDoc;
    const edited = { ...doc, terms: { stems: doc.terms.stems, counts: doc.terms.counts.map((c, j) => (j % 2 === k % 2 ? c + 1 : c)) } };
    docs[i] = edited;
    const result = updateRelated(state, { upsert: [edited], remove: [] });
    assert.equal(result.rebuilt, false);
    rescored.push(result.rescored);
  }
  assert.ok(mean(rescored) < 100, `rescored ${rescored.join(' ')}`);
  const scratch = buildRelatedState(docs);
  for (const key of keysOf(scratch)) assert.deepEqual(choicesOf(state, key), choicesOf(scratch, key));
});
