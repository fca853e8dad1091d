#!/usr/bin/env node
// Measures the incremental "Mehr zum Thema" state (src/site/related/) on synthetic sites: the
// build from scratch, the update for one new article and for one article's new terms, and the
// encoding for the store, also as a CI job after one commit runs it: in a new process, decode,
// one new article, encode. Not a test: prints figures, and how much of each was garbage
// collection (a full one runs whenever some 64 MiB of buffers are allocated in a process whose
// heap is large, as this one's with the site's documents is, and takes as long as that heap).
//
//   node tests/bench/related-bench.mjs [N ...]      (default: 10000 100000; run `npx tsc -p .` first)
//   RUNS=20 node tests/bench/related-bench.mjs 10000
//
// The synthetic site: each article belongs to a story (Zipf-distributed over N/5 stories) whose
// 30 words (drawn from 100,000 story words), 2 topics and section it mostly shares, plus words of
// a Zipf-distributed vocabulary of 20,000 and topics of 400; 40 terms an article, 3 wanted
// choices, a date every 7 minutes. MAX_CHANGED=… sets params.maxChanged (default 100).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE = join(REPO, 'dist/src/site/related/index.js');
if (!existsSync(MODULE)) {
  console.error('dist/src/site/related/index.js is missing: run "npx tsc -p ." first');
  process.exit(2);
}
const { buildRelatedState, decodeRelatedState, encodeRelatedState, updateRelated, choicesOf, relatedParams } = await import(MODULE);
const { random } = await import(join(REPO, 'dist/tests/unit/related/corpus.js'));

// Every garbage collection, to tell how much of a figure was one.
const collections = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
// GC entries arrive some time after the collection, not within the next turn of the event loop.
const flush = () => new Promise((done) => setTimeout(done, 100));
const gcWithin = ({ start, end }) => collections.reduce((sum, gc) => sum + (gc.startTime >= start && gc.startTime < end ? gc.duration : 0), 0);

const time = (f) => {
  const start = performance.now();
  const value = f();
  const end = performance.now();
  return { ms: end - start, value, start, end };
};

// The child of the new-process figure: decode the bytes of a file, add one article, encode; prints the times as JSON.
if (process.argv[2] === '--child') {
  const bytes = new Uint8Array(readFileSync(process.argv[3]));
  const fresh = JSON.parse(process.argv[4]);
  const decoded = time(() => decodeRelatedState(bytes));
  const updated = time(() => updateRelated(decoded.value, { upsert: [fresh], remove: [] }));
  const encoded = time(() => encodeRelatedState(decoded.value));
  await flush();
  console.log(JSON.stringify(Object.fromEntries(Object.entries({ decoded, updated, encoded }).map(([name, t]) => [name, { ms: t.ms, gc: gcWithin(t) }]))));
  process.exit(0);
}
const RUNS = Number(process.env.RUNS ?? 15);
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 100_000);

