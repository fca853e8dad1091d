// A cold build of a site large enough for the parse workers writes its parse results and pages
// into the store as they come (in batches, before its commit) and renders the pages from there.
// Its output must be the bytes a build without a store gives, and so must a build from that store
// alone: into an empty output folder (every page from the store, none rendered), and with every
// page rendered again from the stored parse results (a template change).
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WORKER_THRESHOLD } from '../../src/content/parse-pool.js';
import { buildSite, generateCorpus, tempSite, type TempSite } from '../helpers/site.js';
import { assertSameTree } from '../helpers/tree.js';

let site: TempSite;
const build = (outDir: string, cacheDir: string | null) => buildSite(site, { outDir, cacheDir, write: true });

before(() => {
  site = tempSite();
  generateCorpus(site.content, WORKER_THRESHOLD + 20, 11);
});
after(() => site.remove());

test('a cold build with a cache gives the bytes of a build without one, and so does a build from that cache alone', async () => {
  const cold = await build('public-cached', '.cache/blatt');
  assert.notEqual(cold.files, null, JSON.stringify(cold.diagnostics.slice(0, 3)));
  assert.equal(cold.stats.parsed, cold.stats.articles, 'every article was parsed');
  assert.ok(cold.stats.parsed >= WORKER_THRESHOLD, 'on the parse workers');
  assert.deepEqual(readdirSync(join(site.root, '.cache/blatt')), ['store'], 'the cache folder holds the store');
  const uncached = await build('public-uncached', null);
  assert.notEqual(uncached.files, null);
  assertSameTree(join(site.root, 'public-cached'), join(site.root, 'public-uncached'), 'cold build with and without a cache');

  // Every page again, from the store.
  rmSync(join(site.root, 'public-cached'), { recursive: true, force: true });
  const fromStore = await build('public-cached', '.cache/blatt');
  assert.notEqual(fromStore.files, null);
  assert.equal(fromStore.stats.parsed, 0, 'nothing parsed');
  assert.equal(fromStore.stats.rendered, 0, 'nothing rendered');
  assertSameTree(join(site.root, 'public-cached'), join(site.root, 'public-uncached'), 'an empty output folder from the store alone');
  // Every page rendered again from the stored parse results.
  const forced = await buildSite(site, { outDir: 'public-cached', cacheDir: '.cache/blatt', write: true, force: true });
  assert.equal(forced.stats.parsed, 0, 'nothing parsed');
  assert.equal(forced.stats.rendered, forced.stats.pages, 'every page rendered');
  assertSameTree(join(site.root, 'public-cached'), join(site.root, 'public-uncached'), 'every page rendered from the store');
});
