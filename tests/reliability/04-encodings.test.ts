// Case 4: encodings. A UTF-8 BOM is fine; UTF-16, invalid UTF-8, NUL bytes and merge-conflict
// markers are errors at their line. CRLF/LF and NFC/NFD (text and file names) give byte-identical
// output and the same URLs.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, goodBuild } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

const text = `---\ntitle: "Über Größe"\ndate: 2025-04-01\ntags: ["Öl"]\n---\n\nÄrger über Maße.\n`;
const utf8 = (s: string) => Buffer.from(s, 'utf8');

test('a UTF-8 BOM is fine and changes nothing', async () => {
  const outputs = [];
  for (const bytes of [utf8(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)])]) {
    site.write('content/2025/bom.md', bytes);
    const result = await buildSite(site);
    assert.deepEqual(result.diagnostics, []);
    // The pages, not their fingerprints: those follow the file's bytes, so the BOM re-renders them (to the same bytes).
    outputs.push(JSON.stringify(result.files?.map((f) => [f.path, Buffer.from(f.contents).toString('base64')])));
  }
  rmSync(join(site.content, '2025/bom.md'));
  assert.equal(outputs[0], outputs[1]);
});

test('UTF-16 (with or without BOM) is an error', async () => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  await assertRejected(site, '2025/u16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), le]), { rule: 'encoding/utf-16', line: 1 }, 'UTF-16LE');
  await assertRejected(site, '2025/u16.md', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), { rule: 'encoding/utf-16', line: 1 }, 'UTF-16BE');
  await assertRejected(site, '2025/u16.md', le, { rule: /^encoding\/(nul-byte|invalid-utf-8|utf-16)$/ }, 'UTF-16LE without BOM');
});

test('invalid UTF-8 is an error at its line', async () => {
  const cases: [string, number[]][] = [
    ['Latin-1 ä', [0xe4]],
    ['lone continuation byte', [0x80]],
    ['overlong slash', [0xc0, 0xaf]],
    ['UTF-8 surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xFF', [0xff]],
  ];
  for (const [name, bad] of cases) {
    const bytes = Buffer.concat([utf8('---\ntitle: "T"\ndate: 2025-04-01\n---\n\nZeile sechs '), Buffer.from(bad), utf8(' weiter.\n')]);
    await assertRejected(site, '2025/kaputt.md', bytes, { rule: 'encoding/invalid-utf-8', line: 6 }, name);
  }
  // A sequence cut off at the end of the file.
  await assertRejected(site, '2025/kaputt.md', Buffer.concat([utf8('---\ntitle: "T"\ndate: 2025-04-01\n---\n\nEnde '), Buffer.from([0xe2, 0x82])]), { rule: 'encoding/invalid-utf-8', line: 6 }, 'truncated');
});

test('NUL bytes are an error at their line', async () => {
  await assertRejected(site, '2025/nul.md', utf8('---\ntitle: "T"\ndate: 2025-04-01\n---\n\nA\u0000B\n'), { rule: 'encoding/nul-byte', line: 6 });
  await assertRejected(site, '2025/nul.md', utf8('---\ntitle: "T\u0000"\ndate: 2025-04-01\n---\n'), { rule: 'encoding/nul-byte', line: 2 });
});

test('merge-conflict markers are an error at their line', async () => {
  const conflict = (a: string, b: string, c: string) => `---\ntitle: "T"\ndate: 2025-04-01\n---\n\nVorher.\n${a}\nUnsere Fassung.\n${b}\nIhre Fassung.\n${c}\n`;
  await assertRejected(site, '2025/konflikt.md', conflict('<<<<<<< HEAD', '=======', '>>>>>>> feature'), { rule: 'content/merge-conflict', line: 7 });
  await assertRejected(site, '2025/konflikt.md', conflict('<<<<<<<', '=======', '>>>>>>>'), { rule: 'content/merge-conflict', line: 7 });
  await assertRejected(site, '2025/konflikt.md', conflict('Text', '=======', 'Text'), { rule: 'content/merge-conflict', line: 9 }, 'only the middle marker');
  await assertRejected(site, '2025/konflikt.md', `---\n<<<<<<< HEAD\ntitle: "A"\n=======\ntitle: "B"\n>>>>>>> x\ndate: 2025-04-01\n---\n`, { rule: 'content/merge-conflict', line: 2 }, 'in the front-matter');
  await assertRejected(site, '2025/konflikt.md', conflict('<<<<<<< HEAD', '=======', '>>>>>>> x').replace(/\n/g, '\r\n'), { rule: 'content/merge-conflict', line: 7 }, 'CRLF');
});

/** Builds a fresh site with one article written as `bytes` under `name`; returns every output file. */
async function buildOne(name: string, bytes: Buffer): Promise<Map<string, string>> {
  const s = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  try {
    s.write(join('content/2025', name), bytes);
    const result = await buildSite(s);
    assert.deepEqual(result.diagnostics, [], name);
    return new Map(result.files!.map((f) => [f.path, Buffer.from(f.contents).toString('base64')]));
  } finally {
    s.remove();
  }
}

test('CRLF/LF and NFC/NFD text and file names give byte-identical output and the same URLs', async () => {
  const nfc = 'Grüße aus Köln.md'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  assert.notEqual(nfc, nfd);
  const variants: [string, Buffer][] = [
    [nfc, utf8(text.normalize('NFC'))],
    [nfd, utf8(text.normalize('NFC'))],
    [nfc, utf8(text.normalize('NFD'))],
    [nfd, utf8(text.normalize('NFD').replace(/\n/g, '\r\n'))],
    [nfc, utf8(text.replace(/\n/g, '\r\n'))],
  ];
  const reference = await buildOne(...variants[0]!);
  assert.ok(reference.has('2025/04/gruesse-aus-koeln/index.html'), [...reference.keys()].join(', '));
  assert.ok(reference.has('thema/oel/index.html'), [...reference.keys()].join(', '));
  for (const [i, variant] of variants.entries()) {
    const out = await buildOne(...variant);
    assert.deepEqual([...out.keys()], [...reference.keys()], `variant ${i}: same URLs`);
    for (const [path, bytes] of reference) assert.equal(out.get(path), bytes, `variant ${i}: ${path} byte-identical`);
  }
});
