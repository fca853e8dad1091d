// A build in a new process that finds only a few articles' contents changed revises them from the
// last full build's snapshot, without the site model (build-quick.ts). It must write exactly what
// a cold build writes: the same bytes, and the same fingerprints in the manifest. Whatever it
// cannot revise alone goes through the whole pipeline, and so does anything it cannot trust.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { generateCorpus, tempSite, writingBuild, type TempSite } from '../helpers/site.js';
import { assertSameManifest, assertSameTree, readTree } from '../helpers/tree.js';

let site: TempSite;
const options = (out: string, cacheDir: string | null): BuildOptions => writingBuild(site, out, cacheDir);
const CACHE = '.cache/blatt';
const SNAPSHOT = () => join(site.root, CACHE, 'site-snapshot.v1');
const quick = (result: BuildResult) => 'quick rebuild' in result.stats.timings;

before(async () => {
  site = tempSite();
  generateCorpus(site.content, 40, 5);
  const first = await build(options('public', CACHE));
  assert.notEqual(first.files, null, JSON.stringify(first.diagnostics.slice(0, 3)));
});
after(() => site.remove());

/** Applies `change`, builds with the cache, and checks the output against a cold build. */
async function check(label: string, change: () => void): Promise<BuildResult> {
  change();
  const warm = await build(options('public', CACHE));
  assert.notEqual(warm.files, null, `${label}: ${JSON.stringify(warm.diagnostics.slice(0, 3))}`);
  rmSync(join(site.root, 'public-cold'), { recursive: true, force: true });
  const cold = await build(options('public-cold', null));
  assert.notEqual(cold.files, null);
  assertSameTree(join(site.root, 'public'), join(site.root, 'public-cold'), label);
  assertSameManifest(join(site.root, 'public'), join(site.root, 'public-cold'), label);
  return warm;
}

/** The content files, newest article first (as the site lists them). */
let newestFirst: string[] = [];
before(async () => {
  await build({ ...options('unused', null), write: false, onModel: (m) => (newestFirst = m.articles.map((a) => a.relPath)) });
});
const edit = (relPath: string, replace: (text: string) => string) => {
  const path = join(site.content, relPath);
  writeFileSync(path, replace(readFileSync(path, 'utf8')));
};
const newSummary = (text: string, prefix: string) => {
  const changed = text.replace(/^summary: "/m, `summary: "${prefix}`);
  assert.notEqual(changed, text, 'the article has a summary');
  return changed;
};

test('a new summary of an old article: its page and the lists that show its teaser, nothing else', async () => {
  const relPath = newestFirst.at(-1) as string;
  const warm = await check('summary', () => edit(relPath, (t) => newSummary(t, 'Neu: ')));
  assert.ok(quick(warm), 'revised without the site model');
  assert.equal(warm.stats.parsed, 1);
  // Its page, and its home, topic, author, section and month pages, and the feeds of its (up to four) topics that still carry it; no site feed has it, no sitemap shows summaries.
  assert.ok(warm.stats.rendered >= 3 && warm.stats.rendered <= 5 + 4 * 4, `rendered ${warm.stats.rendered}`);
});

test('a new summary of the newest article: the feeds that carry it too, from the text the snapshot kept', async () => {
  const warm = await check('summary of the newest', () => edit(newestFirst[0] as string, (t) => newSummary(t, 'Eilmeldung: ')));
  assert.ok(quick(warm));
  assert.ok(warm.stats.rendered >= 1 + 3 + 3, `its page, the lists and at least the site's three feeds (rendered ${warm.stats.rendered})`);
});

test('a picture, and a change of emphasis that keeps every word, in two articles at once', async () => {
  const [a, b] = [newestFirst[1] as string, newestFirst[5] as string];
  const warm = await check('picture and emphasis', () => {
    edit(a, (t) => t.replace(/^summary: /m, 'image:\n  src: "/bilder/neu.jpg"\n  alt: "Ein neues Bild"\nsummary: '));
    edit(b, (t) => t.replace(/\n---\n\n(\S+) /, '\n---\n\n**$1** '));
  });
  assert.ok(quick(warm));
  assert.equal(warm.stats.parsed, 2);
});

