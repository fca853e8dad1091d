// The site snapshot's file: records come back as they were written, one by one; revising writes
// the new records and copies the others byte for byte; a file that is damaged, or of another
// version, is no snapshot; a new snapshot copies records whose sources did not change.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  assert.equal(loadSnapshot(dir, 'v2'), null, 'another code version');
});

test('revising serializes the revised records and copies the others as they were', () => {
  saveSnapshot(dir, index('k1', records.length), records);
  const before = loadSnapshot(dir, 'v1');
  assert.ok(before);
  const revised = new Map<number, unknown>([[0, { n: 'erster' }], [1200, { n: 'mitten', text: 'ü'.repeat(5000) }], [records.length - 1, { n: 'letzter' }]]);
  reviseSnapshot(dir, before, index('k2', records.length), revised);
  const after = loadSnapshot(dir, 'v1');
  assert.ok(after);
  assert.equal(after.index.recordKey, 'k2');
  for (let i = 0; i < records.length; i++) {
    const expected = revised.has(i) ? revised.get(i) : records[i];
    assert.deepEqual(after.record(i), expected, `record ${i}`);
    if (!revised.has(i)) assert.ok(Buffer.from(after.raw(i)).equals(Buffer.from(before.raw(i))), `record ${i} copied`);
  }
});

test('copied records are written as the bytes they were', () => {
  saveSnapshot(dir, index('k1', 3), [{ a: 1 }, new CopiedRecord(Buffer.from('{"b":"ä"}')), { c: 3 }]);
  const file = loadSnapshot(dir, 'v1');
  assert.ok(file);
  assert.deepEqual([0, 1, 2].map((i) => file.record(i)), [{ a: 1 }, { b: 'ä' }, { c: 3 }]);
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
