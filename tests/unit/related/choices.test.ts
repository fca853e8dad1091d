// The rules of the automatic choices, each on a few documents: the minimum score, ties to the
// newer article, exclusions and the editor's links skipped, room, and what updates report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelatedState, choicesOf, emptyRelatedState, explain, idfOf, updateRelated, type RelatedDoc } from '../../../src/site/related/index.js';

const doc = (key: string, minutes: number, change: Partial<RelatedDoc> = {}): RelatedDoc => ({
  key,
  slug: `slug-${key}`,
  dateMs: Date.UTC(2025, 0, 1) + minutes * 60_000,
  tags: [],
  section: null,
  terms: { stems: [`eigen${key}`], counts: [1] },
  exclude: [],
  linked: [],
  room: 3,
  ...change,
});

/** `count` documents that only fill the site, so that shared topics are rare and score high. */
const filler = (count: number) => Array.from({ length: count }, (_, i) => doc(`f${i}`, -1000 - i));

test('a shared topic scores its idf, the same section half of it, and below the minimum score nothing is chosen', () => {
  const docs = [doc('a', 3, { tags: ['energie'], section: 'wirtschaft' }), doc('b', 2, { tags: ['energie'], section: 'wirtschaft' }), ...filler(18)];
  const state = buildRelatedState(docs);
  const [parts] = explain(state, 'a');
  assert.ok(parts);
  assert.equal(parts.key, 'b');
  assert.deepEqual(parts.sharedTags, ['energie']);
  assert.equal(parts.sameSection, 'wirtschaft');
  assert.equal(parts.score, idfOf(20, 2) + 0.5 * idfOf(20, 2));
  // The same section alone in a site where half the articles have it: its half idf is below 1.
  const sections = [doc('a', 3, { section: 'politik' }), doc('b', 2, { section: 'politik' }), ...filler(2)];
  assert.ok(0.5 * idfOf(4, 2) < 1);
  assert.deepEqual(choicesOf(buildRelatedState(sections), 'a'), []);
});

test('text similarity: the cosine of the tf-idf vectors, up to 6, from the terms both have', () => {
  const terms = (stems: string[], counts: number[]) => ({ stems, counts });
  const docs = [doc('a', 2, { terms: terms(['gas', 'preis'], [3, 1]) }), doc('b', 1, { terms: terms(['gas', 'preis'], [3, 1]) }), ...filler(10)];
  const [parts] = explain(buildRelatedState(docs), 'a');
  assert.ok(parts);
  assert.ok(Math.abs(parts.score - 6) < 1e-12, `identical texts score 6 (${parts.score})`);
  assert.deepEqual(parts.sharedTerms.map((t) => t.stem), ['gas', 'preis'], 'the strongest first');
});

test('ties go to the newer article, in the candidates and in the choices', () => {
  const docs = [doc('a', 10, { tags: ['t'], room: 1 }), doc('alt', 1, { tags: ['t'] }), doc('neu', 5, { tags: ['t'] }), doc('mitte', 3, { tags: ['t'] }), ...filler(30)];
  const state = buildRelatedState(docs);
  assert.deepEqual(choicesOf(state, 'a'), ['neu']);
  updateRelated(state, { upsert: [{ ...(docs[0] as RelatedDoc), room: 3 }], remove: [] });
  assert.deepEqual(choicesOf(state, 'a'), ['neu', 'mitte', 'alt']);
  // Older articles choose newer ones too: the choice is by score, not by direction in time.
  assert.deepEqual(choicesOf(state, 'alt'), ['a', 'neu', 'mitte']);
  // The same date: the slug decides.
  const sameDate = [doc('x', 10, { tags: ['t'], room: 1 }), doc('b', 5, { tags: ['t'], slug: 'b-zweite' }), doc('c', 5, { tags: ['t'], slug: 'a-erste' }), ...filler(30)];
  assert.deepEqual(choicesOf(buildRelatedState(sameDate), 'x'), ['c']);
});

