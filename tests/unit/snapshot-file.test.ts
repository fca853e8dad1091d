// The site snapshot's files: records come back as they were written, one by one; a few revisions
// go to a delta beside the base, many to a new base; a base that is damaged, or of another
// version, is no snapshot, and a delta of another base or a damaged one is left out.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { loadSnapshot, reviseSnapshot, saveSnapshot } from '../../src/io/snapshot-file.js';
import { CopiedRecord, SNAPSHOT_FORMAT, type SnapshotIndex } from '../../src/site/snapshot.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'blatt-snapshot-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FILE = () => join(dir, `site-snapshot.v${SNAPSHOT_FORMAT}`);
const index = (recordKey: string, count: number): SnapshotIndex =>
  ({ format: SNAPSHOT_FORMAT, codeVersion: 'v1', recordKey, global: 'g', config: {}, site: {}, order: [], terms: [], lists: [], feeds: [], sources: Array.from({ length: count }, (_, i) => `s${i}`) }) as unknown as SnapshotIndex;
/** Records of every size, with text that is more than one byte a character in UTF-8. */
const records = Array.from({ length: 2500 }, (_, i) => ({ n: i, text: `„Größe“ ${'ß'.repeat(i % 700)}` }));

test('records come back one by one, across the runs they are written in', () => {
  saveSnapshot(dir, index('k1', records.length), records);
  const file = loadSnapshot(dir, 'v1');
  assert.ok(file);
  assert.equal(file.index.recordKey, 'k1');
  assert.equal(file.count, records.length);
  for (const i of [0, 1, 777, 1499, records.length - 1]) assert.deepEqual(file.record(i), records[i]);
  assert.throws(() => file.record(records.length), /record 2500 of 2500/);
  file.close();
  assert.equal(loadSnapshot(dir, 'v2'), null, 'another code version');
});

test('a few revised records go to a delta beside the base; they and the new key come back with it', () => {
  saveSnapshot(dir, index('k1', records.length), records);
  const base = readFileSync(FILE());
  const before = loadSnapshot(dir, 'v1');
  assert.ok(before);
  const first = new Map<number, unknown>([[0, { n: 'erster' }], [1200, { n: 'mitten', text: 'ü'.repeat(5000) }]]);
  reviseSnapshot(dir, before, { recordKey: 'k2', sources: new Map([[0, 'neu0'], [1200, 'neu1200']]), records: first });
  before.close();
  assert.ok(readFileSync(FILE()).equals(base), 'the base is left as it was');
  const middle = loadSnapshot(dir, 'v1');
  assert.ok(middle);
  // A second revision keeps the first one's records.
  reviseSnapshot(dir, middle, { recordKey: 'k3', sources: new Map([[records.length - 1, 'neu-letzter']]), records: new Map([[records.length - 1, { n: 'letzter' }]]) });
  middle.close();
  const after = loadSnapshot(dir, 'v1');
  assert.ok(after);
  assert.equal(after.index.recordKey, 'k3');
  assert.deepEqual([after.index.sources[0], after.index.sources[1], after.index.sources[1200], after.index.sources[records.length - 1]], ['neu0', 's1', 'neu1200', 'neu-letzter']);
  const revised = new Map([...first, [records.length - 1, { n: 'letzter' }]]);
  for (let i = 0; i < records.length; i++) {
    const expected = revised.has(i) ? revised.get(i) : records[i];
    assert.deepEqual(after.record(i), expected, `record ${i}`);
    assert.deepEqual(JSON.parse(Buffer.from(after.raw(i)).toString()), expected, `raw record ${i}`);
  }
  after.close();
});

test('once the delta would be large, the base is written anew, with the other records copied', () => {
  saveSnapshot(dir, index('k1', records.length), records);
  const before = loadSnapshot(dir, 'v1');
  assert.ok(before);
  const many = new Map<number, unknown>(Array.from({ length: 100 }, (_, k) => [k * 20, { n: `neu ${k}` }]));
  reviseSnapshot(dir, before, { recordKey: 'k2', sources: new Map([...many.keys()].map((i) => [i, `neu${i}`])), records: many });
  before.close();
  assert.ok(!existsSync(`${FILE()}.delta`), 'no delta');
  const after = loadSnapshot(dir, 'v1');
  assert.ok(after);
  assert.equal(after.index.recordKey, 'k2');
  for (let i = 0; i < records.length; i++) assert.deepEqual(after.record(i), many.has(i) ? many.get(i) : records[i], `record ${i}`);
  assert.equal(after.index.sources[20], 'neu20');
  assert.equal(after.index.sources[21], 's21');
  after.close();
});

test('a delta of another base, or one that cannot be read, is left out', () => {
  saveSnapshot(dir, index('k1', 10), records.slice(0, 10));
  const first = loadSnapshot(dir, 'v1');
  assert.ok(first);
  reviseSnapshot(dir, first, { recordKey: 'k2', sources: new Map(), records: new Map([[3, { n: 'neu' }]]) });
  first.close();
  const delta = readFileSync(`${FILE()}.delta`);
  saveSnapshot(dir, index('k9', 10), records.slice(0, 10));
  writeFileSync(`${FILE()}.delta`, delta);
  const other = loadSnapshot(dir, 'v1');
  assert.ok(other);
  assert.equal(other.index.recordKey, 'k9', 'the delta named the earlier base');
  assert.deepEqual(other.record(3), records[3]);
  other.close();
  writeFileSync(`${FILE()}.delta`, '{"base":');
  const damaged = loadSnapshot(dir, 'v1');
  assert.ok(damaged);
  assert.equal(damaged.index.recordKey, 'k9');
  damaged.close();
});

test('copied records are written as the bytes they were', () => {
  saveSnapshot(dir, index('k1', 3), [{ a: 1 }, new CopiedRecord(Buffer.from('{"b":"ä"}')), { c: 3 }]);
  const file = loadSnapshot(dir, 'v1');
  assert.ok(file);
  assert.deepEqual([0, 1, 2].map((i) => file.record(i)), [{ a: 1 }, { b: 'ä' }, { c: 3 }]);
  file.close();
});

test('a damaged file is no snapshot', () => {
  saveSnapshot(dir, index('k1', records.length), records);
  const good = readFileSync(FILE());
  for (const [label, bytes] of [
    ['empty', Buffer.alloc(0)],
    ['cut short', good.subarray(0, good.byteLength - 9)],
    ['another magic', Buffer.concat([Buffer.from('BLATTX01'), good.subarray(8)])],
    ['index length beyond the end', (() => { const b = Buffer.from(good); b.writeUInt32LE(good.byteLength, 8); return b; })()],
    ['offsets out of order', (() => { const b = Buffer.from(good); b.writeDoubleLE(1, b.byteLength - 4 - 8 * 5); return b; })()],
  ] as const) {
    writeFileSync(FILE(), bytes);
    assert.equal(loadSnapshot(dir, 'v1'), null, label);
  }
});
