// The Nu Html Checker (vnu-jar, the W3C validator) over every HTML page and the stylesheet of a
// built site: no errors. One Java run for all files, because the checker is slow to start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { TempSite } from '../helpers/site.js';
import { buildFixtureSite, FIXTURE_URLS } from './pages-fixture.js';

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

const require = createRequire(import.meta.url);
const VNU_JAR = join(require.resolve('vnu-jar/package.json'), '..', 'build/dist/vnu.jar');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let site: TempSite;
let html: string[];
let css: string[];
let messages: VnuMessage[];
let brokenMessages: VnuMessage[];

before(async () => {
  site = await buildFixtureSite();
  html = filesUnder(site.out, '.html');
  css = filesUnder(site.out, '.css');
  // Two broken files outside the site prove the checker really looks (see the last test).
  site.write('broken/broken.html', '<!doctype html><html lang="de"><head><title>x</title></head><body><p><div>x</div></p></body></html>');
  site.write('broken/broken.css', 'a { colr: red; }\n');
  const broken = [join(site.root, 'broken/broken.html'), join(site.root, 'broken/broken.css')];
  // --also-check-css validates the .css files in the same run; vnu writes its report to stderr.
  const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--also-check-css', '--format', 'json', ...html, ...css, ...broken], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `java could not run: ${run.error?.message}`);
  // The JSON report is the last line; Java may print notices (JAVA_TOOL_OPTIONS…) before it.
  const output = `${run.stdout}\n${run.stderr}`;
  const json = output.slice(output.lastIndexOf('{"version"'));
  assert.ok(json.startsWith('{'), `no report from vnu (exit ${run.status}):\n${output}`);
  const report = JSON.parse(json) as { messages: VnuMessage[] };
  messages = report.messages.filter((m) => !m.url.includes('/broken/'));
  brokenMessages = report.messages.filter((m) => m.url.includes('/broken/'));
});

after(() => site?.remove());

const describe = (list: VnuMessage[]) =>
  list.map((m) => `${relative(site.out, new URL(m.url).pathname)}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}  ${m.type}  ${m.message}\n    ${m.extract ?? ''}`).join('\n');

test('the fixture site has every kind of page and a stylesheet to check', () => {
  const pages = html.map((f) => relative(site.out, f));
  for (const url of Object.values(FIXTURE_URLS)) {
    if (url === FIXTURE_URLS.notFound) continue;
    assert.ok(pages.includes(`${url.slice(1)}index.html`), `${url} was built`);
  }
  assert.ok(pages.includes('404.html'));
  assert.equal(css.length, 1);
});

test('the Nu Html Checker finds no errors in any HTML page', () => {
  const errors = messages.filter((m) => !m.url.endsWith('.css') && (m.type === 'error' || m.subType === 'fatal'));
  assert.deepEqual(errors, [], `vnu errors:\n${describe(errors)}`);
});

test('the Nu Html Checker finds no errors in the stylesheet', () => {
  const errors = messages.filter((m) => m.url.endsWith('.css'));
  assert.deepEqual(errors, [], `vnu CSS errors:\n${describe(errors)}`);
});

test('the checker really reports errors (it is not silently passing everything)', () => {
  assert.ok(brokenMessages.some((m) => m.url.endsWith('broken.html') && m.type === 'error'), describe(brokenMessages));
  assert.ok(brokenMessages.some((m) => m.url.endsWith('broken.css') && m.type === 'error'), describe(brokenMessages));
});
