// Runs the whole suite with Node's test runner over the compiled tests (Node 20's `node --test`
// takes paths, not globs). TZ is pinned so no test depends on the machine's time zone; tests that
// are about time zones set TZ for the processes they start.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../dist/tests/', import.meta.url).pathname;
const only = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.test.js') && (only.length === 0 || only.some((o) => path.includes(o)))) files.push(path);
  }
};
walk(root);
files.sort();
if (files.length === 0) {
  console.error('no test files found under dist/tests (did tsc run?)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', BLATT_TEST: '1' },
});
process.exit(result.status ?? 1);