test('an article that links to others in its text: the links on its page lead where the full build leads them', async () => {
  const [relPath, target] = [newestFirst[8] as string, newestFirst[9] as string];
  assert.ok(!quick(await check('a link', () => edit(relPath, (t) => t.replace(/\n---\n\n/, `\n---\n\nSiehe [den Bericht](${target}).\n\n`)))), 'a new link: the whole pipeline');
  const warm = await check('summary of an article with a link', () => edit(relPath, (t) => newSummary(t, 'Verlinkt: ')));
  assert.ok(quick(warm));
  const linked = [...readTree(join(site.root, 'public')).values()].filter((html) => html.includes('Siehe <a href="/'));
  assert.equal(linked.length, 1, 'its page shows the link, resolved to the other article\'s URL');
});

test('edits that the rest of the site depends on go through the whole pipeline', async () => {
  const relPath = newestFirst[3] as string;
  for (const [label, change] of [
    ['title', (t: string) => t.replace(/^title: "/m, 'title: "Neu: ')],
    ['words', (t: string) => t.replace(/\n---\n\n/, '\n---\n\nEin neuer erster Satz.\n\n')],
    ['topics', (t: string) => t.replace(/^tags:\n/m, 'tags:\n  - "Neues Thema"\n')],
    ['date', (t: string) => t.replace(/^date: (\d{4})/m, (_m, year: string) => `date: ${Number(year) - 1}`)],
  ] as const) {
    const warm = await check(label, () => edit(relPath, change));
    assert.ok(!quick(warm), `${label}: the whole pipeline`);
  }
});

test('a record the snapshot copied from an earlier one is the one the site has now', async () => {
  const relPath = newestFirst[2] as string;
  const original = readFileSync(join(site.content, relPath), 'utf8');
  // Quick: a new summary. Then a full build (another article's title) with the old summary back,
  // whose snapshot must not copy the record of the new one. Then quick again, for an article
  // listed next to it: the home page shows both teasers, the other one's from the snapshot.
  assert.ok(quick(await check('summary', () => edit(relPath, (t) => newSummary(t, 'Zwischenstand: ')))));
  const full = await check('summary back, another title', () => {
    writeFileSync(join(site.content, relPath), original);
    edit(newestFirst[7] as string, (t) => t.replace(/^title: "/m, 'title: "Anders: '));
  });
  assert.ok(!quick(full));
  assert.ok(quick(await check('the next article', () => edit(newestFirst[1] as string, (t) => newSummary(t, 'Nachbar: ')))));
});

test('a snapshot that does not belong to the output, or cannot be read, is not used', async () => {
  const relPath = newestFirst[4] as string;
  // Another build wrote the output (without the cache): the snapshot describes an older one.
  edit(relPath, (t) => newSummary(t, 'Ohne Cache: '));
  assert.notEqual((await build(options('public', null))).files, null);
  assert.ok(!quick(await check('output of another build', () => edit(relPath, (t) => newSummary(t, 'Danach: ')))));
  for (const [label, damage] of [
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.byteLength - 100)],
    ['a record overwritten', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 3000), Buffer.from('{"kaputt":'), bytes.subarray(3010)])],
    ['empty', () => Buffer.alloc(0)],
  ] as const) {
    writeFileSync(SNAPSHOT(), damage(readFileSync(SNAPSHOT())));
    const warm = await check(label, () => edit(relPath, (t) => newSummary(t, 'x')));
    assert.ok(!quick(warm), `${label}: the whole pipeline`);
  }
  assert.ok(quick(await check('after a full build', () => edit(relPath, (t) => newSummary(t, 'y')))), 'the full build left a new snapshot');
});

test('an article the last build warned about is left to the whole pipeline, which reports it again', async () => {
  const relPath = newestFirst[6] as string;
  // A "Mehr zum Thema" line that names no article: a warning with a line number, which an edit above it may move.
  const warned = await check('a warning', () => edit(relPath, (t) => `${t.trimEnd()}\n\nMehr zum Thema – Eine Meldung, die es nicht gibt\n`));
  assert.ok(warned.diagnostics.some((d) => d.rule === 'related/unmatched-title' && d.file.endsWith(relPath)), 'the line gives a warning');
  const warm = await check('summary of an article with a warning', () => edit(relPath, (t) => newSummary(t, 'Mit Warnung: ')));
  assert.ok(!quick(warm));
  assert.ok(warm.diagnostics.some((d) => d.rule === 'related/unmatched-title' && d.file.endsWith(relPath)), 'the warning is reported again');
});
