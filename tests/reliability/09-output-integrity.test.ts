// Case 9: output integrity. The promise (src/io/write-site.ts): a build changes public/ only after
// the complete new site is staged and its journal committed. A build killed before the commit
// leaves public/ exactly as the last good build left it; one killed after it leaves a journal that
// the next build (recoverOutput, its first step) completes, so public/ is then the complete new
// site. A full disk fails the build with a diagnostic and leaves public/ as it was. Two builds at
// once are serialized by a lock (the second waits, bounded, then fails clearly); the lock of a
// killed build is taken over. Stale files of deleted, renamed, drafted and embargoed articles go.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquireOutputLock, lockPathOf } from '../../src/io/lock.js';
import { recoverOutput, stateDirOf } from '../../src/io/write-site.js';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertSameTree, goodBuild, runCli, snapshot, startCli } from './harness.js';

function writeArticles(site: TempSite, count: number, version: string) {
  for (let i = 0; i < count; i++) {
    site.write(`content/2025/meldung-${String(i).padStart(4, '0')}.md`, article({ title: `Meldung ${i} ${version}`, tags: [`Thema ${i % 17}`] }, `Absatz ${version} ${i}.\n\n${'Text '.repeat(200)}`));
  }
}

test('a build killed with SIGKILL leaves the previous build, or a journal the next run completes', async () => {
  const site = tempSite();
  try {
    writeArticles(site, 200, 'A');
    const first = runCli(site.root, ['build', '--no-cache']);
    assert.equal(first.status, 0, first.stderr);
    let previous = snapshot(site.out);
    const started = performance.now();
    writeArticles(site, 200, 'B');
    const second = runCli(site.root, ['build', '--no-cache']);
    assert.equal(second.status, 0, second.stderr);
    const duration = performance.now() - started;
    previous = snapshot(site.out);
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      const version = `V${round}`;
      writeArticles(site, 200, version);
      const delay = Math.round(duration * (0.2 + Math.random() * 0.9));
      const run = startCli(site.root, ['build', '--no-cache']);
      if (round % 2 === 0) await new Promise((r) => setTimeout(r, delay));
      else {
        // Odd rounds aim at the write phase: killed as soon as the journal is committed.
        const journalPath = join(stateDirOf(site.out), 'journal.json');
        const deadline = Date.now() + duration * 3;
        while (!existsSync(journalPath) && Date.now() < deadline && run.child.exitCode === null) await new Promise((r) => setImmediate(r));
      }
      run.child.kill('SIGKILL');
      const ended = await run.done;
      const journal = existsSync(join(stateDirOf(site.out), 'journal.json'));
      const label = `round ${round}, killed after ${delay} ms (${ended.signal ?? `exit ${ended.status}`}), journal ${journal}`;
      if (journal) recoverOutput(site.out); // what the next build does first
      const after = snapshot(site.out);
      // The next build always succeeds and leaves exactly the new site.
      const next = runCli(site.root, ['build', '--no-cache']);
      assert.equal(next.status, 0, `${label}: ${next.stderr}`);
      const complete = snapshot(site.out);
      const equals = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...b].every(([p, h]) => a.get(p) === h);
      if (equals(after, previous)) outcomes.push(journal ? 'recovered-to-old?' : 'untouched');
      else {
        assertSameTree(after, complete, `${label}: neither the previous build nor the complete new one`);
        outcomes.push(journal ? 'recovered' : 'completed');
      }
      assert.ok(!outcomes.includes('recovered-to-old?'), `${label}: a committed journal always leads to the new site`);
      assert.ok(!readdirSync(site.root).some((n) => n.includes('staging')), `${label}: no staging folder inside the project`);
      previous = complete;
      assert.equal(existsSync(lockPathOf(site.out)), false, `${label}: the killed build's lock was taken over and released`);
    }
    assert.equal(outcomes.length, 4, outcomes.join(', '));
    console.log(`SIGKILL outcomes: ${outcomes.join(', ')}`);
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
