// Golden fixture sites: each tests/fixtures/sites/<name>/content is built in memory with the
// repository's templates and compared file by file with tests/fixtures/sites/<name>/expected/.
// `UPDATE=1 npm test` (or `UPDATE=1 node tests/run.mjs golden`) rewrites expected/; review the diff.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { build } from '../../src/engine/session.js';
import { NOW, REPO, REPO_TEMPLATES } from '../helpers/site.js';

const SITES = join(REPO, 'tests/fixtures/sites');
const UPDATE = process.env.UPDATE === '1';

export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else out.push(rel);
    }
  };
  if (existsSync(root)) walk(root, '');
  return out.sort();
}

for (const name of readdirSync(SITES).sort()) {
  const fixture = join(SITES, name);
  test(`golden site "${name}" matches expected/ file by file`, async () => {
    const result = await build({ contentDir: 'content', templatesDir: REPO_TEMPLATES, outDir: 'public', cwd: fixture, now: NOW, cacheDir: null, write: false });
    assert.ok(result.files, `the fixture site does not build:\n${result.diagnostics.map((d) => JSON.stringify(d)).join('\n')}`);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const expectedDir = join(fixture, 'expected');
    const actual = new Map(result.files.map((f) => [f.path, Buffer.from(f.contents)]));
    if (UPDATE) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, bytes] of actual) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), bytes);
      }
    }
    const expected = listTree(expectedDir);
    assert.ok(expected.length > 0, `no expected/ tree for "${name}": run UPDATE=1 node tests/run.mjs golden`);
    assert.deepEqual([...actual.keys()].sort(), expected, 'the set of output files differs from expected/');
    for (const path of expected) {
      const want = readFileSync(join(expectedDir, path));
      const got = actual.get(path) as Buffer;
      if (!want.equals(got)) {
        // Show a readable diff for text, bytes for the rest.
        assert.equal(got.toString('utf8'), want.toString('utf8'), `${path} differs from expected/${path} (UPDATE=1 regenerates after review)`);
        assert.fail(`${path} differs from expected/${path}`);
      }
    }
  });
}
