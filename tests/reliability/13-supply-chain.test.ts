// Supply chain: the lockfile is committed, gray-matter's nested js-yaml is pinned to a safe version
// by `overrides`, and Handlebars is 4.7.10 or later (earlier releases had prototype-access bugs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers/site.js';

const atLeast = (version: string, min: string) => {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

test('the js-yaml gray-matter loads is >= 3.14.2 and Handlebars >= 4.7.10', () => {
  const fromGrayMatter = createRequire(join(REPO, 'node_modules/gray-matter/index.js'));
  const jsYaml = JSON.parse(readFileSync(fromGrayMatter.resolve('js-yaml/package.json'), 'utf8')) as { version: string };
  assert.ok(atLeast(jsYaml.version, '3.14.2'), `js-yaml ${jsYaml.version}`);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { overrides?: Record<string, string> };
  assert.equal(pkg.overrides?.['js-yaml'], '^3.14.2');
  const handlebars = JSON.parse(readFileSync(join(REPO, 'node_modules/handlebars/package.json'), 'utf8')) as { version: string };
  assert.ok(atLeast(handlebars.version, '4.7.10'), `handlebars ${handlebars.version}`);
});

test('the lockfile is committed and matches package.json', () => {
  assert.ok(existsSync(join(REPO, 'package-lock.json')));
  const tracked = execFileSync('git', ['ls-files', 'package-lock.json'], { cwd: REPO, encoding: 'utf8' }).trim();
  assert.equal(tracked, 'package-lock.json');
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies)) assert.ok(lock.packages[`node_modules/${name}`], `${name} in the lockfile`);
  const nested = lock.packages['node_modules/gray-matter/node_modules/js-yaml'] ?? lock.packages['node_modules/js-yaml'];
  assert.ok(nested?.version && atLeast(nested.version, '3.14.2'), `locked js-yaml ${nested?.version}`);
});
