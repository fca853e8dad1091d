// Every idf reads stepped counts: the number of articles and each document frequency, rounded to
// an eighth of an octave, each count below 12 a step of its own. A new article therefore leaves
// other articles' weights as they were unless a count crosses a step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelatedState, countStep, explain, idfOf, isCommon, relatedParams, steppedCount, updateRelated, type RelatedDoc } from '../../../src/site/related/index.js';


test('each count below 12 is a step of its own; above, neighbours share steps, within 4.5 % of the count', () => {
  for (let count = 1; count < 12; count++) assert.notEqual(countStep(count), countStep(count + 1), `${count} and ${count + 1}`);
  assert.equal(steppedCount(1), 1);
  assert.equal(steppedCount(2), 2);
  assert.equal(steppedCount(16), 16);
  let shared = 0;
  for (let count = 12; count < 100_000; count++) {
    if (countStep(count) === countStep(count + 1)) shared++;
    assert.ok(Math.abs(steppedCount(count) / count - 1) <= 0.0443, `${count} reads ${steppedCount(count)}`);
  }
  assert.ok(shared > 99_000 - 200, `most neighbours share a step (${shared})`);
  // The number of articles is stepped too: 1,000 and 1,001 articles give every frequency the same idf.
  assert.equal(countStep(1000), countStep(1001));
  assert.equal(idfOf(1000, 37), idfOf(1001, 37));
  assert.notEqual(idfOf(1000, 37), idfOf(1000, 40));
  assert.equal(idfOf(1000, 37), Math.log(1 + steppedCount(1000) / steppedCount(37)));
});

test('a text term is common when it is in more than a fifth of the stepped number of articles, from 20 on', () => {
  const params = relatedParams();
  assert.equal(isCommon(params, 19, 19), false, 'fewer than 20 articles: nothing is common');
  // 100 articles read 98.7: 19 of them are not more than a fifth, 20 are (of exactly 100, 20 would not be).
  assert.ok(Math.abs(steppedCount(100) - 98.7) < 0.01);
  assert.equal(isCommon(params, 100, 19), false);
  assert.equal(isCommon(params, 100, 20), true);
  assert.equal(isCommon(params, 101, 20), true, 'the same step of articles');
});

const doc = (key: string, minutes: number, tags: string[], stems: string[], room = 1): RelatedDoc => ({
  key,
  slug: key,
  dateMs: Date.UTC(2025, 0, 1) + minutes * 60_000,
  tags,
  section: null,
  terms: { stems, counts: stems.map(() => 2) },
  exclude: [],
  linked: [],
  room,
});

test('a new article that crosses no step leaves the scores of the other articles as they were', () => {
  // 41 articles in pairs sharing a topic and a term each; 31 have the topic the new one has.
  const docs = Array.from({ length: 41 }, (_, i) => doc(`a${i}`, i, [`paar${i >> 1}`, i < 31 ? 'gross' : 'klein'], [`wort${i >> 1}`, `eigen${i}`]));
  const state = buildRelatedState(docs);
  const before = docs.map((d) => explain(state, d.key).map((p) => p.score));
  assert.ok(countStep(41) === countStep(42));
  assert.ok(countStep(31) === countStep(32), 'the topic "gross" stays on its step');
  const result = updateRelated(state, { upsert: [doc('neu', 100, ['gross'], ['neuwort'])], remove: [] });
  assert.equal(result.rebuilt, false);
  const after = docs.map((d) => explain(state, d.key).map((p) => p.score));
  assert.deepEqual(after, before);
});

test('a step of the number of articles computes everything anew, with the same choices as from scratch', () => {
  const docs = Array.from({ length: 11 }, (_, i) => doc(`a${i}`, i, ['thema'], [`wort${i % 3}`]));
  const state = buildRelatedState(docs);
  const added = doc('neu', 100, ['thema'], ['wort1']);
  const result = updateRelated(state, { upsert: [added], remove: [] });
  assert.equal(result.rebuilt, true, '11 → 12 articles is a step');
  const scratch = buildRelatedState([...docs, added]);
  for (const d of [...docs, added]) assert.deepEqual(explain(state, d.key), explain(scratch, d.key));
});
