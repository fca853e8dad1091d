// A wrong store is worse than a slow build: after every kind of change, a build that reuses
// what the store holds must give exactly the bytes a cold build gives, whichever way it runs: a
// new session with the store (a later `blatt build`), one long dev session told by its watcher
// what changed, and a CI job (a fresh checkout: every source touched, no output folder, only the
// cache folder restored). Random sequences of edits, with fixed seeds.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { build, createBuildSession, type BuildSession } from '../../src/engine/session.js';
import type { BuildOptions, BuildResult } from '../../src/engine/options.js';
import { generateCorpus, NOW, tempSite, type TempSite } from '../helpers/site.js';
import { assertSameTree } from '../helpers/tree.js';

const BUILD_TIME = NOW + 3 * 365 * 86_400_000;
let site: TempSite;
let dev: BuildSession;
let seen: Map<string, string>;

const options = (out: string, cacheDir: string | null): BuildOptions => ({ contentDir: 'content', templatesDir: 'templates', outDir: out, cwd: site.root, now: BUILD_TIME, cacheDir, write: true });

/** Every file of the content and templates folders with its bytes. */
function sources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of [site.content, site.templates]) {
    for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
      const path = join(dir, rel);
      if (statSync(path).isFile()) files.set(path, readFileSync(path, 'latin1'));
    }
  }
  return files;
}

/** A pass of the dev session, told which files changed since its last one (as the dev server's watcher tells it). */
async function devBuild(): Promise<BuildResult> {
  const now = sources();
  const changed = [...new Set([...now.keys(), ...seen.keys()])].filter((p) => now.get(p) !== seen.get(p));
  seen = now;
  return dev.build({ changed });
}

/** A CI job: the sources as a fresh checkout has them (new times), no output folder, the cache folder of the last job. */
async function ciBuild(): Promise<BuildResult> {
  const later = new Date(Date.now() + 60_000);
  for (const path of sources().keys()) utimesSync(path, later, later);
  rmSync(join(site.root, 'public-ci'), { recursive: true, force: true });
  rmSync(join(site.root, '.public-ci.blatt'), { recursive: true, force: true });
  return build(options('public-ci', '.cache/ci'));
}

const ok = (r: BuildResult, label: string) => assert.notEqual(r.files, null, `${label}: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))}`);

/** After a change: the three ways of building from the store, then a cold build, compared. */
async function check(label: string): Promise<{ warm: BuildResult; dev: BuildResult; ci: BuildResult }> {
  const warm = await build(options('public-warm', '.cache/warm'));
  ok(warm, `${label} (warm)`);
  const session = await devBuild();
  ok(session, `${label} (dev)`);
  const ci = await ciBuild();
  ok(ci, `${label} (ci)`);
  rmSync(join(site.root, 'public-cold'), { recursive: true, force: true });
  const cold = await build(options('public-cold', null));
  ok(cold, `${label} (cold)`);
  for (const out of ['public-warm', 'public-dev', 'public-ci']) assertSameTree(join(site.root, out), join(site.root, 'public-cold'), `${label} (${out})`);
  return { warm, dev: session, ci };
}

before(async () => {
  site = tempSite();
  generateCorpus(site.content, 40, 7);
  ok(await build(options('public-warm', '.cache/warm')), 'first warm build');
  ok(await build(options('public-ci', '.cache/ci')), 'first ci build');
  dev = createBuildSession(options('public-dev', '.cache/dev'));
  ok(await dev.build(), 'first dev build');
  seen = sources();
});

after(() => {
  dev.close();
  site.remove();
});

