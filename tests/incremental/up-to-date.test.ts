// A pass that finds nothing changed does no work (the empty change set). It must only ever find
// so when a cold build would write exactly the same bytes: after the clock passes an embargo or
// the news window, after the output folder went or was written by another build, or after any
// input changed, it works.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { build } from '../../src/engine/session.js';
import type { BuildOptions, BuildResult } from '../../src/engine/options.js';
import { stateDirOf } from '../../src/io/output.js';
import { STORE_DIR } from '../../src/store/store.js';
import { LmdbBackend } from '../../src/store/lmdb-backend.js';
import { article, NOW, tempSite, type TempSite } from '../helpers/site.js';
import { assertSameTree } from '../helpers/tree.js';

const HOUR = 3_600_000;
let site: TempSite;

beforeEach(() => {
  site = tempSite({
    '2025/alt.md': article({ title: 'Alte Meldung', date: '2025-03-01T08:00:00Z', tags: ['Politik'] }, 'Ein [Verweis](sperrfrist.md) auf später.'),
    '2025/frisch.md': article({ title: 'Frische Meldung', date: '2025-04-02T06:00:00Z', tags: ['Politik'] }),
    '2025/sperrfrist.md': article({ title: 'Meldung mit Sperrfrist', date: '2025-04-02T18:00:00Z', tags: ['Wirtschaft'] }),
  });
});
afterEach(() => site.remove());

const options = (now: number, out = 'public', cacheDir: string | null = '.cache/blatt'): BuildOptions => ({
  contentDir: 'content',
  templatesDir: 'templates',
  outDir: out,
  cwd: site.root,
  now,
  cacheDir,
  write: true,
});

/** Builds into public/ (reusing it), then a cold build into public-cold/, and compares the two. */
async function warmAndCold(now: number, what: string): Promise<BuildResult> {
  const warm = await build(options(now));
  assert.notEqual(warm.files, null, `${what}: ${JSON.stringify(warm.diagnostics)}`);
  rmSync(join(site.root, 'public-cold'), { recursive: true, force: true });
  const cold = await build(options(now, 'public-cold', null));
  assert.notEqual(cold.files, null);
  assertSameTree(join(site.root, 'public'), join(site.root, 'public-cold'), what);
  return warm;
}

test('nothing changed: the second build is up to date and reports what the first reported', async () => {
  const first = await build(options(NOW));
  assert.equal(first.stats.upToDate, false);
  assert.ok(first.diagnostics.some((d) => d.rule === 'link/unpublished-article'), JSON.stringify(first.diagnostics));
  const second = await warmAndCold(NOW, 'nothing changed');
  assert.equal(second.stats.upToDate, true);
  assert.deepEqual(second.diagnostics, first.diagnostics, 'the warnings are reported again');
  assert.equal(second.stats.pages, first.stats.pages);
  assert.equal(second.stats.articles, first.stats.articles);
});

test('a build that finds nothing changed leaves nothing for the next one to sweep', async () => {
  await build(options(NOW));
  await build(options(NOW));
  // Read the marker itself: opening the store would sweep and clear it.
  const backend = new LmdbBackend(join(site.root, '.cache/blatt', STORE_DIR));
  try {
    assert.equal(backend.get('state', 'unsettled'), undefined);
  } finally {
    backend.close();
  }
});

test('the clock passes an embargo: the article is published, not skipped', async () => {
  await build(options(NOW));
  const later = await warmAndCold(Date.parse('2025-04-02T18:00:00Z'), 'embargo ended');
  assert.notEqual(later.stats.upToDate, true);
  assert.ok(readFileSync(join(site.root, 'public/sitemap-2025-04.xml'), 'utf8').includes('/sperrfrist/'));
});

test('the clock moves within the window: still up to date', async () => {
  await build(options(NOW));
  const later = await warmAndCold(NOW + HOUR, 'an hour later');
  assert.equal(later.stats.upToDate, true);
});

test('an article leaves the two days of the news sitemap: it is rebuilt', async () => {
  await build(options(NOW));
  assert.ok(readFileSync(join(site.root, 'public/sitemap-news.xml'), 'utf8').includes('/frisch/'));
  // 2025-04-02T06:00Z + 48 h has passed; the embargoed article is still ahead (it is published then too).
  const later = await warmAndCold(Date.parse('2025-04-04T06:00:01Z'), 'news window left');
  assert.notEqual(later.stats.upToDate, true);
  assert.ok(!readFileSync(join(site.root, 'public/sitemap-news.xml'), 'utf8').includes('/frisch/'));
});

test('the clock goes back before a published article: it is rebuilt', async () => {
  await build(options(NOW));
  const earlier = await warmAndCold(Date.parse('2025-04-01T00:00:00Z'), 'an earlier build time');
  assert.notEqual(earlier.stats.upToDate, true);
});

