import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOME_LIST, listPageFact, packMembers, pageOfIndex, pagesOf, termList, unpackMembers, updateMembers, type Member, type Members } from '../../src/site/lists.js';
import { packStamps, unpackStamps } from '../../src/engine/sources.js';

const member = (n: number): Member => [`a${n}.md`, n * 1000, `a${n}`, n * 1000, `iso${n}`, false];
/** Articles 1..count, newest first. */
const members = (count: number): Members => Array.from({ length: count }, (_, i) => member(count - i));

test('the front page shows the newest articles; numbered pages count from the oldest', () => {
  const list = members(7);
  assert.deepEqual(pagesOf(HOME_LIST, 7, 3), [0, 1, 2, 3]);
  assert.deepEqual(listPageFact(HOME_LIST, list, 0, 3).items, ['a7.md', 'a6.md', 'a5.md']);
  assert.deepEqual(listPageFact(HOME_LIST, list, 1, 3).items, ['a3.md', 'a2.md', 'a1.md']);
  assert.deepEqual(listPageFact(HOME_LIST, list, 2, 3).items, ['a6.md', 'a5.md', 'a4.md']);
  assert.deepEqual(listPageFact(HOME_LIST, list, 3, 3).items, ['a7.md']);
});

test('pages link to newer and older pages; the front page to the page after its last article', () => {
  const list = members(7);
  const front = listPageFact(HOME_LIST, list, 0, 3);
  assert.equal(front.olderUrl, '/seite/2/'); // a4 is the newest article not on the front page
  assert.equal(front.newerUrl, null);
  assert.equal(front.count, 7);
  const newest = listPageFact(HOME_LIST, list, 3, 3);
  assert.equal(newest.newerUrl, '/');
  assert.equal(newest.olderUrl, '/seite/2/');
  assert.equal(newest.count, null);
  assert.equal(listPageFact(HOME_LIST, list, 1, 3).olderUrl, null);
  assert.equal(listPageFact(termList('tag', 'wetter'), list, 1, 3).url, '/thema/wetter/seite/1/');
});

test('a list the front page shows whole has no numbered pages; an empty topic has none at all', () => {
  assert.deepEqual(pagesOf(HOME_LIST, 3, 3), [0]);
  assert.deepEqual(pagesOf(HOME_LIST, 0, 3), [0]);
  assert.deepEqual(pagesOf(termList('tag', 'x'), 0, 3), []);
  assert.equal(listPageFact(HOME_LIST, members(3), 0, 3).olderUrl, null);
});

test('a new newest article changes only the newest numbered page: the others keep their articles', () => {
  const before = members(9);
  const { members: after, firstChanged } = updateMembers(before, new Set(), [member(10)]);
  assert.equal(firstChanged, 9);
  assert.equal(pageOfIndex(after.length, 3, 0), 4);
  for (const n of [1, 2, 3]) assert.deepEqual(listPageFact(HOME_LIST, after, n, 3).items, listPageFact(HOME_LIST, before, n, 3).items);
  assert.deepEqual(listPageFact(HOME_LIST, after, 4, 3).items, ['a10.md']);
});

test('removing and adding keep the order, and report the oldest position that changed', () => {
  const { members: after, firstChanged } = updateMembers(members(5), new Set(['a2.md']), [[`a2b.md`, 4500, 'a2b', 4500, 'x', false]]);
  assert.deepEqual(after.map((m) => m[0]), ['a5.md', 'a2b.md', 'a4.md', 'a3.md', 'a1.md']);
  assert.equal(firstChanged, 1);
  assert.equal(updateMembers(members(3), new Set(), []).firstChanged, -1);
});

test('members and stamps come back from their packed form as they were', () => {
  const odd: Member[] = [['a b/ä|ß.md', -86_400_000, 'ä-ß', 1.5e12, '2025-04-01T12:00:00+02:00', true], ['', 0, '', 0, '', false]];
  for (const list of [[], members(1), members(37), odd]) assert.deepEqual(unpackMembers(packMembers(list)), list);
  assert.deepEqual(unpackMembers(undefined), []);
  for (const n of [0, 1, 3]) {
    const stamps = new Map(Array.from({ length: n }, (_, i) => [`/c/a ${i}.md`, { relPath: `a ${i}.md`, stat: `1:${i}:2:3`, hash: `h${i}` }]));
    assert.deepEqual(unpackStamps(packStamps(stamps)), stamps);
  }
  assert.equal(unpackStamps(undefined), null);
});
