import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { readOutput, recoverOutput, stateDirOf, writeSite } from '../../src/io/write-site.js';

const root = mkdtempSync(join(tmpdir(), 'blatt-write-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `site${n++}`, 'public');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), rel);
      else out[rel] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** Writes files (path → text) below `dir`, making their folders. */
function put(dir: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

test('writes every file, then only what changed, and removes stale files and empty folders', () => {
  const out = fresh();
  const first = writeSite(out, [
    { path: 'index.html', contents: 'home' },
    { path: '2025/04/a/index.html', contents: 'a' },
    { path: '2025/04/b/index.html', contents: new TextEncoder().encode('b') },
  ]);
  assert.equal(first.written, 3);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a', '2025/04/b/index.html': 'b' });
  const mtime = statSync(join(out, '2025/04/a/index.html')).mtimeMs;

  const second = writeSite(out, [
    { path: 'index.html', contents: 'home 2' },
    { path: '2025/04/a/index.html', contents: 'a' },
  ]);
  assert.deepEqual([second.written, second.unchanged, second.removed], [1, 1, 1]);
  assert.deepEqual(second.changedPaths, ['2025/04/b/index.html', 'index.html']);
  assert.deepEqual(tree(out), { 'index.html': 'home 2', '2025/04/a/index.html': 'a' });
  assert.equal(existsSync(join(out, '2025/04/b')), false, 'empty folder of a deleted page is gone');
  assert.equal(statSync(join(out, '2025/04/a/index.html')).mtimeMs, mtime, 'unchanged file not rewritten');
});

test('a file changed behind our back is rewritten', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'home' }]);
  writeFileSync(join(out, 'index.html'), 'tampered!');
  const r = writeSite(out, [{ path: 'index.html', contents: 'home' }]);
  assert.equal(r.written, 1);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'home');
});

test('an output folder deleted for a clean build: no file is trusted, and the next write makes every one again', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'home' }, { path: '2025/04/a/index.html', contents: 'a' }]);
  assert.equal(readOutput(out).intact, true);
  rmSync(out, { recursive: true }); // the manifest beside it stays
  const read = readOutput(out);
  assert.equal(read.intact, false);
  assert.deepEqual([...read.state.values()].map((e) => [e.hash, e.size]), [['', -1], ['', -1]]);
  const r = writeSite(out, [{ path: 'index.html', contents: 'home' }, { path: '2025/04/a/index.html', contents: 'a' }], { state: read.state });
  assert.equal(r.written, 2);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a' });
});

test('the manifest round-trips hashes, sizes, times and fingerprints; one of an earlier format or damaged is not trusted', () => {
  const out = fresh();
  writeSite(out, [
    { path: 'index.html', contents: 'home', fingerprint: 'f-home' },
    { path: '2025/04/a/index.html', contents: 'a' },
  ], { record: () => ({ note: 'kept' }) });
  const read = readOutput(out);
  assert.equal(read.intact, true);
  assert.deepEqual(read.record, { note: 'kept' });
  const home = read.state.get('index.html');
  assert.equal(home?.size, 4);
  assert.equal(home?.fingerprint, 'f-home');
  assert.equal(home?.mtimeMs, statSync(join(out, 'index.html')).mtimeMs);
  assert.equal(read.state.get('2025/04/a/index.html')?.fingerprint, undefined);
  const manifest = join(stateDirOf(out), 'manifest.json');
  const current = JSON.parse(readFileSync(manifest, 'utf8'));
  // The format before columns: an object per file. Nothing in it is trusted, so every file is written again.
  const files = Object.fromEntries(current.files.paths.map((p: string, i: number) => [p, { hash: current.files.hashes[i], size: current.files.sizes[i], mtimeMs: current.files.mtimes[i] }]));
  for (const damaged of [{ files, record: current.record }, { ...current, files: { ...current.files, hashes: current.files.hashes.slice(1) } }]) {
    writeFileSync(manifest, JSON.stringify(damaged));
    const again = readOutput(out);
    assert.equal(again.intact, false);
    assert.equal(again.record, null);
    assert.equal(again.state.size, 0);
  }
  const r = writeSite(out, [{ path: 'index.html', contents: 'home' }, { path: '2025/04/a/index.html', contents: 'a' }]);
  assert.equal(r.written, 2);
  assert.equal(readOutput(out).intact, true);
});

