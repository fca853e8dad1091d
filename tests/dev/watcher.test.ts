// How `blatt dev` reacts to the ways files really change on disk: bursts (a git checkout), atomic
// saves (write a temporary file, rename it over the article), editors' swap and backup files,
// deletions and renames, and files caught empty or half-written in the middle of a save.
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { article } from '../helpers/site.js';
import { quiet, startHarness, type DevHarness } from './dev-harness.js';

const URL_A = '/2025/04/meldung-a/';

describe('dev watcher', () => {
  let h: DevHarness;
  beforeEach(async () => {
    h = await startHarness({ '2025/meldung-a.md': article({ title: 'Meldung A' }, 'Erster Stand.') });
    assert.equal((await h.build(1)).ok, true);
  });
  afterEach(() => h.stop());

  it('rebuilds once for a burst of 50 new files', async () => {
    for (let i = 0; i < 50; i++) {
      h.site.write(`content/2025/burst/meldung-${i}.md`, article({ title: `Meldung ${i}` }, `Text ${i}.`));
    }
    await h.build(2);
    await quiet(h);
    assert.equal(h.builds.length, 2, `expected one rebuild, got ${h.builds.length - 1}`);
    assert.equal(h.builds[1]?.ok, true);
    for (const i of [0, 17, 49]) assert.equal((await h.get(`/2025/04/meldung-${i}/`)).status, 200);
  });

  it('picks up an atomic save (temporary file renamed over the article)', async () => {
    const target = join(h.site.content, '2025/meldung-a.md');
    const temp = join(h.site.content, '2025/meldung-a.md.tmp');
    writeFileSync(temp, article({ title: 'Meldung A' }, 'Zweiter Stand nach atomarem Speichern.'));
    renameSync(temp, target);
    await h.build(2);
    await quiet(h);
    assert.ok(h.builds.slice(1).every((b) => b.ok));
    assert.match((await h.get(URL_A)).text, /Zweiter Stand nach atomarem Speichern/);
  });

  it('picks up a save that deletes the file and creates it again', async () => {
    const target = join(h.site.content, '2025/meldung-a.md');
    rmSync(target);
    writeFileSync(target, article({ title: 'Meldung A' }, 'Dritter Stand.'));
    await h.build(2);
    await quiet(h);
    const page = await h.get(URL_A);
    assert.equal(page.status, 200);
    assert.match(page.text, /Dritter Stand/);
  });

  it('ignores editor swap, backup and hidden files', async () => {
    h.site.write('content/2025/.meldung-a.md.swp', 'binary swap');
    h.site.write('content/2025/meldung-a.md~', 'backup');
    h.site.write('content/2025/#meldung-a.md#', 'emacs autosave');
    h.site.write('content/2025/4913', 'vim probe');
    h.site.write('content/2025/.#meldung-a.md', 'emacs lock');
    h.site.write('templates/partials/.footer.hbs.swp', 'swap');
    await quiet(h, 800);
    assert.equal(h.builds.length, 1, 'no rebuild for temporary files');
    // The watcher still works: a real change after them rebuilds.
    h.site.write('content/2025/meldung-a.md', article({ title: 'Meldung A' }, 'Echter Stand.'));
    await h.build(2);
    assert.match((await h.get(URL_A)).text, /Echter Stand/);
  });

  it('removes the page of a deleted article: its old URL gives 404', async () => {
    h.site.write('content/2025/meldung-b.md', article({ title: 'Meldung B' }));
    await h.build(2);
    await quiet(h);
    assert.equal((await h.get('/2025/04/meldung-b/')).status, 200);
    const before = h.builds.length;
    rmSync(join(h.site.content, '2025/meldung-b.md'));
    await h.build(before + 1);
    await quiet(h);
    const gone = await h.get('/2025/04/meldung-b/');
    assert.equal(gone.status, 404);
    assert.match(gone.text, /Seite nicht gefunden/);
    assert.ok(h.builds.at(-1)?.changedPaths.includes('2025/04/meldung-b/index.html'));
  });

  it('moves a renamed article: old URL 404, new URL 200', async () => {
    renameSync(join(h.site.content, '2025/meldung-a.md'), join(h.site.content, '2025/meldung-neu.md'));
    await h.build(2);
    await quiet(h);
    assert.equal((await h.get(URL_A)).status, 404);
    assert.match((await h.get('/2025/04/meldung-neu/')).text, /Erster Stand/);
  });

  it('waits for a file caught empty in the middle of a save instead of reporting it', async () => {
    const target = join(h.site.content, '2025/meldung-a.md');
    writeFileSync(target, '');
    await new Promise((resolve) => setTimeout(resolve, 60));
    writeFileSync(target, article({ title: 'Meldung A' }, 'Vollständig gespeichert.'));
    await h.build(2);
    await quiet(h);
    assert.deepEqual(h.builds.map((b) => b.ok), h.builds.map(() => true), 'no failed build for a save in progress');
    assert.match((await h.get(URL_A)).text, /Vollständig gespeichert/);
  });

  it('waits for front-matter that is not closed yet', async () => {
    const target = join(h.site.content, '2025/meldung-a.md');
    writeFileSync(target, '---\ntitle: "Meldung A"\nda');
    await new Promise((resolve) => setTimeout(resolve, 60));
    writeFileSync(target, article({ title: 'Meldung A' }, 'Nach dem Schließen.'));
    await h.build(2);
    await quiet(h);
    assert.ok(h.builds.every((b) => b.ok));
    assert.match((await h.get(URL_A)).text, /Nach dem Schließen/);
  });

  it('never publishes a file that stays empty: the last good page stays', async () => {
    writeFileSync(join(h.site.content, '2025/meldung-a.md'), '');
    await h.build(2);
    await quiet(h);
    const last = h.builds.at(-1);
    assert.equal(last?.ok, false);
    assert.ok(last?.diagnostics.some((d) => d.file === 'content/2025/meldung-a.md' && d.severity === 'error'));
    const page = await h.get(URL_A);
    assert.equal(page.status, 200);
    assert.match(page.text, /Erster Stand/);
  });

  it('re-renders pages when a partial changes', async () => {
    const footer = h.site.read('templates/partials/footer.hbs');
    h.site.write('templates/partials/footer.hbs', footer.replace('</footer>', '<p>Neue Fußzeile</p></footer>'));
    await h.build(2);
    await quiet(h);
    assert.match((await h.get(URL_A)).text, /Neue Fußzeile/);
    assert.match((await h.get('/')).text, /Neue Fußzeile/);
  });
});
