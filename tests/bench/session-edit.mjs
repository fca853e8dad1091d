#!/usr/bin/env node
// The dev server's rebuild after an edit, measured inside one long-running build session (as
// `blatt dev` keeps it): from the save (the file is written) to every affected output file
// written. Prints one JSON line {median, min, max, runs} in milliseconds.
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
const files = readdirSync(content).filter((f) => f.endsWith('.md')).sort();
const times = [];
for (let i = 0; i < runs; i++) {
  const file = join(content, files[(i * 7919) % files.length]);
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  writeFileSync(file, text.replace(/\n\n/, `\n\nNachtrag ${i}: Die Lage bleibt unübersichtlich.\n\n`));
  const result = await session.build();
  times.push(performance.now() - start);
  if (!result.files) throw new Error('rebuild failed');
  writeFileSync(file, text);
  await session.build();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), runs }));