test('excluded slugs and the editor’s links are never chosen; the next best takes their place', () => {
  const docs = [doc('a', 10, { tags: ['t', 'u'], room: 2 }), doc('b', 9, { tags: ['t', 'u'] }), doc('c', 8, { tags: ['t'] }), doc('d', 7, { tags: ['u'] }), ...filler(30)];
  const state = buildRelatedState(docs);
  assert.deepEqual(choicesOf(state, 'a'), ['b', 'c']);
  let result = updateRelated(state, { upsert: [{ ...(docs[0] as RelatedDoc), exclude: ['slug-b'] }], remove: [] });
  assert.deepEqual(choicesOf(state, 'a'), ['c', 'd']);
  assert.deepEqual(result.changed, ['a']);
  result = updateRelated(state, { upsert: [{ ...(docs[0] as RelatedDoc), linked: ['b', 'c'] }], remove: [] });
  assert.deepEqual(choicesOf(state, 'a'), ['d']);
  assert.equal(result.rebuilt, false);
});

test('room: as many choices as the article wants, none for 0 or less', () => {
  const docs = [doc('a', 10, { tags: ['t'], room: 0 }), doc('b', 9, { tags: ['t'], room: -2 }), doc('c', 8, { tags: ['t'] }), ...filler(30)];
  const state = buildRelatedState(docs);
  assert.deepEqual(choicesOf(state, 'a'), []);
  assert.deepEqual(choicesOf(state, 'b'), []);
  assert.deepEqual(choicesOf(state, 'c'), ['a', 'b']);
  updateRelated(state, { upsert: [{ ...(docs[0] as RelatedDoc), room: 1 }], remove: [] });
  assert.deepEqual(choicesOf(state, 'a'), ['b']);
});

test('updates report the keys whose choices changed: new ones with choices, never removed ones', () => {
  // 34 articles, then 36 and 35: one step of the number of articles.
  const docs = [doc('a', 10, { tags: ['t'] }), doc('b', 9, { tags: ['t'] }), ...filler(32)];
  const state = buildRelatedState(docs);
  let result = updateRelated(state, { upsert: [doc('c', 11, { tags: ['t'] }), doc('einzeln', 12)], remove: [] });
  assert.equal(result.rebuilt, false);
  assert.deepEqual(result.changed, ['c', 'a', 'b'], 'newest first; the new article without choices is not listed');
  result = updateRelated(state, { upsert: [], remove: ['c'] });
  assert.deepEqual(result.changed, ['a', 'b']);
  assert.deepEqual(choicesOf(state, 'c'), []);
  result = updateRelated(state, { upsert: [doc('a', 10, { tags: ['t'] })], remove: ['unbekannt'] });
  assert.deepEqual(result, { changed: [], rescored: 0, rebuilt: false }, 'an unchanged article and an unknown key change nothing');
  // A key both removed and upserted: the upsert counts.
  result = updateRelated(state, { upsert: [doc('b', 9, { tags: ['t'], room: 1 })], remove: ['b'] });
  assert.deepEqual(choicesOf(state, 'b'), ['a']);
});

test('an empty state fills from updates, and empties again', () => {
  const state = emptyRelatedState();
  const docs = [doc('a', 2, { tags: ['t'] }), doc('b', 1, { tags: ['t'] }), ...filler(5)];
  const result = updateRelated(state, { upsert: docs, remove: [] });
  assert.equal(result.rebuilt, true);
  assert.deepEqual(result.changed, ['a', 'b']);
  assert.deepEqual(choicesOf(state, 'a'), ['b']);
  updateRelated(state, { upsert: [], remove: docs.map((d) => d.key) });
  assert.deepEqual(choicesOf(state, 'a'), []);
  assert.equal(state.order.size, 0);
});

test('what cannot come from an article is refused: repeated stems, counts that are no positive integers', () => {
  const state = emptyRelatedState();
  assert.throws(() => updateRelated(state, { upsert: [doc('a', 1, { terms: { stems: ['x', 'x'], counts: [1, 1] } })], remove: [] }), /repeated/);
  assert.throws(() => updateRelated(state, { upsert: [doc('a', 1, { terms: { stems: ['x'], counts: [0.5] } })], remove: [] }), /positive integer/);
  assert.throws(() => updateRelated(state, { upsert: [doc('a', Number.NaN)], remove: [] }), /dateMs/);
  // A repeated topic counts once.
  const twice = buildRelatedState([doc('a', 2, { tags: ['t', 't'] }), doc('b', 1, { tags: ['t'] }), ...filler(5)]);
  assert.deepEqual(explain(twice, 'a')[0]?.sharedTags, ['t']);
});
