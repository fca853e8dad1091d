// Case 1: front-matter that asks for a non-YAML engine is an error in every spelling gray-matter
// accepts, and nothing in it runs: the payload would set a global and write a marker file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, assertSameTree, goodBuild, runCli, snapshot } from './harness.js';

const SPELLINGS = ['js', 'javascript', 'JS', 'JavaScript', ' js', '  javascript  ', '\tjs', 'coffee', 'coffeescript', 'cson', 'json', 'JSON', ' json ', 'toml', 'eval', 'js:', 'yaml js'];

let site: TempSite;
const marker = () => join(site.root, 'PWNED');

function payload(language: string): string {
  const path = JSON.stringify(marker());
  const js = `{ title: (globalThis.__blattPwned = 1, process.getBuiltinModule('fs').writeFileSync(${path}, 'x'), 'T'), date: '2025-04-01' }`;
  const body = /json/i.test(language) ? `{"title": "T", "date": "2025-04-01"}` : /toml/.test(language) ? `title = "T"\ndate = "2025-04-01"` : js;
  return `---${language}\n${body}\n---\n\nText.\n`;
}

before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

test('every non-YAML front-matter language is an error on line 1 and nothing runs', async () => {
  for (const language of SPELLINGS) {
    await assertRejected(site, '2025/boese.md', payload(language), { rule: 'front-matter/language', line: 1 }, JSON.stringify(language));
    assert.equal((globalThis as Record<string, unknown>).__blattPwned, undefined, `${JSON.stringify(language)}: no code ran`);
    assert.equal(existsSync(marker()), false, `${JSON.stringify(language)}: no marker file`);
  }
});

test('YAML spellings stay accepted', async () => {
  for (const language of ['', 'yaml', 'yml', 'YAML', ' yaml ']) {
    site.write('content/2025/ok.md', `---${language}\ntitle: "Ok"\ndate: 2025-04-01\n---\n\nText.\n`);
    const result = await buildSite(site);
    assert.deepEqual(result.diagnostics, [], JSON.stringify(language));
    assert.ok(result.files?.some((f) => f.path === '2025/04/ok/index.html'), JSON.stringify(language));
  }
});

test('the CLI exits 1, names file and line, leaves public/ alone and runs nothing', () => {
  const before = snapshot(site.out);
  for (const language of ['js', ' JavaScript ']) {
    site.write('content/2025/boese.md', payload(language));
    const cli = runCli(site.root, ['build', '--no-cache']);
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, /content\/2025\/boese\.md:1:\d+ +error .*only YAML/);
    assert.doesNotMatch(cli.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(existsSync(marker()), false, 'no marker file');
    assertSameTree(snapshot(site.out), before, language);
  }
});
