// The build cache round-trips every parse result exactly, and a damaged cache is an empty one.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { loadBuildCache, saveBuildCache, type BuildCache } from '../../src/io/cache.js';
import type { ParsedArticle } from '../../src/types.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'blatt-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const article = (n: number, html: string, text: string): ParsedArticle => ({
  file: `content/${n}.md`,
  relPath: `${n}.md`,
  slug: `artikel-${n}`,
  title: `„Größe“ ${n}`,
  date: { iso: '2025-04-01T12:00:00+02:00', epochMs: 1743501600000, year: 2025, month: 4, day: 1 },
  updated: null,
  summary: n % 2 ? null : 'Eine Zusammenfassung – mit Gedankenstrich.',
  authors: ['Katrin Schäfer'],
  tags: ['Außenpolitik'],
  section: null,
  related: [],
  relatedExclude: [],
  draft: false,
  image: null,
  html,
  links: [],
  text,
  wordCount: 3,
  terms: { stems: ['grosse'], counts: [3], key: 'k' },
});

function sample(): BuildCache {
  const long = '<p>Straße </p>'.repeat(200_000); // more than one write chunk
  return {
    parses: new Map([
      ['k1', { article: article(1, '<p>„Zitat“ 😀</p>', 'Zitat 😀'), diagnostics: [] }],
      ['k2', { article: null, diagnostics: [{ severity: 'error', file: 'content/2.md', rule: 'front-matter/yaml', message: 'kaputt', line: 3, column: 1 }] }],
      ['k3', { article: article(3, '', ''), diagnostics: [{ severity: 'warning', file: 'content/3.md', rule: 'markdown/raw-html', message: 'entfernt' }] }],
      ['k4', { article: article(4, long, 'ß'.repeat(1000)), diagnostics: [] }],
    ]),
    stamps: new Map([['content/1.md', { stat: '10:1:2:3', hash: 'abc' }]]),
    related: { version: 'v', memo: { signature: 's', choices: [['artikel-3'], []] } },
  };
}

/** Parse results as plain data (a cached article decodes its body through getters on its prototype). */
const plain = (c: BuildCache) => ({
  ...c,
  parses: new Map([...c.parses].map(([k, r]) => [k, { ...r, article: r.article ? { ...r.article, html: r.article.html, text: r.article.text } : null }])),
});

test('every parse result, stamp and related choice comes back exactly', () => {
  const cache = sample();
  saveBuildCache(dir, cache);
  const loaded = loadBuildCache(dir);
  assert.deepEqual(plain(loaded), plain(cache));
  saveBuildCache(dir, loaded);
  assert.deepEqual(plain(loadBuildCache(dir)), plain(cache), 'saved again from the bytes it was loaded from');
  assert.deepEqual(readdirSync(dir), ['build-cache.v9'], 'no temporary file is left behind');
});

test('a missing, truncated, foreign or tampered cache is an empty one', () => {
  const isEmpty = (c: BuildCache) => c.parses.size === 0 && c.stamps.size === 0 && !c.related;
  assert.ok(isEmpty(loadBuildCache(dir)), 'missing');
  saveBuildCache(dir, sample());
  const path = join(dir, 'build-cache.v9');
  const bytes = readFileSync(path);
  for (const [what, damaged] of [
    ['truncated', bytes.subarray(0, bytes.byteLength - 100)],
    ['cut in the bodies', bytes.subarray(0, 5000)],
    ['another format', Buffer.concat([Buffer.from('BLATTC08'), bytes.subarray(8)])],
    ['empty', Buffer.alloc(0)],
    ['a body count that does not match', (() => { const b = Buffer.from(bytes); b.writeUInt32LE(7, b.byteLength - 4); return b; })()],
  ] as const) {
    writeFileSync(path, damaged);
    assert.ok(isEmpty(loadBuildCache(dir)), what);
  }
});
