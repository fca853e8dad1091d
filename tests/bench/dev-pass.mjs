#!/usr/bin/env node
// The dev server's pass after a save, inside one build session as `blatt dev` keeps it (the
// watcher's delay excluded): from the save to every affected file written. Prints one JSON line
// of medians, in ms, per kind of edit. Used by bench.mjs.
//
//   node tests/bench/dev-pass.mjs CORPUS OUT RUNS
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { createBuildSession } = await import(join(REPO, 'dist/src/engine/session.js'));
const [corpus, out, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const cache = `${out}-cache`;
rmSync(out, { recursive: true, force: true });
rmSync(cache, { recursive: true, force: true });
const session = createBuildSession({ contentDir: corpus, templatesDir: join(REPO, 'templates'), outDir: out, cwd: REPO, now: Date.parse('2025-01-01T00:00:00Z'), cacheDir: cache, includeDrafts: true });
await session.build();
const files = readdirSync(corpus).filter((f) => f.endsWith('.md')).sort();
const path = (f) => join(corpus, f);
const edit = (f, change) => writeFileSync(path(f), change(readFileSync(path(f), 'utf8')));
const kinds = {
  summary: (r) => [edit(files[0], (t) => t.replace(/^summary: "(Runde \d+: )?/m, `summary: "Runde ${r}: `)), path(files[0])][1],
  body: (r) => [edit(files[1], (t) => `${t}\nDie Beratungen werden in Runde ${r} fortgesetzt.\n`), path(files[1])][1],
  title: (r) => [edit(files[2], (t) => t.replace(/^title: "(Runde \d+: )?/m, `title: "Runde ${r}: `)), path(files[2])][1],
  new: (r) => {
    const added = path(`zz-dev-neu-${r}.md`);
    writeFileSync(added, readFileSync(path(files[3]), 'utf8').replace(/^title: "/m, `title: "Neu ${r}: `).replace(/^date: .*$/m, 'date: 2024-12-31T09:00:00+01:00'));
    return added;
  },
};
const medians = {};
for (const [kind, apply] of Object.entries(kinds)) {
  const times = [];
  for (let r = 0; r <= runs; r++) {
    const changed = apply(r);
    const started = performance.now();
    const result = await session.build({ changed: [changed] });
    if (result.files === null) throw new Error(`${kind}: ${JSON.stringify(result.diagnostics.slice(0, 2))}`);
    if (r > 0) times.push(performance.now() - started); // the first edit of each kind warms up
  }
  times.sort((a, b) => a - b);
  medians[kind] = Math.round(times[Math.floor(times.length / 2)]);
}
for (const f of readdirSync(corpus)) if (f.startsWith('zz-dev-neu-')) rmSync(path(f));
session.close();
console.log(JSON.stringify(medians));