const articleFiles = () => readdirSync(site.content).filter((f) => f.endsWith('.md')).sort();
const edit = (file: string, change: (text: string) => string) => {
  const path = join(site.content, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};

test('nothing changed: no page is rendered or written, in any of the three ways', async () => {
  const { warm, dev: session, ci } = await check('nothing');
  assert.equal(warm.stats.upToDate, true);
  assert.equal(warm.stats.rendered, 0);
  assert.equal(session.stats.rendered, 0);
  assert.equal(ci.stats.rendered, 0, 'the CI job writes every page from the store, rendering none');
  assert.equal(ci.stats.parsed, 0, 'and parses none: the touched files have the bytes the store knows');
});

/** The edits an editor makes, each applied to the article at `at` (an index into the files, wrapping around). */
type Edit = { kind: 'add' | 'delete' | 'rename' | 'retitle' | 'redate' | 'draft' | 'embargo' | 'retag' | 'text' | 'summary' | 'template' | 'settings'; at: number; n: number };

/** The first article from `at` on that no other article links to or names as related (removing it is no mistake). */
function unreferenced(files: string[], at: number): string | null {
  const texts = new Map(files.map((f) => [f, readFileSync(join(site.content, f), 'utf8')]));
  for (let k = 0; k < files.length; k++) {
    const file = files[(at + k) % files.length] as string;
    const slug = file.replace(/\.md$/, '');
    if (![...texts].some(([other, t]) => other !== file && t.includes(slug))) return file;
  }
  return null;
}

function apply({ kind, at, n }: Edit): void {
  const files = articleFiles();
  const file = files[at % files.length] as string;
  switch (kind) {
    case 'add': {
      const added = `neu-${n}-${file}`;
      cpSync(join(site.content, file), join(site.content, added));
      return edit(added, (t) => t.replace(/^title: "?/m, `title: "Neu ${n}: `).replace(/^date: .*$/m, 'date: 2025-01-15T09:00:00+01:00'));
    }
    case 'delete': {
      const gone = files.length > 20 ? unreferenced(files, at) : null;
      if (gone) rmSync(join(site.content, gone));
      return;
    }
    case 'rename': {
      const moved = unreferenced(files, at);
      if (moved) renameSync(join(site.content, moved), join(site.content, `umbenannt-${n}-${moved}`));
      return;
    }
    case 'retitle':
      return edit(file, (t) => t.replace(/^title: "?/m, `title: "Runde ${n}: `));
    case 'redate':
      return edit(file, (t) => t.replace(/^date: .*$/m, `date: 2023-0${1 + (n % 9)}-1${n % 10}T08:00:00+01:00`));
    case 'draft':
      return edit(file, (t) => (/^draft: true$/m.test(t) ? t.replace(/^draft: true\n/m, '') : t.replace(/^title:/m, 'draft: true\ntitle:')));
    case 'embargo':
      return edit(file, (t) => t.replace(/^date: .*$/m, 'date: 2099-01-01T08:00:00+01:00'));
    case 'retag':
      return edit(file, (t) => t.replace(/^tags:.*\n(?:  - .*\n)*/m, `tags: ["Runde ${n % 3}", "Energie"]\n`));
    case 'text':
      return edit(file, (t) => `${t}\nDie Beratungen über Energie und Klima werden in Runde ${n} fortgesetzt.\n`);
    case 'summary':
      return edit(file, (t) => t.replace(/^summary: "?/m, `summary: "Runde ${n}: `));
    case 'template': {
      const path = join(site.templates, n % 2 ? 'article.hbs' : 'partials/teaser.hbs');
      return writeFileSync(path, `${readFileSync(path, 'utf8')}{{!-- Runde ${n} --}}\n`);
    }
    case 'settings': {
      const path = join(site.content, 'site.yml');
      return writeFileSync(path, `title: "Blatt ${n % 3}"\nper_page: ${3 + (n % 3)}\n`);
    }
  }
}

test('random sequences of edits: every build from the store gives the bytes of a cold build', async () => {
  const edits = fc.record({
    kind: fc.constantFrom<Edit['kind']>('add', 'delete', 'rename', 'retitle', 'redate', 'draft', 'embargo', 'retag', 'text', 'text', 'summary', 'template', 'settings'),
    at: fc.nat(1000),
    n: fc.nat(1000),
  });
  let step = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edits, { minLength: 2, maxLength: 4 }), async (sequence) => {
      for (const e of sequence) {
        apply(e);
        await check(`step ${++step}: ${e.kind} ${e.at} ${e.n}`);
      }
    }),
    { seed: 18, numRuns: 5, endOnFailure: true },
  );
  assert.ok(step >= 10);
});

test('an article title changed reaches the pages that name it, and only a few', async () => {
  const file = articleFiles()[3] as string;
  edit(file, (t) => t.replace(/^title: "?/m, 'title: "Geändert: '));
  const { warm } = await check('retitle');
  assert.ok(warm.stats.rendered > 0 && warm.stats.rendered < 40, `rendered ${warm.stats.rendered}`);
});

test('a template with a mistake fails every way, and the next good build recovers', async () => {
  const path = join(site.templates, 'article.hbs');
  const good = readFileSync(path, 'utf8');
  writeFileSync(path, good.replace('{{article.title}}', '{{article.titel}}'));
  const warm = await build(options('public-warm', '.cache/warm'));
  assert.equal(warm.files, null);
  assert.ok(warm.diagnostics.some((d) => d.rule === 'template/render'));
  writeFileSync(path, good);
  await check('template fixed');
  assert.ok(existsSync(join(site.root, 'public-warm/index.html')));
  mkdirSync(join(site.root, 'unused'), { recursive: true });
});
