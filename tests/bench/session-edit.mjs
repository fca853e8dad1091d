#!/usr/bin/env node
// The dev server's work after an edit, measured inside one long-running build session (as
// `blatt dev` keeps it), from the save (the file is written): to the edited article's own page
// written by the early preview, and to every affected output file written by the rebuild that
// follows it. The edit adds a sentence, which changes the article's terms: "Mehr zum Thema" of
// the whole site is chosen again. Prints one JSON line {median, min, max, runs, page: {median,
// min, max}} in milliseconds (median…max: the rebuild).
//   node tests/bench/session-edit.mjs CONTENT_DIR OUT_DIR [RUNS]
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [content, out, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 9);
const { createBuildSession } = await import(resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../dist/src/build.js'));
rmSync(out, { recursive: true, force: true });
const session = createBuildSession({ contentDir: resolve(content), templatesDir: resolve('templates'), outDir: resolve(out), now: Date.parse('2025-01-01T00:00:00Z'), cacheDir: null, write: true });
const first = await session.build();
if (!first.files) throw new Error(JSON.stringify(first.diagnostics.slice(0, 3)));
await session.prepare(); // as `blatt dev` does after its first build
const files = readdirSync(content).filter((f) => f.endsWith('.md')).sort();
const times = [];
const pageTimes = [];
let local = 0;
for (let i = 0; i < runs; i++) {
  const file = join(content, files[(i * 7919) % files.length]);
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  writeFileSync(file, text.replace(/\n\n/, `\n\nNachtrag ${i}: Die Lage bleibt unübersichtlich.\n\n`));
  const early = await session.preview([resolve(file)]);
  if (early.length !== 1) throw new Error('the edited page was not previewed');
  pageTimes.push(performance.now() - start);
  // As the dev server does: it tells the session which files its watcher saw change.
  const result = await session.build({ changed: [resolve(file)] });
  times.push(performance.now() - start);
  if (!result.files) throw new Error('rebuild failed');
  if ("edit-local rebuild" in result.stats.timings) local++;
  if (process.env.BENCH_VERBOSE) console.error(Math.round(times.at(-1)), "ms", result.written?.changedPaths.length, "changed", JSON.stringify(result.stats.timings));
  writeFileSync(file, text);
  await session.preview([resolve(file)]);
  await session.build({ changed: [resolve(file)] });
}
const summary = (xs) => {
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs.at(-1) };
};
console.log(JSON.stringify({ ...summary(times), runs, page: summary(pageTimes), editLocal: local }));
