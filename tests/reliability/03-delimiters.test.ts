// Case 3: front-matter delimiters. Unclosed, late, look-alike and CR-only delimiters; empty
// front-matter and empty bodies.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { article, buildSite, fileOf, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, goodBuild } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

test('an unclosed front-matter is an error on line 1', async () => {
  for (const text of ['---\ntitle: "T"\ndate: 2025-04-01\n\nText.\n', '---\ntitle: "T"\ndate: 2025-04-01', '---', '---\n', '---\ntitle: "T"\n...\nText.\n']) {
    await assertRejected(site, '2025/offen.md', text, { rule: 'front-matter/unclosed', line: 1 }, JSON.stringify(text));
  }
});

test('front-matter that does not start on line 1 is an error naming its line', async () => {
  for (const [text, line] of [
    ['\n---\ntitle: "T"\ndate: 2025-04-01\n---\nText.\n', 2],
    ['Vorspann\n---\ntitle: "T"\ndate: 2025-04-01\n---\nText.\n', 2],
    [' ---\ntitle: "T"\ndate: 2025-04-01\n---\nText.\n', 4],
    ['\n\n\n---\ntitle: "T"\n---\n', 4],
  ] as const) {
    const diagnostics = await assertRejected(site, '2025/spaet.md', text, { rule: 'front-matter/missing', line: 1 }, JSON.stringify(text));
    assert.match(diagnostics.find((d) => d.rule === 'front-matter/missing')?.message ?? '', new RegExp(`line ${line}`));
  }
  for (const text of ['', 'Nur Text.\n', '\n\n']) await assertRejected(site, '2025/ohne.md', text, { rule: 'front-matter/missing', line: 1 }, JSON.stringify(text));
});

test('lines that only start with --- are not delimiters', async () => {
  for (const [closing, rule] of [
    ['----', 'front-matter/delimiter'],
    ['---x', 'front-matter/delimiter'],
    ['--- Ende', 'front-matter/delimiter'],
    ['---yaml', 'front-matter/delimiter'],
  ] as const) {
    await assertRejected(site, '2025/trenner.md', `---\ntitle: "T"\ndate: 2025-04-01\n${closing}\nText.\n`, { rule, line: 4 }, closing);
  }
  // Line 1 that only starts with --- asks for a language.
  await assertRejected(site, '2025/trenner.md', `----\ntitle: "T"\ndate: 2025-04-01\n---\nText.\n`, { rule: 'front-matter/language', line: 1 });
  // A closing delimiter with trailing spaces is still one; a later "---" is a thematic break of the body.
  site.write('content/2025/ok.md', `---\ntitle: "T"\ndate: 2025-04-01\n---  \nEins\n\n---\n\nZwei\n`);
  try {
    const result = await buildSite(site);
    assert.ok(result.files, JSON.stringify(result.diagnostics));
    assert.match(fileOf(result, '2025/04/ok/index.html'), /<p>Eins<\/p>\s*<hr>\s*<p>Zwei<\/p>/);
  } finally {
    rmSync(`${site.content}/2025/ok.md`);
  }
});

test('CR-only, CRLF and LF line endings read the same', async () => {
  const lf = `---\ntitle: "Zeilen"\ndate: 2025-04-01\ntags: ["A", "B"]\n---\n\nEins\nzwei.\n\nDrei.\n`;
  const outputs: string[] = [];
  for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), lf.replace(/\n/g, (_, i: number) => (i % 2 ? '\r\n' : '\r'))]) {
    site.write('content/2025/zeilen.md', text);
    const result = await buildSite(site);
    assert.deepEqual(result.diagnostics, [], JSON.stringify(text));
    outputs.push(fileOf(result, '2025/04/zeilen/index.html'));
  }
  rmSync(`${site.content}/2025/zeilen.md`);
  for (const out of outputs) assert.equal(out, outputs[0]);
});

test('empty front-matter is an error; an empty body is a page', async () => {
  for (const text of ['---\n---\n', '---\n\n---\nText.\n', '---\n# nur ein Kommentar\n---\nText.\n']) {
    await assertRejected(site, '2025/leer.md', text, { rule: /^front-matter\/(empty|title)$/, line: text.includes('#') ? undefined : 1 }, JSON.stringify(text));
  }
  for (const text of ['---\ntitle: "Leer"\ndate: 2025-04-01\n---', '---\ntitle: "Leer"\ndate: 2025-04-01\n---\n', '---\ntitle: "Leer"\ndate: 2025-04-01\n---\n\n\n   \n']) {
    site.write('content/2025/leer.md', text);
    const result = await buildSite(site);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), [], JSON.stringify(text));
    assert.match(fileOf(result, '2025/04/leer/index.html'), /Leer/);
  }
  rmSync(`${site.content}/2025/leer.md`);
});
