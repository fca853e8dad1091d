// The output folder changes only whole: staged files, a journal naming the store generation
// that describes the result, then the move. A journal whose generation the store committed is
// completed; one it did not is discarded; the marker says which target and generation the
// folder shows.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { outputFiles, recoverOutput, StagedOutput, stateDirOf } from '../../src/io/output.js';

const root = mkdtempSync(join(tmpdir(), 'blatt-output-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `site${n++}`, 'public');
const bytes = (text: string) => new TextEncoder().encode(text);

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of outputFiles(dir)) out[path] = readFileSync(join(dir, path), 'utf8');
  return out;
}

function write(out: string, generation: number, files: Record<string, string>, deletes: string[] = []): StagedOutput {
  const staged = new StagedOutput(out);
  for (const [path, text] of Object.entries(files)) staged.write(path, bytes(text));
  for (const path of deletes) staged.remove(path);
  return staged;
}

test('a write moves new folders in whole and files into existing ones; deletes remove empty folders', () => {
  const out = fresh();
  const first = write(out, 1, { 'index.html': 'home', '2025/04/a/index.html': 'a', '2025/04/b/index.html': 'b' });
  first.prepare(1);
  first.apply('t', 1);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a', '2025/04/b/index.html': 'b' });
  assert.equal(recoverOutput(out, 't', 1).trusted, true, 'the marker names the target and generation');
  const second = write(out, 2, { '2025/04/a/index.html': 'a2', '2025/05/c/index.html': 'c' }, ['2025/04/b/index.html']);
  second.prepare(2);
  second.apply('t', 2);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a2', '2025/05/c/index.html': 'c' });
  assert.equal(existsSync(join(out, '2025/04/b')), false, 'the empty folder is gone');
  assert.equal(recoverOutput(out, 't', 1).trusted, false, 'an older generation is not what the folder shows');
  assert.equal(recoverOutput(out, 'other', 2).trusted, false, 'nor another target');
  assert.equal(recoverOutput(out, 't', 2).trusted, true);
});

test('a journal the store committed is completed by the next run; one it did not is discarded', () => {
  const out = fresh();
  const first = write(out, 1, { 'index.html': 'home' });
  first.prepare(1);
  first.apply('t', 1);
  // Killed after the store committed generation 2, before the move.
  write(out, 2, { 'index.html': 'neu', 'a/index.html': 'a' }).prepare(2);
  assert.deepEqual(recoverOutput(out, 't', 2), { trusted: true, interrupted: 'completed' });
  assert.deepEqual(tree(out), { 'index.html': 'neu', 'a/index.html': 'a' });
  // Killed before the store committed generation 3: the output stays as generation 2 left it.
  write(out, 3, { 'index.html': 'nie' }).prepare(3);
  assert.deepEqual(recoverOutput(out, 't', 2), { trusted: true, interrupted: 'discarded' });
  assert.deepEqual(tree(out), { 'index.html': 'neu', 'a/index.html': 'a' });
  assert.equal(existsSync(join(stateDirOf(out), 'journal.json')), false);
  assert.equal(existsSync(join(stateDirOf(out), 'staging')), false);
});

test('a run interrupted while moving completes the rest, moving nothing twice', () => {
  const out = fresh();
  const first = write(out, 1, { 'x/index.html': 'x' });
  first.prepare(1);
  first.apply('t', 1);
  const staged = write(out, 2, { 'x/a.html': 'a', 'x/b.html': 'b', 'y/index.html': 'y' });
  staged.prepare(2);
  // Half the moves happened before the interruption.
  mkdirSync(join(out, 'y'), { recursive: true });
  writeFileSync(join(out, 'x/a.html'), readFileSync(join(stateDirOf(out), 'staging/x/a.html')));
  rmSync(join(stateDirOf(out), 'staging/x/a.html'));
  assert.equal(recoverOutput(out, 't', 2).trusted, true);
  assert.deepEqual(tree(out), { 'x/index.html': 'x', 'x/a.html': 'a', 'x/b.html': 'b', 'y/index.html': 'y' });
});

test('a folder deleted and made again is not the folder the marker names', () => {
  const out = fresh();
  const first = write(out, 1, { 'index.html': 'home' });
  first.prepare(1);
  first.apply('t', 1);
  rmSync(out, { recursive: true });
  mkdirSync(out);
  assert.equal(recoverOutput(out, 't', 1).trusted, false);
  rmSync(out, { recursive: true });
  assert.equal(recoverOutput(out, 't', 1).trusted, false, 'no folder at all');
});

test('discarding staged files changes nothing in the output', () => {
  const out = fresh();
  const first = write(out, 1, { 'index.html': 'home' });
  first.prepare(1);
  first.apply('t', 1);
  write(out, 2, { 'index.html': 'nie' }).discard();
  assert.deepEqual(tree(out), { 'index.html': 'home' });
  assert.deepEqual(readdirSync(stateDirOf(out)).sort(), ['marker.json']);
});

test('the state folder lives beside the output, not inside it', () => {
  const out = fresh();
  assert.equal(stateDirOf(out), join(dirname(out), '.public.blatt'));
});
