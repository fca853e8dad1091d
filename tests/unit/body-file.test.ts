// A file of bodies gives back exactly the bytes appended, before and after they are written, after
// it is renamed or loses its name, and from memory when the disk is full; a file that another
// program changes in place is refused rather than read.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { BodyFile } from '../../src/io/body-file.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'blatt-bodies-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string) => Buffer.from(text, 'utf8');
/** Bodies of many sizes, together more than the write buffer, one of them larger than it. */
const bodies = Array.from({ length: 40 }, (_, i) => ({ html: bytes(`<p>„Größe“ ${i} 😀</p>`.repeat(i === 7 ? 70_000 : 1 + i * 40)), text: bytes(`Größe ${i}`) }));

test('every body comes back as appended, whether written yet or not, and after a rename', () => {
  const file = BodyFile.create(join(dir, 'draft.tmp'), bytes('HEAD'));
  const stored = bodies.map((body, i) => {
    const at = file.store(body);
    // The body just appended is still in the write buffer: it reads back all the same.
    if (i % 5 === 0) assert.deepEqual(file.read(at.start, at.htmlEnd), body.html, `body ${i} before it is written`);
    return at;
  });
  assert.deepEqual(file.read(0, 4), bytes('HEAD'));
  assert.equal(stored[0]?.start, 4, 'bodies follow the head');
  for (const [i, at] of stored.entries()) {
    assert.deepEqual(file.read(at.start, at.htmlEnd), bodies[i]?.html, `html ${i}`);
    assert.deepEqual(file.read(at.htmlEnd, at.end), bodies[i]?.text, `text ${i}`);
  }
  assert.equal(file.intact, true);
  file.commit(join(dir, 'final'));
  assert.deepEqual(readdirSync(dir), ['final']);
  assert.deepEqual(file.read((stored[7] as { start: number }).start, (stored[7] as { htmlEnd: number }).htmlEnd), bodies[7]?.html, 'read after the rename');
  assert.throws(() => file.append(bytes('x')), /not open for writing/);
  file.close();
});

/** Writes a finished file at `path` holding one body, as a cache save does (a temporary file renamed); returns where the body is. */
function committed(path: string, html: string, text: string) {
  const writer = BodyFile.create(`${path}.${Math.random()}.tmp`, bytes('H'));
  const at = writer.store({ html: bytes(html), text: bytes(text) });
  writer.commit(path);
  writer.close();
  return at;
}

test('a file that lost its name, or was replaced by a rename, still gives its bodies', () => {
  const path = join(dir, 'cache');
  const at = committed(path, '<p>alt</p>', 'alt');
  const reader = BodyFile.open(path);
  // A newer cache replaces the file by a rename, as every cache save does.
  committed(path, '<p>neu, und länger</p>', 'neu');
  assert.deepEqual(reader.read(at.start, at.end), bytes('<p>alt</p>alt'));
  rmSync(path);
  assert.deepEqual(reader.read(at.htmlEnd, at.end), bytes('alt'), 'read after the name is gone');
  reader.close();
  assert.throws(() => reader.read(at.start, at.end), /closed/);
});

test('a file changed in place by another program is refused, not read', () => {
  const path = join(dir, 'cache');
  const at = committed(path, '<p>Original</p>', 'Original');
  const reader = BodyFile.open(path);
  assert.deepEqual(reader.read(at.start, at.htmlEnd), bytes('<p>Original</p>'));
  writeFileSync(path, 'H<p>Fremder Text, anders lang</p>'); // same file, truncated and rewritten
  assert.throws(() => reader.read(at.start, at.htmlEnd), /changed by another program/);
  reader.close();
});

test('on a full disk the bodies stay readable from memory, and the file cannot be committed', () => {
  // Every write to Linux's /dev/full fails with ENOSPC.
  const file = BodyFile.create('/dev/full', bytes('HEAD'));
  const stored = bodies.map((body) => file.store(body));
  for (const [i, at] of stored.entries()) assert.deepEqual(file.read(at.start, at.end), Buffer.concat([bodies[i]?.html as Buffer, bodies[i]?.text as Buffer]), `body ${i}`);
  assert.equal(file.intact, false);
  assert.throws(() => file.commit(join(dir, 'never')), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
  assert.equal(existsSync(join(dir, 'never')), false);
  file.close();
});
