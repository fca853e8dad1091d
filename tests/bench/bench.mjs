#!/usr/bin/env node
// `npm run bench`: Blatt's own figures on generated German corpora. Not a test: prints a table.
//
//   npm run bench [-- N ...]            default: 1000 10000
//   RUNS=5 BENCH_DIR=/dev/shm/blatt-bench npm run bench -- 1000
//
// For each N: cold build (no output, no cache), warm build (nothing changed), build after one
// article's summary changed, and the dev server's work after an edit (in a long-running build
// session, debounce excluded: from the save to the edited page written by the early preview, and
// to every affected file written by the rebuild). Beside them, the remark floor: the naive
// pipeline of issue 5 on the same corpus and cores (remark-floor.mjs), which the cold build is
// compared with. Wall time and peak memory come from /usr/bin/time (GNU time); medians of RUNS runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GEN = process.env.BLATT_CORPUS_GEN ?? join(REPO, 'tests/fixtures/corpus/gen-corpus.mjs');
const BIN = join(REPO, 'bin/blatt.js');
const RUNS = Number(process.env.RUNS ?? 3);
const WORK = process.env.BENCH_DIR ?? '/tmp/blatt-bench-own';
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1000, 10000);
if (!existsSync(join(REPO, 'dist/blatt/bin.js'))) {
  console.error('dist/blatt/bin.js is missing: run "npm run compile" first');
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('/usr/bin/time is missing: apt-get install -y time');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(args, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd, encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { wall, mib: kb / 1024 };
}

function editSummary(corpus, round) {
  const file = join(corpus, readdirSync(corpus).filter((f) => f.endsWith('.md')).sort()[0]);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^summary: "(Runde \d+: )?/m, `summary: "Runde ${round}: `));
}

const rows = [];
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ${RUNS} runs each, medians`);
for (const n of sizes) {
  const corpus = join(WORK, `corpus-${n}`);
  if (!existsSync(join(corpus, '.complete'))) {
    rmSync(corpus, { recursive: true, force: true });
    mkdirSync(corpus, { recursive: true });
    execFileSync(process.execPath, [GEN, corpus, String(n), '--seed', '1'], { stdio: 'ignore' });
    writeFileSync(join(corpus, '.complete'), '');
  }
  const out = join(WORK, `out-${n}`);
  const cache = join(WORK, `cache-${n}`);
  const args = [BIN, 'build', '--content', corpus, '--out', out, '--cache-dir', cache, '--now', '2025-01-01T00:00:00+01:00'];
  const floorOut = join(WORK, `floor-out-${n}`);
  const cold = [];
  const warm = [];
  const change = [];
  const floor = [];
  for (let round = 0; round <= RUNS; round++) {
    rmSync(floorOut, { recursive: true, force: true });
    const f = timed([join(REPO, 'tests/bench/remark-floor.mjs'), corpus, floorOut], REPO);
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    const c = timed(args, REPO);
    const w = timed(args, REPO);
    editSummary(corpus, round);
    const o = timed(args, REPO);
    if (round === 0) continue; // warm-up round, not counted
    floor.push(f);
    cold.push(c);
    warm.push(w);
    change.push(o);
  }
  const dev = spawnSync(process.execPath, [join(REPO, 'tests/bench/session-edit.mjs'), corpus, join(WORK, `dev-out-${n}`), String(Math.max(5, RUNS * 3))], { cwd: REPO, encoding: 'utf8' });
  const devMs = dev.status === 0 ? JSON.parse(dev.stdout.trim().split('\n').pop()) : null;
  if (dev.status !== 0) console.error(dev.stderr);
  const pick = (xs, k) => median(xs.map((x) => x[k]));
  rows.push({
    n,
    cold: pick(cold, 'wall'),
    warm: pick(warm, 'wall'),
    change: pick(change, 'wall'),
    dev: devMs?.median ?? NaN,
    devPage: devMs?.page?.median ?? NaN,
    mib: Math.max(pick(cold, 'mib'), pick(warm, 'mib'), pick(change, 'mib')),
    floor: pick(floor, 'wall'),
  });
}
console.log('');
console.log('| articles | cold build | warm build | one article changed | dev: edit → page written | dev: edit → all files written | peak memory |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en-US')} | ${r.cold.toFixed(2)} s | ${r.warm.toFixed(2)} s | ${r.change.toFixed(2)} s | ${Math.round(r.devPage)} ms | ${Math.round(r.dev)} ms | ${Math.round(r.mib)} MiB |`);
}
console.log('');
console.log('| articles | remark floor (naive pipeline, same cores) | cold build / floor |');
console.log('| ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en-US')} | ${r.floor.toFixed(2)} s | ${(r.cold / r.floor).toFixed(2)} |`);
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`\ngrowth: cold(${b.n}) / cold(${a.n}) = ${(b.cold / a.cold).toFixed(1)}`);
}
