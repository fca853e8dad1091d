// The build cache round-trips every parse result exactly, a save after a few changes writes only
// those (a delta beside the base), and a damaged cache is an empty one.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { beginBaseCache, loadBuildCache, parseCacheKey, saveBuildCache, type BuildCache } from '../../src/io/cache.js';
import { bodyBytesOf, storedBodyOf, withBody, withoutBody } from '../../src/content/article-body.js';
import type { BodyFile } from '../../src/io/body-file.js';
import { articleTerms } from '../../src/content/article-terms.js';

/** The code version the cache files of these tests are written by. */
const VERSION = 'v-test';
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

/** Parse results as plain data (a cached article decodes its body, and its terms' stems and counts, through getters on their prototypes). */
const plain = (c: BuildCache) => ({
  stamps: c.stamps,
  related: c.related,
  parses: new Map([...c.parses].map(([k, r]) => [k, { ...r, article: r.article ? { ...r.article, html: r.article.html, text: r.article.text, terms: plainTerms(r.article.terms) } : null }])),
});
const plainTerms = (t: ParsedArticle['terms']) => t && { stems: t.stems, counts: t.counts, key: t.key };

test('every parse result, stamp and related choice comes back exactly', () => {
  const cache = sample();
  saveBuildCache(dir, cache, VERSION);
  const loaded = loadBuildCache(dir, VERSION);
  assert.deepEqual(plain(loaded), plain(cache));
  assert.deepEqual(readdirSync(dir), ['build-cache.v11'], 'no temporary file is left behind');
  saveBuildCache(dir, loaded, VERSION);
  assert.deepEqual(plain(loadBuildCache(dir, VERSION)), plain(cache), 'saved again from the bytes it was loaded from');
});

/** `count` more articles than sample(), with new stamps and related choices. */
function grown(from: BuildCache, count: number): BuildCache {
  const parses = new Map(from.parses);
  for (let i = 0; i < count; i++) parses.set(`new${i}`, { article: article(100 + i, `<p>Neu ${i}</p>`, `Neu ${i}`), diagnostics: [] });
  parses.delete('k3');
  return { ...from, parses, stamps: new Map([['content/100.md', { stat: '1:2:3:4', hash: 'neu' }]]), related: { version: 'v', memo: { signature: 't', choices: [[]] } } };
}

test('a save that adds few entries leaves the base file as it is and writes them to a delta', () => {
  saveBuildCache(dir, sample(), VERSION);
  const base = join(dir, 'build-cache.v11');
  const baseBytes = readFileSync(base);
  const edited = grown(loadBuildCache(dir, VERSION), 2);
  saveBuildCache(dir, edited, VERSION);
  assert.ok(readFileSync(base).equals(baseBytes), 'the base file is not rewritten');
  assert.ok(readFileSync(join(dir, 'build-cache.v11.delta')).byteLength < baseBytes.byteLength / 10, 'the delta holds the new entries only');
  const loaded = loadBuildCache(dir, VERSION);
  assert.deepEqual(plain(loaded).stamps, edited.stamps);
  assert.deepEqual(plain(loaded).related, edited.related);
  for (const [key, result] of plain(edited).parses) assert.deepEqual(plain(loaded).parses.get(key), result, key);
  // The next save after another small edit still adds to the same base, and keeps the first delta's entries.
  const again = grown(loaded, 3);
  saveBuildCache(dir, again, VERSION);
  assert.ok(readFileSync(base).equals(baseBytes));
  for (const [key, result] of plain(again).parses) assert.deepEqual(plain(loadBuildCache(dir, VERSION)).parses.get(key), result, key);
});

test('many new entries make a new base; a delta of another base or a damaged delta is ignored', () => {
  saveBuildCache(dir, sample(), VERSION);
  const base = join(dir, 'build-cache.v11');
  const delta = join(dir, 'build-cache.v11.delta');
  saveBuildCache(dir, grown(loadBuildCache(dir, VERSION), 1), VERSION);
  const smallDelta = readFileSync(delta);
  const many = grown(loadBuildCache(dir, VERSION), 70);
  saveBuildCache(dir, many, VERSION);
  assert.deepEqual(readdirSync(dir), ['build-cache.v11'], 'the new base replaces base and delta');
  assert.deepEqual(plain(loadBuildCache(dir, VERSION)), plain(many));
  writeFileSync(delta, smallDelta);
  assert.deepEqual(plain(loadBuildCache(dir, VERSION)), plain(many), 'a delta of the old base is not applied');
  const baseOnly = plain(loadBuildCache(dir, VERSION));
  saveBuildCache(dir, grown(loadBuildCache(dir, VERSION), 1), VERSION);
  writeFileSync(delta, readFileSync(delta).subarray(0, 50));
  assert.deepEqual(plain(loadBuildCache(dir, VERSION)), baseOnly, 'a damaged delta leaves the base');
});

