// A wrong cache is worse than a slow build: after every kind of change, a warm build (cache and
// previous output in place, or a long-running dev session) must give exactly the bytes a cold
// build gives.
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build, createBuildSession, type BuildOptions, type BuildResult } from '../../src/build.js';
import { generateCorpus, tempSite, writingBuild, type TempSite } from '../helpers/site.js';
import { assertSameManifest, assertSameTree } from '../helpers/tree.js';

let site: TempSite;
const options = (out: string, cacheDir: string | null): BuildOptions => writingBuild(site, out, cacheDir);

const session = () => createBuildSession(options('public-session', null));
let devSession: ReturnType<typeof session>;

/** Every file of the content and templates folders with its bytes. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of [site.content, site.templates]) {
    for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
      const path = join(dir, rel);
      if (statSync(path).isFile()) files.set(path, readFileSync(path, 'latin1'));
    }
  }
  return files;
}
let seen: Map<string, string>;
let lastDev: BuildResult;

/** A rebuild of the dev session, told which files changed since its last one (as the dev server's watcher tells it). */
async function devBuild(): Promise<BuildResult> {
  const now = snapshot();
  const changed = [...new Set([...now.keys(), ...seen.keys()])].filter((p) => now.get(p) !== seen.get(p));
  seen = now;
  return (lastDev = await devSession.build({ changed }));
}
const editLocal = (result: BuildResult) => 'edit-local rebuild' in result.stats.timings;
const quick = (result: BuildResult) => 'quick rebuild' in result.stats.timings;

before(async () => {
  site = tempSite();
  generateCorpus(site.content, 40, 7);
  const warm = await build(options('public-warm', '.cache/blatt'));
  assert.equal(warm.files === null, false, JSON.stringify(warm.diagnostics.slice(0, 3)));
  devSession = session();
  await devSession.build();
  seen = snapshot();
});

after(() => site.remove());

async function check(change: string, apply: () => void) {
  apply();
  const warm = await build(options('public-warm', '.cache/blatt'));
  assert.notEqual(warm.files, null, `${change}: warm build failed: ${JSON.stringify(warm.diagnostics.slice(0, 3))}`);
  // As `blatt dev` does: the early preview of every article first, then the rebuild.
  await devSession.preview(articleFiles().map((f) => join(site.content, f)));
  const dev = await devBuild();
  assert.notEqual(dev.files, null, `${change}: session build failed`);
  rmSync(join(site.root, 'public-cold'), { recursive: true, force: true });
  const cold = await build(options('public-cold', null));
  assert.notEqual(cold.files, null, `${change}: cold build failed`);
  assertSameTree(join(site.root, 'public-warm'), join(site.root, 'public-cold'), change);
  assertSameManifest(join(site.root, 'public-warm'), join(site.root, 'public-cold'), change);
  assertSameTree(join(site.root, 'public-session'), join(site.root, 'public-cold'), `${change} (dev session)`);
  return warm;
}

const articleFiles = () => readdirSync(site.content).filter((f) => f.endsWith('.md')).sort();
const firstArticle = () => articleFiles()[0] as string;

/** An article no other article names (by slug, file or title), so removing it is no error. */
function unreferencedArticle(): string {
  const texts = new Map(articleFiles().map((f) => [f, readFileSync(join(site.content, f), 'utf8')]));
  for (const [file, text] of texts) {
    const slug = file.replace(/\.md$/, '');
    const title = /^title: "(.*)"$/m.exec(text)?.[1] ?? '\u0000';
    const named = [...texts].some(([other, t]) => other !== file && (t.includes(slug) || t.includes(title)));
    if (!named) return file;
  }
  throw new Error('every generated article is referenced by another one');
}

test('nothing changed: nothing is rendered or written', async () => {
  const warm = await check('nothing', () => {});
  assert.equal(warm.stats.rendered, 0);
  assert.equal(warm.written?.written, 0);
  assert.equal(warm.stats.parsed, 0);
});

