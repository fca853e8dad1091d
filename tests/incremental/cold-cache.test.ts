// A cold build of a site large enough for the parse workers writes each body into its new cache
// file while parsing (io/cache.ts: beginBaseCache) and renders the pages from there. Its output
// must be the bytes a build without a cache gives, and so must a build from that cache alone.
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
  assert.deepEqual(readdirSync(join(site.root, '.cache/blatt')).filter((name) => name.startsWith('build-cache')), ['build-cache.v11'], 'the draft became the cache file');
  const uncached = await build('public-uncached', null);
  assert.notEqual(uncached.files, null);
  assertSameTree(join(site.root, 'public-cached'), join(site.root, 'public-uncached'), 'cold build with and without a cache');

  // Every page again, with every body read from the cache file.
  rmSync(join(site.root, 'public-cached'), { recursive: true, force: true });
  const fromCache = await build('public-cached', '.cache/blatt');
  assert.notEqual(fromCache.files, null);
  assert.equal(fromCache.stats.parsed, 0, 'nothing parsed');
  assert.equal(fromCache.stats.rendered, fromCache.stats.pages, 'every page rendered');
  assertSameTree(join(site.root, 'public-cached'), join(site.root, 'public-uncached'), 'a build from the cache alone');
});
