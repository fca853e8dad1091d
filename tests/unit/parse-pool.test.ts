// The parse pool: the same results on worker threads as on the main thread, in source order,
// wrong encodings as this file's diagnostics, and each source let go once it is handed out; the
// bodies go to a file when one is given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedBodyOf } from '../../src/content/article-body.js';
import { parseMany, WORKER_THRESHOLD } from '../../src/content/parse-pool.js';
import { BodyFile } from '../../src/io/body-file.js';
import type { ArticleSource } from '../../src/types.js';

const source = (i: number): ArticleSource => {
  const relPath = `2025/meldung-${i}.md`;
  return { path: `content/${relPath}`, relPath, bytes: Buffer.from(`---\ntitle: "Meldung ${i}"\ndate: 2025-04-01\n---\n\nÄrger über Maße in Runde ${i}.\n`) };
};

const summary = (results: Awaited<ReturnType<typeof parseMany>>) =>
  results.map((r) => (r.article ? [r.article.relPath, r.article.title, r.article.html, r.article.text, r.article.terms] : r.diagnostics.map((d) => d.rule)));

test('workers and the main thread give the same results in source order, and every source is let go', async () => {
  const many = Array.from({ length: WORKER_THRESHOLD + 10 }, (_, i) => source(i));
  many[7] = { ...source(7), bytes: Buffer.from([0xff, 0xfe, 0x41, 0x00]) };
  const expected = many.map((s) => s);
  const onWorkers = await parseMany(many, 'Europe/Berlin', { workers: 2 });
  assert.ok(many.every((s) => s === null), 'the pool keeps no source once it is handed out');
  const onMain: Awaited<ReturnType<typeof parseMany>> = [];
  for (let i = 0; i < expected.length; i += 50) onMain.push(...(await parseMany(expected.slice(i, i + 50), 'Europe/Berlin')));
  assert.deepEqual(summary(onWorkers), summary(onMain));
  assert.equal(onWorkers[3]?.article?.title, 'Meldung 3');
  assert.deepEqual(onWorkers[7]?.diagnostics.map((d) => d.rule), ['encoding/utf-16']);
});

test('with a file for the bodies, each body the workers send is appended to it, not kept in memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blatt-pool-'));
  try {
    const sources = () => Array.from({ length: WORKER_THRESHOLD + 10 }, (_, i) => source(i));
    const file = BodyFile.create(join(dir, 'bodies.tmp'), Buffer.from('HEAD'));
    const stored = await parseMany(sources(), 'Europe/Berlin', { workers: 2, bodies: file });
    const inMemory = await parseMany(sources(), 'Europe/Berlin', { workers: 2 });
    assert.ok(stored.every((r) => r.article && storedBodyOf(r.article)?.file === file), 'every body is in the file');
    assert.ok(inMemory.every((r) => r.article && storedBodyOf(r.article) === undefined));
    assert.deepEqual(summary(stored), summary(inMemory));
    file.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