test('the dev session knows which files are its articles (it rebuilds edits of those at once)', () => {
  assert.equal(devSession.hasArticle(join(site.content, firstArticle())), true);
  assert.equal(devSession.hasArticle(join(site.content, 'neu.md')), false, 'a file the last build did not have');
  assert.equal(devSession.hasArticle(join(site.templates, 'article.hbs')), false);
  assert.equal(devSession.hasArticle(join(site.root, 'content-alt', firstArticle())), false, 'outside the content folder');
});

test('an article edited', async () => {
  const warm = await check('article', () => {
    const path = join(site.content, firstArticle());
    writeFileSync(path, readFileSync(path, 'utf8').replace('summary: "', 'summary: "Neu: '));
  });
  assert.ok(quick(warm), 'a new summary is revised without the site model (build-quick.ts)');
  assert.equal(warm.stats.parsed, 1, 'only the edited article is parsed again');
  assert.ok(warm.stats.rendered < warm.stats.pages / 2, `only affected pages are rendered (${warm.stats.rendered} of ${warm.stats.pages})`);
});

test('an article edited in the dev session: its page is previewed before the rebuild, with the bytes the rebuild gives', async () => {
  const path = join(site.content, firstArticle());
  // A typographic edit keeps the words, so "Mehr zum Thema" of every article stays as it is.
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\.\n/, ' ...\n'));
  const early = await devSession.preview([path]);
  assert.equal(early.length, 1, 'the edited article’s page is previewed');
  const page = join(site.root, 'public-session', (early[0] as { path: string }).path);
  const previewed = readFileSync(page, 'utf8');
  assert.match(previewed, /…/);
  const dev = await devBuild();
  assert.ok(editLocal(dev), 'an edit of the text rebuilds without the whole pipeline');
  assert.equal(readFileSync(page, 'utf8'), previewed, 'the rebuild gives the same page');
  assert.ok(!dev.written?.changedPaths.includes((early[0] as { path: string }).path), 'the rebuild neither rewrites nor reloads it');
  assert.deepEqual(await devSession.preview([path]), [], 'an unchanged file previews nothing');
  await check('article (dev preview)', () => {});
});

test('a preview that runs while a rebuild is under way is not overwritten by that rebuild’s older read', async () => {
  const path = join(site.content, firstArticle());
  const text = readFileSync(path, 'utf8');
  const running = devSession.build(); // reads the sources, then lets events in (betweenStages)
  await new Promise((resolve) => setImmediate(resolve));
  writeFileSync(path, text.replace(/\.\n/, ' ...\n'));
  const early = await devSession.preview([path]);
  assert.equal(early.length, 1);
  const page = join(site.root, 'public-session', (early[0] as { path: string }).path);
  const previewed = readFileSync(page, 'utf8');
  const stale = await running;
  assert.notEqual(stale.files, null);
  assert.equal(readFileSync(page, 'utf8'), previewed, 'the running rebuild keeps the newer page');
  await check('article (previewed during a rebuild)', () => {});
  writeFileSync(path, text);
  await check('article (back)', () => {});
});

test('the dev preview leaves edits that move or regroup an article to the rebuild', async () => {
  const path = join(site.content, firstArticle());
  const text = readFileSync(path, 'utf8');
  for (const edit of [
    text.replace(/^title:/m, 'slug: "ganz-neu"\ntitle:'),
    text.replace(/^date: .*$/m, 'date: 2020-01-01T10:00:00Z'),
    text.replace(/^title:/m, 'tags: ["Neu"]\ntitle:').replace(/^tags:\n(  - .*\n)+/m, ''),
    text.replace(/^title:/m, 'draft: true\ntitle:'),
    text.replace(/^date:/m, 'date: 2025-13-45\nx:'),
  ]) {
    writeFileSync(path, edit);
    assert.deepEqual(await devSession.preview([path]), [], edit.slice(0, 300));
  }
  writeFileSync(path, text);
  await check('article (moved, then back)', () => {});
});

