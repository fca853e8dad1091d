// Invalid fixture sites: each tests/fixtures/invalid/<name>/content must fail to build with
// exactly the diagnostics in expected-diagnostics.txt (formatted as the CLI prints them).
// `UPDATE=1` rewrites those files; review the diff.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from '../../src/engine/session.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { NOW, REPO, REPO_TEMPLATES } from '../helpers/site.js';

const INVALID = join(REPO, 'tests/fixtures/invalid');
const UPDATE = process.env.UPDATE === '1';

for (const name of readdirSync(INVALID).sort()) {
  const fixture = join(INVALID, name);
  test(`invalid site "${name}" fails with exactly its expected diagnostics`, async () => {
    const result = await build({ contentDir: 'content', templatesDir: REPO_TEMPLATES, outDir: 'public', cwd: fixture, now: NOW, cacheDir: null, write: false });
    const actual = result.diagnostics.map(formatDiagnostic).join('\n') + '\n';
    const file = join(fixture, 'expected-diagnostics.txt');
    if (UPDATE) writeFileSync(file, actual);
    assert.ok(existsSync(file), `missing ${file}: run UPDATE=1 node tests/run.mjs golden`);
    assert.equal(actual, readFileSync(file, 'utf8'));
    const expectsError = /  error  /.test(actual);
    assert.equal(result.files === null, expectsError, 'a site with errors yields no files; one with only warnings builds');
  });
}
