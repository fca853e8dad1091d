// The parse pool: the same results on worker threads as on the main thread, each handed over
// with the index of its source, wrong encodings as this file's diagnostics, and each source let
// go once it is handed out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMany, WORKER_THRESHOLD } from '../../src/content/parse-pool.js';
import { readOwnBytes } from '../../src/io/read-site.js';
import type { ArticleSource, ParseResult } from '../../src/types.js';

const source = (i: number): ArticleSource => {
  const relPath = `2025/meldung-${i}.md`;
  return { path: `content/${relPath}`, relPath, bytes: Buffer.from(`---\ntitle: "Meldung ${i}"\ndate: 2025-04-01\n---\n\nÄrger über Maße in Runde ${i}.\n`) };
};

/** The results of parsing `sources`, by the index of their source. */
async function parse(sources: (ArticleSource | null)[], workers?: number): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  await parseMany(sources, 'Europe/Berlin', (i, r) => (results[i] = r), workers === undefined ? {} : { workers });
  return results;
}
const summary = (results: ParseResult[]) =>
  results.map((r) => (r.article ? [r.article.relPath, r.article.title, r.article.html, r.article.text, r.article.terms] : r.diagnostics.map((d) => d.rule)));

test('workers and the main thread give the same results in source order, and every source is let go', async () => {
  const many = Array.from({ length: WORKER_THRESHOLD + 10 }, (_, i) => source(i));
  many[7] = { ...source(7), bytes: Buffer.from([0xff, 0xfe, 0x41, 0x00]) };
  const expected = many.map((s) => s);
  const onWorkers = await parse(many, 2);
  assert.ok(many.every((s) => s === null), 'the pool keeps no source once it is handed out');
  const onMain: ParseResult[] = [];
  for (let i = 0; i < expected.length; i += 50) onMain.push(...(await parse(expected.slice(i, i + 50))));
  assert.deepEqual(summary(onWorkers), summary(onMain));
  assert.equal(onWorkers[3]?.article?.title, 'Meldung 3');
  assert.deepEqual(onWorkers[7]?.diagnostics.map((d) => d.rule), ['encoding/utf-16']);
});

test('files read into buffers of their own are moved to the workers without a copy; slices of a shared buffer are copied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blatt-pool-'));
  try {
    const read = Array.from({ length: WORKER_THRESHOLD + 10 }, (_, i) => {
      const s = source(i);
      writeFileSync(join(dir, `${i}.md`), s.bytes);
      return { ...s, bytes: readOwnBytes(join(dir, `${i}.md`)) };
    });
    const own = read.map((s) => s.bytes);
    assert.ok(own.every((b, i) => b.byteOffset === 0 && b.buffer.byteLength === b.byteLength && Buffer.from(b).equals(source(i).bytes as Buffer)));
    const pooled = Array.from({ length: WORKER_THRESHOLD + 10 }, (_, i) => source(i));
    const slices = pooled.map((s) => s.bytes);
    assert.ok(slices.some((b) => b.buffer.byteLength > b.byteLength), 'Buffer.from puts small texts into the shared pool');
    const moved = await parse(read, 2);
    const copied = await parse(pooled, 2);
    assert.deepEqual(summary(moved), summary(copied));
    assert.ok(own.every((b) => b.byteLength === 0), 'each buffer of its own now belongs to a worker');
    assert.ok(slices.every((b, i) => Buffer.from(b).equals(source(i).bytes as Buffer)), 'the shared buffer is left as it was');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readOwnBytes reads empty, small and large files whole, each into a buffer of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blatt-read-'));
  try {
    for (const size of [0, 1, 4095, 4096, 100_000]) {
      const bytes = Buffer.alloc(size, 'ä');
      writeFileSync(join(dir, 'f'), bytes);
      const read = readOwnBytes(join(dir, 'f'));
      assert.ok(Buffer.from(read).equals(bytes), `${size} bytes`);
      assert.equal(read.buffer.byteLength, size, `${size} bytes: the buffer holds this file only`);
    }
    // A file whose file system gives no size (the kernel's, whose stat says 0).
    assert.equal(statSync('/proc/version').size, 0);
    assert.equal(Buffer.from(readOwnBytes('/proc/version')).toString(), readFileSync('/proc/version', 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
