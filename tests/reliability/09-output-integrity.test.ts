// Case 9: output integrity. The promise (src/io/output.ts, src/engine/pass.ts): a build changes
// public/ only after the complete new site is staged, its journal written and the store
// committed. A build killed before the store commit leaves public/ and the store as the last good
// build left them; one killed after it leaves a journal that the next build completes. Either way
// the next build is correct and says what it did. A full disk fails the build with a diagnostic
// and leaves public/ as it was. Two builds at once are serialized by a lock (the second waits,
// bounded, then fails clearly); the lock of a killed build is taken over. Stale files of deleted,
// renamed, drafted and embargoed articles go.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquireOutputLock, lockPathOf } from '../../src/io/lock.js';
import { stateDirOf } from '../../src/io/output.js';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertSameTree, goodBuild, runCli, snapshot, startCli } from './harness.js';

function writeArticles(site: TempSite, count: number, version: string) {
  for (let i = 0; i < count; i++) {
    site.write(`content/2025/meldung-${String(i).padStart(4, '0')}.md`, article({ title: `Meldung ${i} ${version}`, tags: [`Thema ${i % 17}`] }, `Absatz ${version} ${i}.\n\n${'Text '.repeat(200)}`));
  }
}

/** A seeded sequence of numbers in [0, 1), so every run kills at the same moments relative to a build. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('a build killed with SIGKILL while it stages, while the store commits, or at a random moment: the next build is correct and says what it did', async () => {
  const site = tempSite();
  const random = seeded(9);
  try {
    writeArticles(site, 200, 'A');
    const first = runCli(site.root, ['build']);
    assert.equal(first.status, 0, first.stderr);
    const started = performance.now();
    writeArticles(site, 200, 'B');
    assert.equal(runCli(site.root, ['build']).status, 0);
    const duration = performance.now() - started;
    const staging = join(stateDirOf(site.out), 'staging');
    const journal = join(stateDirOf(site.out), 'journal.json');
    const seen: string[] = [];
    for (const [round, aim] of (['staging', 'journal', 'random', 'staging', 'journal', 'random'] as const).entries()) {
      writeArticles(site, 200, `V${round}`);
      const run = startCli(site.root, ['build']);
      const deadline = Date.now() + duration * 4;
      const at = (path: string) => existsSync(path) || Date.now() > deadline || run.child.exitCode !== null;
      if (aim === 'random') await new Promise((r) => setTimeout(r, Math.round(duration * (0.1 + 0.9 * random()))));
      else while (!at(aim === 'staging' ? staging : journal)) await new Promise((r) => setImmediate(r));
      run.child.kill('SIGKILL');
      const ended = await run.done;
      const phase = existsSync(journal) ? 'journal' : existsSync(staging) ? 'staging' : ended.signal === 'SIGKILL' ? 'before staging' : 'finished';
      seen.push(phase);
      const label = `round ${round} (aimed at ${aim}, killed in: ${phase})`;
      // The next build succeeds, says what it did with the interrupted one, and leaves exactly the new site.
      const next = runCli(site.root, ['build']);
      assert.equal(next.status, 0, `${label}: ${next.stderr}`);
      if (phase === 'journal' || phase === 'staging') assert.match(next.stderr, /An earlier build was interrupted/, label);
      rmSync(join(site.root, 'cold'), { recursive: true, force: true });
      assert.equal(runCli(site.root, ['build', '--no-cache', '--out', 'cold']).status, 0);
      assertSameTree(snapshot(site.out), snapshot(join(site.root, 'cold')), `${label}: the build after the kill`);
      assert.equal(existsSync(lockPathOf(site.out)), false, `${label}: the killed build's lock was taken over and released`);
      assert.equal(runCli(site.root, ['build']).stdout.includes('already up to date'), true, `${label}: and the store describes it`);
    }
    assert.ok(seen.includes('staging'), `some kills landed while the site was staged: ${seen.join(', ')}`);
    assert.ok(seen.includes('journal'), `some kills landed after the journal was written: ${seen.join(', ')}`);
  } finally {
    site.remove();
  }
});

test('two builds at once: the lock serializes them; a held lock makes the second fail clearly; a dead owner is taken over', async () => {
  const site = tempSite();
  try {
    writeArticles(site, 40, 'A');
    await goodBuild(site);
    writeArticles(site, 40, 'B');
    const expected = await buildSite(site, { write: false });
    // Started together, both succeed and the output is the complete site.
    const a = startCli(site.root, ['build', '--no-cache']);
    const b = startCli(site.root, ['build', '--no-cache']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.equal(ra.status, 0, ra.stderr);
    assert.equal(rb.status, 0, rb.stderr);
    assert.deepEqual([...snapshot(site.out).keys()].sort(), expected.files!.map((f) => f.path).sort());
    // A lock held by a live process: the build waits (bounded) and fails with a diagnostic.
    const before = snapshot(site.out);
    const held = await acquireOutputLock(site.out, 0);
    assert.ok(held.ok);
    writeArticles(site, 40, 'C');
    const blocked = await buildSite(site, { write: true, lockWaitMs: 300 });
    assert.equal(blocked.files, null);
    assert.ok(blocked.diagnostics.some((d) => d.rule === 'output/locked' && d.severity === 'error' && /Another build/.test(d.message)), JSON.stringify(blocked.diagnostics));
    assertSameTree(snapshot(site.out), before, 'while locked');
    held.release();
    // A lock left by a process that no longer runs is taken over.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(stateDirOf(site.out), { recursive: true });
    writeFileSync(lockPathOf(site.out), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname() }));
    const taken = await buildSite(site, { write: true, lockWaitMs: 300 });
    assert.deepEqual(taken.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(existsSync(lockPathOf(site.out)), false, 'released after the build');
  } finally {
    site.remove();
  }
});

test('a full disk fails the build with a diagnostic and leaves public/ as it was', async (t) => {
  const site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  const disk = join(site.root, 'disk');
  mkdirSync(disk);
  // A small tmpfs (needs root); without it, the test cannot make a real ENOSPC and fails loudly.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
  t.after(() => {
    spawnSync('umount', [disk]);
    site.remove();
  });
  const out = join(disk, 'public');
  const first = await buildSite(site, { write: true, outDir: out });
  assert.deepEqual(first.diagnostics.filter((d) => d.severity === 'error'), []);
  const before = snapshot(out);
  // Fill the disk, then build a bigger site.
  const filler = join(disk, 'filler');
  try {
    writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  writeArticles(site, 30, 'gross');
  const full = await buildSite(site, { write: true, outDir: out });
  assert.equal(full.files, null);
  const d = full.diagnostics.find((x) => x.rule === 'output/write-failed');
  assert.ok(d && d.severity === 'error' && /ENOSPC/.test(d.message), JSON.stringify(full.diagnostics));
  assertSameTree(snapshot(out), before, 'after ENOSPC');
  assert.equal(existsSync(join(stateDirOf(out), 'staging')), false, 'staging cleaned up');
  assert.equal(existsSync(lockPathOf(out)), false, 'lock released');
  // With space again, the build succeeds.
  rmSync(filler);
  const again = await buildSite(site, { write: true, outDir: out });
  assert.deepEqual(again.diagnostics.filter((x) => x.severity === 'error'), []);
  assert.ok(snapshot(out).has('2025/04/meldung-0029/index.html'));
});

test('stale files of deleted, renamed, drafted and embargoed articles disappear', async () => {
  const site = tempSite({
    '2025/geloescht.md': article({ title: 'Gelöscht', tags: ['Einmalig'] }),
    '2025/alt.md': article({ title: 'Umbenannt' }),
    '2025/entwurf.md': article({ title: 'Entwurf' }),
    '2025/sperre.md': article({ title: 'Sperrfrist' }),
    '2025/bleibt.md': article({ title: 'Bleibt' }),
  });
  try {
    const first = await goodBuild(site);
    for (const p of ['2025/04/geloescht/index.html', '2025/04/alt/index.html', '2025/04/entwurf/index.html', '2025/04/sperre/index.html', 'thema/einmalig/index.html']) assert.ok(first.has(p), p);
    rmSync(join(site.content, '2025/geloescht.md'));
    rmSync(join(site.content, '2025/alt.md'));
    site.write('content/2025/neu.md', article({ title: 'Umbenannt' }));
    site.write('content/2025/entwurf.md', article({ title: 'Entwurf', draft: true }));
    site.write('content/2025/sperre.md', article({ title: 'Sperrfrist', date: '2030-01-01T06:00' }));
    const second = await goodBuild(site);
    for (const p of ['2025/04/geloescht/index.html', '2025/04/alt/index.html', '2025/04/entwurf/index.html', '2025/04/sperre/index.html', '2030/01/sperre/index.html', 'thema/einmalig/index.html']) {
      assert.equal(second.has(p), false, `${p} is gone`);
    }
    assert.ok(second.has('2025/04/neu/index.html'));
    assert.ok(second.has('2025/04/bleibt/index.html'));
    for (const [path] of second) assert.doesNotMatch(path, /geloescht|entwurf|sperre|\/alt\//, path);
    const feeds = [...second.keys()].filter((p) => /\.(xml|json)$/.test(p));
    const { readFileSync } = await import('node:fs');
    for (const f of feeds) assert.doesNotMatch(readFileSync(join(site.out, f), 'utf8'), /Gelöscht|Entwurf|Sperrfrist/, f);
  } finally {
    site.remove();
  }
});