test('a cache written by another code version is not read', () => {
  saveBuildCache(dir, sample(), VERSION);
  const other = loadBuildCache(dir, 'another version');
  assert.equal(other.parses.size, 0);
  assert.equal(other.stamps.size, 0);
  assert.equal(other.related ?? null, null);
  assert.equal(loadBuildCache(dir, VERSION).parses.size, sample().parses.size, 'its own version reads it');
});

test('a missing, truncated, foreign or tampered cache is an empty one', () => {
  const isEmpty = (c: BuildCache) => c.parses.size === 0 && c.stamps.size === 0 && !c.related;
  assert.ok(isEmpty(loadBuildCache(dir, VERSION)), 'missing');
  saveBuildCache(dir, sample(), VERSION);
  const path = join(dir, 'build-cache.v11');
  const bytes = readFileSync(path);
  for (const [what, damaged] of [
    ['truncated', bytes.subarray(0, bytes.byteLength - 100)],
    ['cut in the bodies', bytes.subarray(0, 5000)],
    ['another format', Buffer.concat([Buffer.from('BLATTC08'), bytes.subarray(8)])],
    ['empty', Buffer.alloc(0)],
    ['a body count that does not match', (() => { const b = Buffer.from(bytes); b.writeUInt32LE(7, b.byteLength - 4); return b; })()],
  ] as const) {
    writeFileSync(path, damaged);
    assert.ok(isEmpty(loadBuildCache(dir, VERSION)), what);
  }
});

/** The parse results with their bodies moved into `draft`, as the parse pool does during a cold build. */
const intoDraft = (c: BuildCache, draft: BodyFile): BuildCache => ({
  ...c,
  parses: new Map([...c.parses].map(([key, r]) => [key, r.article ? { ...r, article: withBody(withoutBody(r.article), draft.store(bodyBytesOf(r.article))) } : r])),
});

test('a cold build’s draft becomes the base file, with each body written once', () => {
  const plainDir = join(dir, 'plain');
  saveBuildCache(plainDir, sample(), VERSION);
  const draft = beginBaseCache(join(dir, 'drafted'), VERSION) as BodyFile;
  const cache = intoDraft(sample(), draft);
  assert.equal(storedBodyOf(cache.parses.get('k4')?.article as ParsedArticle)?.file, draft);
  saveBuildCache(join(dir, 'drafted'), cache, VERSION, draft);
  assert.deepEqual(readdirSync(join(dir, 'drafted')), ['build-cache.v11'], 'the draft was renamed, no temporary file is left');
  assert.equal(statSync(join(dir, 'drafted/build-cache.v11')).size, statSync(join(plainDir, 'build-cache.v11')).size, 'no body is in the file twice');
  assert.deepEqual(plain(loadBuildCache(join(dir, 'drafted'), VERSION)), plain(sample()));
  assert.deepEqual(plain(cache), plain(sample()), 'the build reads its bodies from the draft, now the base file');
  draft.close();
});

test('a draft that does not become the base (few new entries go to the delta) loses its name; its bodies stay readable', () => {
  saveBuildCache(dir, sample(), VERSION);
  const draft = beginBaseCache(dir, VERSION) as BodyFile;
  const edited = intoDraft(grown(loadBuildCache(dir, VERSION), 2), draft);
  saveBuildCache(dir, edited, VERSION, draft);
  assert.deepEqual(readdirSync(dir).sort(), ['build-cache.v11', 'build-cache.v11.delta']);
  assert.equal(plain(edited).parses.get('new1')?.article?.html, '<p>Neu 1</p>');
  for (const [key, result] of plain(edited).parses) assert.deepEqual(plain(loadBuildCache(dir, VERSION)).parses.get(key), result, key);
  draft.close();
});

