#!/usr/bin/env node
// `npm run bench`: Blatt's own figures on generated German corpora. Not a test: prints tables
// for docs/performance.md.
//
//   npm run bench [-- N ...]                 default: 1000 10000
//   RUNS=5 BENCH_DIR=/dev/shm/blatt-bench npm run bench -- 10000
//   NODE=/path/to/node npm run bench         measure on another Node (the official LTS binary)
//
// For each N, on one output and cache folder, as a newsroom's builds meet them: cold (nothing
// kept), warm (nothing changed), one article's summary, body or title changed, a new article
// (newer than all others) added and deleted again, and a CI job (every source touched, output
// folder gone, cache folder kept, one article edited). Then the dev server's pass after each kind
// of save (dev-pass.mjs), and the remark floor: the naive pipeline (gray-matter, remark-html, one
// Handlebars template, article pages only, remark-floor.mjs) on the same corpus and cores. Wall
// time and peak memory from GNU time; medians of RUNS rounds after one warm-up round.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GEN = process.env.BLATT_CORPUS_GEN ?? join(REPO, 'tests/fixtures/corpus/gen-corpus.mjs');
const BIN = join(REPO, 'bin/blatt.js');
const NODE = process.env.NODE ?? process.execPath;
const RUNS = Number(process.env.RUNS ?? 3);
const WORK = process.env.BENCH_DIR ?? '/tmp/blatt-bench-own';
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1000, 10000);
for (const [file, fix] of [[join(REPO, 'dist/blatt/bin.js'), 'run "npm run compile" first'], ['/usr/bin/time', 'apt-get install -y time']]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: ${fix}`);
    process.exit(2);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', NODE, ...args], { cwd: REPO, encoding: 'utf8' });
  const [wall, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const rendered = /\((\d+) rendered/.exec(r.stdout)?.[1];
  return { wall, mib: kb / 1024, rendered: rendered === undefined ? null : Number(rendered) };
}

const version = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
console.log(`${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${version}; ${RUNS} rounds, medians`);
const SCENARIOS = ['cold', 'warm', 'summary', 'body', 'title', 'new', 'delete', 'ci'];
const rows = [];
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
  const files = readdirSync(corpus).filter((f) => f.endsWith('.md')).sort();
  const edit = (f, change) => writeFileSync(join(corpus, f), change(readFileSync(join(corpus, f), 'utf8')));
  const added = join(corpus, 'zz-bench-neu.md');
  const prepare = {
    cold: () => [out, cache, join(WORK, `.out-${n}.blatt`)].forEach((p) => rmSync(p, { recursive: true, force: true })),
    warm: () => {},
    summary: (r) => edit(files[0], (t) => t.replace(/^summary: "(Runde \d+: )?/m, `summary: "Runde ${r}: `)),
    body: (r) => edit(files[0], (t) => `${t}\nDie Beratungen werden in Runde ${r} fortgesetzt.\n`),
    title: (r) => edit(files[0], (t) => t.replace(/^title: "(Runde \d+: )?/m, `title: "Runde ${r}: `)),
    new: (r) => writeFileSync(added, readFileSync(join(corpus, files[1]), 'utf8').replace(/^title: "/m, `title: "Neue Meldung ${r}: `).replace(/^date: .*$/m, 'date: 2024-12-31T09:00:00+01:00')),
    delete: () => rmSync(added, { force: true }),
    ci: (r) => {
      const later = new Date(Date.now() + 60_000);
      for (const f of files) utimesSync(join(corpus, f), later, later);
      rmSync(out, { recursive: true, force: true });
      rmSync(join(WORK, `.out-${n}.blatt`), { recursive: true, force: true });
      edit(files[0], (t) => `${t}\nWeitere Gespräche folgen in Runde ${r}.\n`);
    },
  };
  const results = Object.fromEntries(SCENARIOS.map((s) => [s, []]));
  const floor = [];
  for (let round = 0; round <= RUNS; round++) {
    for (const s of SCENARIOS) {
      prepare[s](round);
      const t = timed(args);
      if (round > 0) results[s].push(t);
    }
    const floorOut = join(WORK, `floor-out-${n}`);
    rmSync(floorOut, { recursive: true, force: true });
    const f = timed([join(REPO, 'tests/bench/remark-floor.mjs'), corpus, floorOut]);
    if (round > 0) floor.push(f);
  }
  const dev = spawnSync(NODE, [join(REPO, 'tests/bench/dev-pass.mjs'), corpus, join(WORK, `dev-out-${n}`), String(Math.max(5, RUNS * 3))], { cwd: REPO, encoding: 'utf8' });
  if (dev.status !== 0) console.error(dev.stderr);
  const row = { n, floor: median(floor.map((f) => f.wall)), floorMib: median(floor.map((f) => f.mib)), dev: dev.status === 0 ? JSON.parse(dev.stdout.trim().split('\n').pop()) : {} };
  for (const s of SCENARIOS) row[s] = { wall: median(results[s].map((t) => t.wall)), mib: median(results[s].map((t) => t.mib)), rendered: results[s][0]?.rendered };
  rows.push(row);
}
console.log('\n| articles | ' + SCENARIOS.join(' | ') + ' |');
console.log('| ---: | ' + SCENARIOS.map(() => '---:').join(' | ') + ' |');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en-US')} | ${SCENARIOS.map((s) => `${r[s].wall.toFixed(2)} s, ${Math.round(r[s].mib)} MiB`).join(' | ')} |`);
console.log('\npages rendered: ' + rows.map((r) => `${r.n.toLocaleString('en-US')}: ${SCENARIOS.map((s) => `${s} ${r[s].rendered}`).join(', ')}`).join('; '));
console.log('\n| articles | dev: summary | dev: body | dev: title | dev: new article | remark floor | cold / floor |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en-US')} | ${r.dev.summary} ms | ${r.dev.body} ms | ${r.dev.title} ms | ${r.dev.new} ms | ${r.floor.toFixed(2)} s, ${Math.round(r.floorMib)} MiB | ${(r.cold.wall / r.floor).toFixed(2)} |`);