test('an article’s text edited: only its page and the feeds that carry it are rendered again', async () => {
  let newest: { relPath: string; tags: number } | null = null;
  await build({ ...options('public-warm', '.cache/blatt'), write: false, onModel: (m) => (newest = { relPath: m.articles[0]!.relPath, tags: m.articles[0]!.tagTerms.length }) });
  const { relPath, tags } = newest as unknown as { relPath: string; tags: number };
  const warm = await check('article text', () => {
    const path = join(site.content, relPath);
    // (Not at the end: the closing "Mehr zum Thema" line must stay the last one.)
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n---\n\n/, '\n---\n\nEin neuer erster Satz.\n\n'));
  });
  // Lists, sitemaps, the archive and the topic index show its teaser only, which is unchanged.
  assert.equal(warm.stats.rendered, 1 + 3 * (1 + tags), 'its page, and RSS, Atom and JSON Feed of the site and of each of its topics');
  assert.ok(editLocal(lastDev), 'the dev session rebuilt without the whole pipeline');
  assert.ok(lastDev.stats.rendered >= 1 + 3 * (1 + tags), 'and rendered at least those pages');
});

test('an edit that changes another article’s "Mehr zum Thema": the dev session rebuilds that page too, without the whole pipeline', async () => {
  // Article a takes on the text of article b, so b now finds a related (the editor's one link leaves it room for more).
  const [a, b] = [articleFiles()[1] as string, articleFiles()[2] as string];
  const firstParagraph = (f: string) => (readFileSync(join(site.content, f), 'utf8').split(/\n---\n\n/)[1] as string).split('\n\n')[0] as string;
  const before = readFileSync(join(site.content, a), 'utf8');
  const borrowed = `${firstParagraph(b)}\n\n`.repeat(3);
  await check('related', () => writeFileSync(join(site.content, a), before.replace(/\n---\n\n/, `\n---\n\n${borrowed}`)));
  assert.ok(editLocal(lastDev), 'rebuilt without the whole pipeline');
  const pages = lastDev.written?.changedPaths.filter((p) => p.endsWith('/index.html')) ?? [];
  assert.ok(pages.length >= 2, `a's page and another article's page changed: ${pages.join(', ')}`);
  await check('related (back)', () => writeFileSync(join(site.content, a), before));
  assert.ok(editLocal(lastDev));
});

test('edits the dev session cannot rebuild on their own go through the whole pipeline', async () => {
  const path = join(site.content, firstArticle());
  const text = readFileSync(path, 'utf8');
  await check('title (dev)', () => writeFileSync(path, text.replace(/^title: "/m, 'title: "Neu: ')));
  assert.ok(!editLocal(lastDev), 'a new title changes teasers');
  await check('template (dev)', () => appendFileSync(join(site.templates, 'article.hbs'), '\n<!-- dev -->\n'));
  assert.ok(!editLocal(lastDev), 'a template');
  writeFileSync(path, text);
  await check('title back (dev)', () => {});
});

test('an article title changed (it appears in other articles’ related lists)', async () => {
  await check('title', () => {
    const path = join(site.content, firstArticle());
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: "/m, 'title: "Eilmeldung: '));
  });
});

test('a page template changed', async () => {
  await check('template', () => appendFileSync(join(site.templates, 'article.hbs'), '\n<!-- geändert -->\n'));
});

test('a partial changed', async () => {
  await check('partial', () => {
    const path = join(site.templates, 'partials/footer.hbs');
    writeFileSync(path, readFileSync(path, 'utf8').replace('</footer>', '<p>Impressum</p></footer>'));
  });
});

test('the settings changed', async () => {
  await check('settings', () => writeFileSync(join(site.content, 'site.yml'), 'title: "Neues Blatt"\nper_page: 7\n'));
});

test('an asset changed', async () => {
  await check('asset', () => appendFileSync(join(site.templates, 'assets/style.css'), '\nbody { letter-spacing: 0.01em; }\n'));
});

test('an article deleted', async () => {
  await check('deletion', () => rmSync(join(site.content, unreferencedArticle())));
});

test('an article renamed', async () => {
  await check('rename', () => {
    const name = unreferencedArticle();
    renameSync(join(site.content, name), join(site.content, `umbenannt-${name}`));
  });
});

test('an article drafted', async () => {
  await check('draft', () => {
    const path = join(site.content, unreferencedArticle());
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title:/m, 'draft: true\ntitle:'));
  });
});

test('an article added', async () => {
  await check('addition', () => cpSync(join(site.content, firstArticle()), join(site.content, 'neu-hinzugefuegt.md')));
});