/** Draws 0 … n-1 with probability ∝ 1/(k+1). */
function zipf(n, next) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / (k + 1);
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function site(n, seed = 1) {
  const next = random(seed);
  const story = zipf(Math.max(10, Math.floor(n / 5)), next);
  const word = zipf(20_000, next);
  const topic = zipf(400, next);
  const storyWord = (s, k) => ((Math.imul(s + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0) % 100_000;
  const doc = (id, minutes) => {
    const s = story();
    const stems = new Map();
    while (stems.size < 25) stems.set(`s${storyWord(s, Math.floor(next() * 30))}`, 1 + Math.floor(next() * 6));
    while (stems.size < 40) stems.set(`w${word()}`, 1 + Math.floor(next() * 3));
    const sorted = [...stems].sort(([a], [b]) => (a < b ? -1 : 1));
    const tags = [...new Set([`t${s % 400}`, `t${(s * 7) % 400}`, `t${topic()}`].slice(0, 1 + Math.floor(next() * 3)))];
    return {
      key: `content/${id}.md`,
      slug: `meldung-${id}`,
      dateMs: Date.UTC(2020, 0, 1) + minutes * 60_000,
      tags,
      section: `ressort${s % 8}`,
      terms: { stems: sorted.map(([stem]) => stem), counts: sorted.map(([, c]) => c) },
      exclude: next() < 0.01 ? [`meldung-${Math.floor(next() * n)}`] : [],
      linked: [],
      room: 3,
    };
  };
  return { docs: Array.from({ length: n }, (_, id) => doc(id, 7 * id)), doc, next };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2)).padStart(8) + ' ms';

for (const n of sizes) {
  const { docs, doc, next } = site(n);
  const params = relatedParams(process.env.MAX_CHANGED ? { maxChanged: Number(process.env.MAX_CHANGED) } : {});
  const built = time(() => buildRelatedState(docs, params));
  const state = built.value;
  console.log(`\n${n.toLocaleString('en')} articles`);
  console.log(`  build from scratch        ${fmt(built.ms)}`);

  const added = [];
  for (let r = 0; r < RUNS; r++) {
    const fresh = doc(n + r, 7 * (n + r));
    added.push({ ...time(() => updateRelated(state, { upsert: [fresh], remove: [] })), n: n + r });
  }
  const inPlace = added.filter((a) => !a.value.rebuilt);
  console.log(`  one new article           ${fmt(median(inPlace.map((a) => a.ms)))} median in place, ${max(inPlace.map((a) => a.ms)).toFixed(0)} ms at most (${inPlace.length} of ${RUNS}; rescored ${median(inPlace.map((a) => a.value.rescored))}, changed ${median(inPlace.map((a) => a.value.changed.length))} median)`);
  const rebuilt = added.filter((a) => a.value.rebuilt);
  if (rebuilt.length > 0) console.log(`                            ${fmt(median(rebuilt.map((a) => a.ms)))} median when it reached too far and rebuilt (${rebuilt.length} of ${RUNS})`);

  const edits = [];
  for (let r = 0; r < RUNS; r++) {
    const target = docs[Math.floor(next() * n)];
    const stems = target.terms.stems.slice();
    const counts = target.terms.counts.map((c) => (next() < 0.3 ? c + 1 : c));
    const edited = { ...target, terms: { stems, counts } };
    docs[docs.indexOf(target)] = edited;
    edits.push(time(() => updateRelated(state, { upsert: [edited], remove: [] })));
  }
  const editsInPlace = edits.filter((e) => !e.value.rebuilt);
  console.log(`  one article's term counts ${fmt(median(editsInPlace.map((e) => e.ms)))} median in place, ${max(editsInPlace.map((e) => e.ms)).toFixed(0)} ms at most (${editsInPlace.length} of ${RUNS}; rescored ${median(editsInPlace.map((e) => e.value.rescored))}, changed ${median(editsInPlace.map((e) => e.value.changed.length))} median)`);

  // The fastest of three: the machine is shared, and these run long enough to be disturbed.
  const encoded = [0, 1, 2].map(() => time(() => encodeRelatedState(state))).sort((a, b) => a.ms - b.ms)[0];
  const decoded = [0, 1, 2].map(() => time(() => decodeRelatedState(encoded.value))).sort((a, b) => a.ms - b.ms)[0];
  await flush();
  const gc = (t) => `, ${gcWithin(t).toFixed(0)} ms of it collecting garbage`;
  console.log(`  encode                    ${fmt(encoded.ms)}  (${(encoded.value.byteLength / 2 ** 20).toFixed(1)} MiB, ${(encoded.value.byteLength / state.order.size).toFixed(0)} bytes an article${gc(encoded)})`);
  console.log(`  decode                    ${fmt(decoded.ms)}  (${gc(decoded).slice(2)})`);
  const key = docs[Math.floor(n / 2)].key;
  if (choicesOf(decoded.value, key).join() !== choicesOf(state, key).join()) console.log('  (decoded choices differ: a bug)');

  // As a CI job after one commit: a new process decodes the stored bytes, adds an article, encodes (three processes, medians).
  const dir = mkdtempSync(join(tmpdir(), 'related-bench-'));
  const file = join(dir, 'state');
  writeFileSync(file, encoded.value);
  const children = [0, 1, 2].map((r) => {
    const fresh = doc(n + RUNS + r, 7 * (n + RUNS + r));
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, JSON.stringify(fresh)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`the new process failed: ${child.stderr}`);
    return JSON.parse(child.stdout);
  });
  rmSync(dir, { recursive: true, force: true });
  const figure = (name) => `${fmt(median(children.map((c) => c[name].ms)))} (gc ${median(children.map((c) => c[name].gc)).toFixed(0)} ms)`;
  console.log(`  in a new process          decode ${figure('decoded').trim()}, one new article ${figure('updated').trim()}, encode ${figure('encoded').trim()}`);
}