test('the output folder deleted (a clean build): the next build writes it whole from the store, rendering nothing', async () => {
  await build(options(NOW));
  // Pages whose bytes changed since keep their new bytes in the store, not their old ones.
  const path = join(site.content, '2025/frisch.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('title: "Frische Meldung"', 'title: "Frische Meldung, neu betitelt"'));
  assert.ok((await build(options(NOW))).stats.rendered > 3);
  rmSync(join(site.root, 'public'), { recursive: true });
  const again = await warmAndCold(NOW, 'deleted output');
  assert.equal(again.stats.rendered, 0);
  assert.ok((again.written?.written ?? 0) > 10);
  rmSync(join(site.root, 'public/index.html'));
  rmSync(stateDirOf(join(site.root, 'public')), { recursive: true });
  assert.equal((await warmAndCold(NOW, 'state beside the output deleted')).stats.rendered, 0);
});

test('an output folder another build wrote (other options) is written whole; a file edited there by hand is rewritten by --force', async () => {
  await build(options(NOW));
  await build({ ...options(NOW), baseUrl: 'https://zeitung.example/' });
  const back = await warmAndCold(NOW, 'back to the first options');
  assert.equal(back.stats.rendered, 0, 'both targets are in the store');
  appendFileSync(join(site.root, 'public/sitemap.xml'), '<!-- von Hand -->');
  assert.equal((await build(options(NOW))).stats.upToDate, true, 'public/ is the build\'s: edits by hand are not looked for');
  const forced = await build({ ...options(NOW), force: true });
  assert.ok(forced.stats.rendered > 10);
  assert.doesNotMatch(readFileSync(join(site.root, 'public/sitemap.xml'), 'utf8'), /von Hand/);
});

test('a journal whose store commit did not happen is discarded; the output stays as the store says', async () => {
  await build(options(NOW));
  const state = stateDirOf(join(site.root, 'public'));
  mkdirSync(join(state, 'staging'), { recursive: true });
  writeFileSync(join(state, 'staging/index.html'), 'halb geschrieben');
  writeFileSync(join(state, 'journal.json'), JSON.stringify({ generation: 99, moves: ['index.html'], deletes: [] }));
  const next = await warmAndCold(NOW, 'pending journal');
  assert.equal(next.stats.upToDate, true);
  assert.doesNotMatch(readFileSync(join(site.root, 'public/index.html'), 'utf8'), /halb geschrieben/);
});

test('every kind of input change is noticed', async () => {
  await build(options(NOW));
  const changes: [string, () => void][] = [
    ['article', () => appendFileSync(join(site.content, '2025/frisch.md'), '\nNoch ein Satz.\n')],
    ['template', () => appendFileSync(join(site.templates, 'article.hbs'), '\n<!-- geändert -->\n')],
    ['asset', () => appendFileSync(join(site.templates, 'assets/style.css'), '\nbody { color: #111; }\n')],
    ['settings', () => writeFileSync(join(site.content, 'site.yml'), 'title: "Neues Blatt"\n')],
    ['new article', () => writeFileSync(join(site.content, '2025/neu.md'), article({ title: 'Neu', date: '2025-04-01' }))],
    ['deleted article', () => rmSync(join(site.content, '2025/neu.md'))],
  ];
  for (const [what, change] of changes) {
    change();
    const result = await warmAndCold(NOW, what);
    assert.notEqual(result.stats.upToDate, true, `${what}: not up to date`);
    assert.equal((await build(options(NOW))).stats.upToDate, true, `${what}: up to date once built`);
  }
});

test('other build options are another build: drafts, base URL, force', async () => {
  await build(options(NOW));
  assert.notEqual((await build({ ...options(NOW), includeDrafts: true })).stats.upToDate, true);
  assert.notEqual((await build({ ...options(NOW), includeDrafts: false })).stats.upToDate, true, 'back without drafts: the output shows the drafts');
  assert.notEqual((await build({ ...options(NOW), baseUrl: 'https://zeitung.example/' })).stats.upToDate, true);
  assert.notEqual((await build({ ...options(NOW), baseUrl: 'https://zeitung.example/', force: true })).stats.upToDate, true);
});

test('a build with errors leaves the record of the last good build, which still describes the output', async () => {
  await build(options(NOW));
  const path = join(site.content, '2025/frisch.md');
  const good = readFileSync(path, 'utf8');
  writeFileSync(path, good.replace('title:', 'titel:'));
  const failed = await build(options(NOW));
  assert.equal(failed.files, null);
  writeFileSync(path, good);
  const again = await warmAndCold(NOW, 'error fixed');
  // The file has a new stamp but the same bytes: nothing changed since the last good build.
  assert.equal(again.stats.upToDate, true);
});
