// The pure parts of `blatt dev`: which open pages reload or swap stylesheets after a build, what
// counts as a half-written file, and how the scheduler batches events and never overlaps builds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksIncomplete } from '../../src/dev/incomplete.js';
import { injectClient } from '../../src/dev/inject.js';
import { createPageTracker } from '../../src/dev/page-changes.js';
import { createScheduler } from '../../src/dev/scheduler.js';
import { quietTime } from '../../src/dev/start-dev.js';

const page = (css: string, body: string) => `<html><head><link rel="stylesheet" href="/assets/style.${css}.css"></head><body>${body}</body></html>`;

describe('page changes', () => {
  it('reloads changed and removed pages, and swaps a stylesheet whose hash alone changed', () => {
    const tracker = createPageTracker();
    const before: Record<string, string> = { 'a/index.html': page('0123456789', 'A'), 'b/index.html': page('0123456789', 'B'), 'c/index.html': page('0123456789', 'C') };
    tracker.reset(Object.keys(before), (p) => before[p] ?? null);
    const after: Record<string, string> = { 'a/index.html': page('abcdef0123', 'A2'), 'b/index.html': page('abcdef0123', 'B'), 'assets/style.abcdef0123.css': 'x' };
    const changes = tracker.update(['a/index.html', 'assets/style.0123456789.css', 'assets/style.abcdef0123.css', 'b/index.html', 'c/index.html'], (p) => after[p] ?? null);
    assert.deepEqual([...changes.pages].sort(), ['a/index.html', 'c/index.html']);
    assert.deepEqual([...changes.stylesheets], [['/assets/style.0123456789.css', '/assets/style.abcdef0123.css']]);
  });

  it('reports nothing for a build that changed nothing', () => {
    const tracker = createPageTracker();
    tracker.reset(['index.html'], () => page('0123456789', 'x'));
    const changes = tracker.update([], () => null);
    assert.equal(changes.pages.size, 0);
    assert.equal(changes.stylesheets.size, 0);
  });
});

describe('looksIncomplete', () => {
  it('recognizes empty files and unclosed front-matter', () => {
    assert.equal(looksIncomplete(''), true);
    assert.equal(looksIncomplete('  \n'), true);
    assert.equal(looksIncomplete('---\ntitle: "A"\nda'), true);
    assert.equal(looksIncomplete('\uFEFF---\r\ntitle: "A"\r\n'), true);
  });
  it('accepts closed front-matter and files without any', () => {
    assert.equal(looksIncomplete('---\ntitle: "A"\n---\n'), false);
    assert.equal(looksIncomplete('---\ntitle: "A"\n---'), false);
    assert.equal(looksIncomplete('---\r\ntitle: "A"\r\n---\r\nText'), false);
    assert.equal(looksIncomplete('Nur Text.'), false);
  });
});

describe('injectClient', () => {
  it('adds the script before the last </body>, or at the end', () => {
    assert.equal(injectClient('<body>x</body>'), '<body>x<script src="/__blatt/client.js" defer></script>\n</body>');
    assert.equal(injectClient('x'), 'x<script src="/__blatt/client.js" defer></script>');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition not reached within 10 s');
}

describe('scheduler', () => {
  it('batches a burst into one run and never runs two at once, queueing one more', async () => {
    const runs: string[][] = [];
    let active = 0;
    let maxActive = 0;
    let release: () => void = () => undefined;
    const scheduler = createScheduler(20, async (paths) => {
      runs.push(paths);
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    for (let i = 0; i < 50; i++) scheduler.notify(`f${i}`);
    await until(() => runs.length === 1);
    assert.equal(runs[0]?.length, 50);
    // Events during the run: one more run after it, with all of them.
    scheduler.notify('g1');
    scheduler.notify('g2');
    await new Promise((resolve) => setTimeout(resolve, 80));
    scheduler.notify('g3');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(runs.length, 1, 'still running the first build');
    release();
    await until(() => runs.length === 2);
    assert.deepEqual(runs[1], ['g1', 'g2', 'g3']);
    release();
    await scheduler.idle();
    assert.equal(runs.length, 2);
    assert.equal(maxActive, 1);
    scheduler.close();
  });

  it('waits less for edits of known articles than for anything else: the quiet time follows the paths waiting', async () => {
    const known = new Set(['/site/content/2025/a.md', '/site/content/b.md']);
    const quiet = quietTime(100, (path) => known.has(path));
    assert.equal(quiet(new Set(['/site/content/2025/a.md', '/site/content/b.md'])), 5);
    assert.equal(quiet(new Set(['/site/content/b.md', '/site/content/2025/neu.md'])), 100, 'a new article among them: the whole pipeline runs anyway');
    assert.equal(quiet(new Set(['/site/content/b.md', '/site/templates/article.hbs'])), 100, 'a template among them');
    assert.equal(quiet(new Set(['/site/content/site.yml'])), 100, 'settings');
    const started = performance.now();
    const ran: number[] = [];
    const scheduler = createScheduler((pending) => (pending.has('slow') ? 300 : 5), async () => void ran.push(performance.now() - started));
    scheduler.notify('quick');
    await scheduler.idle();
    scheduler.notify('slow');
    await scheduler.idle();
    assert.ok((ran[0] as number) < 250, `article edits start at once (${ran[0]} ms)`);
    assert.ok((ran[1] as number) - (ran[0] as number) >= 290, `others wait their quiet time (${ran[1]} ms)`);
    scheduler.close();
  });
});
