// Case 8: paths. Slugs are canonical or an error; every output path is relative, inside the
// output folder and portable; symbolic links in content/ are errors and never followed; outputs
// that collide (also case-insensitively and after Unicode normalization) are errors.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collisionKey, unsafeOutputPath } from '../../src/site/output-path.js';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, assertSameTree, goodBuild, snapshot } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

test('slugs with path syntax, control characters or reserved names are errors at their line', async () => {
  const slugs = ['../../etc/passwd', '..', '.', '', ' ', '/absolut', 'a/b', 'a\\\\b', 'C:\\\\x', 'a\\u0000b', 'a\\tb', 'a\\nb', 'CON', 'nul.txt', 'abc.', 'Groß', 'über', 'a--b', '-a', 'a-', 'x'.repeat(201), '%2e%2e', 'a?b', 'a#b', 'a:b'];
  for (const slug of slugs) {
    await assertRejected(site, '2025/slug.md', `---\ntitle: "T"\ndate: 2025-04-01\nslug: "${slug}"\n---\n`, { rule: /^front-matter\/(slug|title)$/, line: slug.trim() === '' ? undefined : 4 }, JSON.stringify(slug));
  }
  // Windows reserved names are refused even when they are canonical slugs ("con", "nul", "com1").
  for (const slug of ['con', 'nul', 'com1', 'lpt9', 'aux', 'prn']) {
    const before = snapshot(site.out);
    site.write('content/2025/slug.md', `---\ntitle: "T"\ndate: 2025-04-01\nslug: "${slug}"\n---\n`);
    const result = await buildSite(site, { write: true });
    rmSync(join(site.content, '2025/slug.md'));
    assert.equal(result.files, null, slug);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error' && /reserved|slug/i.test(d.message + d.rule)), `${slug}: ${JSON.stringify(result.diagnostics)}`);
    assertSameTree(snapshot(site.out), before, slug);
  }
});

test('file names that give no slug are errors', async () => {
  for (const name of ['2025/---.md', '2025/!!!.md', '2025/ .md']) {
    await assertRejected(site, name, article({ title: 'T' }), { rule: 'content/file-name', line: 1 }, name);
  }
});

test('unsafe output paths are named precisely', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/x/index.html', /absolute/],
    ['a\\b/index.html', /backslash/],
    ['a\u0001/index.html', /control/],
    ['a\u007f/index.html', /control/],
    ['../x/index.html', /"\.\."/],
    ['a/../../x', /"\.\."/],
    ['a/./b', /"\."/],
    ['a//b', /empty/],
    ['con/index.html', /reserved/],
    ['a/NUL.html', /reserved/],
    ['com1.txt', /reserved/],
    ['abc./index.html', /dot or space/],
    ['abc /index.html', /dot or space/],
    ['a:b/index.html', /absolute|Windows/],
    ['a|b', /Windows/],
  ];
  for (const [path, reason] of cases) assert.match(unsafeOutputPath(path) ?? 'null', reason, JSON.stringify(path));
  for (const ok of ['index.html', '2025/04/meldung/index.html', 'thema/oel/seite/2/index.html', 'assets/style.abc.css']) assert.equal(unsafeOutputPath(ok), null, ok);
  assert.equal(collisionKey('Thema/Öl/index.html'), collisionKey('thema/o\u0308l/INDEX.html'));
});

test('symbolic links in content/ are errors and never followed', async () => {
  const outside = join(site.root, 'geheim');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'passwort.md'), article({ title: 'Geheim' }));
  const before = snapshot(site.out);
  for (const [link, target] of [
    ['2025/link.md', join(outside, 'passwort.md')],
    ['ordner', outside],
    ['2025/kaputt.md', join(outside, 'gibt-es-nicht.md')],
    ['2025/relativ.md', '../../geheim/passwort.md'],
  ] as const) {
    const path = join(site.content, link);
    mkdirSync(join(path, '..'), { recursive: true });
    symlinkSync(target, path);
    try {
      const result = await buildSite(site, { write: true });
      assert.equal(result.files, null, link);
      const d = result.diagnostics.find((x) => x.rule === 'input/symlink');
      assert.equal(d?.file, `content/${link}`, JSON.stringify(result.diagnostics));
      assert.equal(d?.severity, 'error');
      assertSameTree(snapshot(site.out), before, link);
    } finally {
      rmSync(path);
    }
  }
});

test('outputs that collide are errors naming both files', async () => {
  const collide = async (files: Record<string, string>, label: string) => {
    const before = snapshot(site.out);
    for (const [p, t] of Object.entries(files)) site.write(join('content', p), t);
    try {
      const result = await buildSite(site, { write: true });
      assert.equal(result.files, null, `${label}: ${JSON.stringify(result.diagnostics)}`);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0, label);
      const named = Object.keys(files).map((p) => `content/${p}`.normalize('NFC'));
      assert.ok(errors.some((d) => named.includes(d.file.normalize('NFC')) || named.some((n) => d.message.normalize('NFC').includes(n))), `${label}: ${JSON.stringify(errors)}`);
      assertSameTree(snapshot(site.out), before, label);
    } finally {
      for (const p of Object.keys(files)) rmSync(join(site.content, p), { force: true });
    }
  };
  await collide({ '2025/a/doppelt.md': article({ title: 'A' }), '2025/b/doppelt.md': article({ title: 'B' }) }, 'same file name in two folders');
  await collide({ '2025/eins.md': article({ title: 'A', slug: 'gleich' }), '2025/zwei.md': article({ title: 'B', slug: 'gleich' }) }, 'same slug');
  await collide({ '2025/Gleich.md': article({ title: 'A' }), '2025/gleich.md': article({ title: 'B' }) }, 'file names differing in case');
  await collide({ ['2025/' + 'Köln.md'.normalize('NFC')]: article({ title: 'A' }), ['2025/x/' + 'Köln.md'.normalize('NFD')]: article({ title: 'B' }) }, 'NFC and NFD file names');
  await collide({ '2025/gruesse.md': article({ title: 'A' }), '2025/grüße.md': article({ title: 'B' }) }, 'transliteration');
});
