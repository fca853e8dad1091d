#!/usr/bin/env node
// Measures the incremental "Mehr zum Thema" state (src/site/related/) on synthetic sites: the
// build from scratch, the update for one new article and for one article's new terms, and the
// encoding for the store. Not a test: prints figures.
//
//   node tests/bench/related-bench.mjs [N ...]      (default: 10000 100000; run `npx tsc -p .` first)
//   RUNS=20 node tests/bench/related-bench.mjs 10000
//
// The synthetic site: each article belongs to a story (Zipf-distributed over N/5 stories) whose
// 30 words (drawn from 100,000 story words), 2 topics and section it mostly shares, plus words of
// a Zipf-distributed vocabulary of 20,000 and topics of 400; 40 terms an article, 3 wanted
// choices, a date every 7 minutes. MAX_CHANGED=… sets params.maxChanged (default 100).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE = join(REPO, 'dist/src/site/related/index.js');
if (!existsSync(MODULE)) {
  console.error('dist/src/site/related/index.js is missing: run "npx tsc -p ." first');
  process.exit(2);
}
const { buildRelatedState, decodeRelatedState, encodeRelatedState, updateRelated, choicesOf, relatedParams } = await import(MODULE);
const { random } = await import(join(REPO, 'dist/tests/unit/related/corpus.js'));
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

const time = (f) => {
  const start = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
};
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
  console.log(`  encode                    ${fmt(encoded.ms)}  (${(encoded.value.byteLength / 2 ** 20).toFixed(1)} MiB, ${(encoded.value.byteLength / state.order.size).toFixed(0)} bytes an article)`);
  console.log(`  decode                    ${fmt(decoded.ms)}`);
  const key = docs[Math.floor(n / 2)].key;
  if (choicesOf(decoded.value, key).join() !== choicesOf(state, key).join()) console.log('  (decoded choices differ: a bug)');
}