test('stale files the build did not write are removed too', () => {
  const out = fresh();
  mkdirSync(join(out, 'old'), { recursive: true });
  writeFileSync(join(out, 'old/page.html'), 'x');
  writeSite(out, [{ path: 'index.html', contents: 'home' }]);
  assert.deepEqual(tree(out), { 'index.html': 'home' });
});

test('a committed journal is completed by the next run (recovery)', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'old' }, { path: 'gone.html', contents: 'x' }]);
  const state = stateDirOf(out);
  mkdirSync(join(state, 'staging/neu'), { recursive: true });
  writeFileSync(join(state, 'staging/index.html'), 'new');
  writeFileSync(join(state, 'staging/neu/index.html'), 'neu');
  writeFileSync(join(state, 'journal.json'), JSON.stringify({ moves: ['index.html', 'neu/index.html'], deletes: ['gone.html'] }));
  recoverOutput(out);
  assert.deepEqual(tree(out), { 'index.html': 'new', 'neu/index.html': 'neu' });
  assert.equal(existsSync(join(state, 'journal.json')), false);
  assert.equal(existsSync(join(state, 'staging')), false);
});

test('new folders move in whole, files into existing folders one by one; a rerun after an interruption completes the rest', () => {
  const out = fresh();
  writeSite(out, [{ path: '2025/04/a/index.html', contents: 'a' }]);
  const state = stateDirOf(out);
  // As if killed after "2025/05" was moved in whole and before "2025/04/b" and "index.html" were.
  put(out, { '2025/05/c/index.html': 'c', '2025/05/c/feed.xml': 'c-feed' });
  put(join(state, 'staging'), { '2025/04/b/index.html': 'b', '2025/04/x.html': 'x', 'index.html': 'home' });
  const moves = ['index.html', '2025/04/x.html', '2025/04/b/index.html', '2025/05/c/index.html', '2025/05/c/feed.xml'];
  writeFileSync(join(state, 'journal.json'), JSON.stringify({ moves, deletes: [] }));
  recoverOutput(out);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a', '2025/04/x.html': 'x', '2025/04/b/index.html': 'b', '2025/05/c/index.html': 'c', '2025/05/c/feed.xml': 'c-feed' });
  assert.equal(existsSync(join(state, 'staging')), false);

  const next = writeSite(out, [
    { path: 'index.html', contents: 'home' },
    { path: '2025/04/a/index.html', contents: 'a' },
    { path: '2026/01/d/index.html', contents: 'd' },
    { path: '2026/01/d/feed.xml', contents: 'd-feed' },
    { path: '2026/01/e/index.html', contents: 'e' },
  ]);
  assert.deepEqual(tree(out), { 'index.html': 'home', '2025/04/a/index.html': 'a', '2026/01/d/index.html': 'd', '2026/01/d/feed.xml': 'd-feed', '2026/01/e/index.html': 'e' });
  assert.equal(next.written, 4, 'the new files, and index.html: the manifest does not know what recovery moved in');
  for (const path of ['2026/01/d/index.html', '2026/01/e/index.html']) assert.equal(next.state.get(path)?.mtimeMs, statSync(join(out, path)).mtimeMs);
});

test('staged files without a committed journal are discarded: the output stays as it was', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'old' }]);
  const state = stateDirOf(out);
  mkdirSync(join(state, 'staging'), { recursive: true });
  writeFileSync(join(state, 'staging/index.html'), 'half-built');
  recoverOutput(out);
  assert.deepEqual(tree(out), { 'index.html': 'old' });
  assert.equal(existsSync(join(state, 'staging')), false);
});

test('a failure while staging changes nothing in the output', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'old' }, { path: 'a/index.html', contents: 'a' }]);
  const before = tree(out);
  // "index.html/x" cannot be staged: index.html is staged as a file first.
  assert.throws(() =>
    writeSite(out, [
      { path: 'index.html', contents: 'new' },
      { path: 'index.html/x', contents: 'boom' },
    ]),
  );
  assert.deepEqual(tree(out), before);
  assert.equal(existsSync(join(stateDirOf(out), 'staging')), false);
});

test('the state folder lives beside the output, not inside it', () => {
  const out = fresh();
  writeSite(out, [{ path: 'index.html', contents: 'x' }]);
  assert.deepEqual(Object.keys(tree(out)), ['index.html']);
  assert.ok(existsSync(join(stateDirOf(out), 'manifest.json')));
});
