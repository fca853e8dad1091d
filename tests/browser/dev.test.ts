// `blatt dev` end to end in real Chromium: an editor keeps an article open, edits its Markdown on
// disk and sees the page change by itself; breaks the front-matter and sees the overlay naming
// file and line over the last good page; fixes it and sees the page again; changes the stylesheet
// and sees it applied without a reload; renames the article and sees the old URL give 404.
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type DevHarness } from '../dev/dev-harness.js';
import { launchBrowser } from '../helpers/browser.js';
import { article } from '../helpers/site.js';

const FILE = 'content/2025/wahl.md';
const URL_PATH = '/2025/04/wahl/';
const text = (body: string) => article({ title: 'Wahl in Hamburg', tags: ['Politik'] }, body);

describe('blatt dev in the browser', () => {
  let h: DevHarness;
  let browser: Browser;
  let page: Page;

  /** Waits until the page's live-reload connection is open (the client marks <html>). */
  const connected = () => page.waitForSelector('html[data-blatt-live="on"]', { timeout: 10_000 });
  const bodyHas = (s: string) => page.waitForFunction(`document.body && document.body.innerText.includes(${JSON.stringify(s)})`, undefined, { timeout: 15_000 });

  before(async () => {
    h = await startHarness({
      '2025/wahl.md': text('Die Wahlbeteiligung meldete der Kiebitz.'),
      '2025/entwurf.md': article({ title: 'Ein Entwurf', draft: true }, 'Noch geheim.'),
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'de-DE' });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('shows the article, and an edit on disk without a manual reload', async () => {
    const response = await page.goto(new URL(URL_PATH, h.dev.url).href);
    assert.equal(response?.status(), 200);
    await connected();
    assert.match(await page.innerText('h1'), /Wahl in Hamburg/);
    h.site.write(FILE, text('Die Wahlbeteiligung meldete das Rotkehlchen.'));
    await bodyHas('Rotkehlchen');
    await connected();
  });

  it('shows an overlay naming file and line when the front-matter breaks, over the last good page', async () => {
    h.site.write(FILE, '---\ntitle: "Wahl in Hamburg"\ndate: 2025-04-31\ntags: ["Politik"]\n---\n\nDie Wahlbeteiligung meldete die Amsel.\n');
    const overlay = await page.waitForSelector('#blatt-dev-overlay', { timeout: 15_000 });
    const where = await overlay.$eval('.blatt-dev-where', (e) => (e as unknown as { textContent: string }).textContent);
    assert.match(where, /^content\/2025\/wahl\.md:3(:\d+)?$/);
    const message = await overlay.$eval('.blatt-dev-message', (e) => (e as unknown as { textContent: string }).textContent);
    assert.match(message, /2025-04-31/);
    assert.match(await page.innerText('main'), /Rotkehlchen/, 'the last good page stays');
  });

  it('removes the overlay and shows the page again once the file is fixed', async () => {
    h.site.write(FILE, text('Die Wahlbeteiligung meldete der Zaunkönig.'));
    await bodyHas('Zaunkönig');
    await page.waitForSelector('#blatt-dev-overlay', { state: 'detached', timeout: 15_000 });
    await connected();
  });

  it('swaps a changed stylesheet without reloading the page', async () => {
    await page.evaluate('window.__notReloaded = true');
    const css = h.site.read('templates/assets/style.css');
    h.site.write('templates/assets/style.css', `${css}\n.article h1 { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(`getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'`, undefined, { timeout: 15_000 });
    assert.equal(await page.evaluate('window.__notReloaded === true'), true, 'the page was not reloaded');
    await page.waitForFunction(`document.querySelectorAll('link[rel="stylesheet"]').length === 1`, undefined, { timeout: 5_000 });
  });

  it('shows a draft with its "Entwurf" banner', async () => {
    const draft = await browser.newPage();
    const response = await draft.goto(new URL('/2025/04/entwurf/', h.dev.url).href);
    assert.equal(response?.status(), 200);
    assert.match(await draft.innerText('.draft-banner'), /Entwurf/);
    await draft.close();
  });

  it('gives the old URL a 404 when the article is renamed', async () => {
    const reloaded = page.waitForResponse((r) => r.url() === new URL(URL_PATH, h.dev.url).href, { timeout: 15_000 });
    renameSync(join(h.site.root, FILE), join(h.site.root, 'content/2025/wahl-hamburg.md'));
    assert.equal((await reloaded).status(), 404);
    await bodyHas('Seite nicht gefunden');
    const moved = await page.goto(new URL('/2025/04/wahl-hamburg/', h.dev.url).href);
    assert.equal(moved?.status(), 200);
    assert.match(await page.innerText('main'), /Zaunkönig/);
  });
});