test('loading leaves the bodies in the file: a cache saved again meanwhile does not change them, one overwritten in place is refused', () => {
  saveBuildCache(dir, sample(), VERSION);
  const loaded = loadBuildCache(dir, VERSION);
  const expected = plain(sample());
  saveBuildCache(dir, grown(loadBuildCache(dir, VERSION), 70), VERSION); // a new base replaces the file
  assert.deepEqual(plain(loaded), expected);
  const again = loadBuildCache(dir, VERSION);
  const path = join(dir, 'build-cache.v11');
  writeFileSync(path, readFileSync(path).subarray(0, 1000)); // overwritten where it is, not replaced
  assert.throws(() => again.parses.get('k1')?.article?.html, /changed by another program/);
});

test('loading reads the key of each article’s terms; stems and counts only when first read', () => {
  saveBuildCache(dir, sample(), VERSION);
  const loaded = loadBuildCache(dir, VERSION);
  const terms = loaded.parses.get('k1')?.article?.terms;
  assert.equal(terms?.key, 'k');
  const path = join(dir, 'build-cache.v11');
  writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from(' ')])); // changed in place after loading
  assert.throws(() => terms?.stems, /changed by another program/, 'read from the file now, not at loading');
});

test('terms whose section is damaged are counted again from the article’s title and text', () => {
  const cache = sample();
  saveBuildCache(dir, cache, VERSION);
  const path = join(dir, 'build-cache.v11');
  const bytes = readFileSync(path);
  const count = bytes.readUInt32LE(bytes.byteLength - 4);
  const termsEnd = bytes.byteLength - 12 - 24 * count;
  const termsStart = termsEnd - bytes.readUInt32LE(bytes.byteLength - 8);
  assert.equal(bytes.toString('utf8', termsStart, termsStart + 12), '[[["grosse"]', 'the section holds stems and counts');
  bytes.fill('x', termsStart, termsStart + 3);
  writeFileSync(path, bytes);
  const loaded = loadBuildCache(dir, VERSION);
  const article = loaded.parses.get('k4')?.article as ParsedArticle;
  assert.equal(article.terms?.key, 'k', 'the key comes with the small fields');
  assert.deepEqual(plainTerms(article.terms), { ...articleTerms(article), key: 'k' });
  assert.equal(article.terms?.stems[0], 'gross', 'the stem of the title, not the stored one (grosse)');
});

test('a new base file removes the cache files of earlier formats and the drafts of builds that no longer run, and nothing else', () => {
  const host = hostname();
  const ended = spawnSync(process.execPath, ['-e', '0']).pid as number; // a process that has exited
  const kept = [`build-cache.v11.${host}-${process.pid}-77.tmp`, 'build-cache.v11.anderer-rechner-1-1.tmp', 'notizen.txt'];
  for (const name of ['build-cache.v10', 'build-cache.v9.delta', 'articles.v8', `build-cache.v11.${host}-${ended}-3.tmp`, ...kept]) writeFileSync(join(dir, name), 'alt');
  saveBuildCache(dir, sample(), VERSION);
  assert.deepEqual(readdirSync(dir).sort(), ['build-cache.v11', ...kept].sort(), 'drafts of running builds and of other machines stay');
  // A cold build cleans up before it begins its own draft, too.
  writeFileSync(join(dir, `build-cache.v11.${host}-${ended}-4.tmp`), 'alt');
  const draft = beginBaseCache(dir, VERSION) as BodyFile;
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes(`-${ended}-`)), []);
  draft.unlink();
  draft.close();
});

test('parse keys differ whenever a part differs, also where the parts meet', () => {
  const keys = [
    ['v1', 3, 'Europe/Berlin', 'content/a.md', 'a.md', 'hash'],
    ['v2', 3, 'Europe/Berlin', 'content/a.md', 'a.md', 'hash'],
    ['v1', 3, 'Europe/Vienna', 'content/a.md', 'a.md', 'hash'],
    ['v1', 3, 'Europe/Berlin', 'content/a.md', 'a.md', 'hasH'],
    ['v1', 3, 'Europe/Berlin', 'content/a.m', 'da.md', 'hash'],
    ['v13', '', 'Europe/Berlin', 'content/a.md', 'a.md', 'hash'],
  ].map(parseCacheKey);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(parseCacheKey(['v1', 3]), parseCacheKey(['v1', '3']), 'the same text');
  assert.match(keys[0] as string, /^[\w-]{43}$/, 'sha-256, base64url');
});
