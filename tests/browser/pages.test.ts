// Every kind of page of a built site, opened in real Chromium at phone and desktop width: axe-core
// (WCAG 2.2 AA and best practices) finds nothing, nothing scrolls sideways on a phone, and the
// pages have the landmarks, skip link and heading order readers and screen readers rely on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, serveFolder } from '../helpers/browser.js';
import type { TempSite } from '../helpers/site.js';
import { buildFixtureSite, FIXTURE_URLS } from './pages-fixture.js';

const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 },
} as const;
type ContextName = keyof typeof VIEWPORTS | 'dark';

let site: TempSite;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
const contexts: Partial<Record<ContextName, BrowserContext>> = {};

before(async () => {
  site = await buildFixtureSite();
  server = await serveFolder(site.out);
  browser = await launchBrowser();
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    contexts[name as keyof typeof VIEWPORTS] = await browser.newContext({ viewport, locale: 'de-DE', colorScheme: 'light' });
  }
  contexts.dark = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'de-DE', colorScheme: 'dark' });
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

async function open(viewport: ContextName, url: string): Promise<Page> {
  const context = contexts[viewport];
  assert.ok(context);
  const page = await context.newPage();
  const response = await page.goto(server.url + url, { waitUntil: 'load' });
  assert.equal(response?.status(), url === FIXTURE_URLS.notFound ? 404 : 200, `status of ${url}`);
  return page;
}

const widths = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
    return { scroll: w.document.scrollingElement.scrollWidth, inner: w.innerWidth };
  });

function assertNoSidewaysScrolling(url: string, width: { scroll: number; inner: number }) {
  assert.ok(width.scroll <= width.inner, `${url} is ${width.scroll}px wide in a ${width.inner}px window`);
}

const describeViolations = (violations: Awaited<ReturnType<typeof axeViolations>>) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.html}`).join('\n    ')}`).join('\n');

for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
  describe(`pages at ${viewport} width`, () => {
    for (const [kind, url] of Object.entries(FIXTURE_URLS)) {
      test(`${kind} page ${url}: no axe violations, no horizontal scrolling${viewport === 'phone' ? ' (also at 320px)' : ''}`, async () => {
        const page = await open(viewport, url);
        try {
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, `axe on ${url} at ${viewport} width:\n${describeViolations(violations)}`);
          assertNoSidewaysScrolling(url, await widths(page));
          if (viewport === 'phone') {
            // WCAG 1.4.10 (reflow) asks for 320 CSS pixels; check the smallest phones too.
            await page.setViewportSize({ width: 320, height: 640 });
            assertNoSidewaysScrolling(url, await widths(page));
          }
        } finally {
          await page.close();
        }
      });
    }
  });
}

describe('dark colours', () => {
  for (const kind of ['article', 'imageArticle', 'home2', 'topics', 'notFound'] as const) {
    test(`${kind} page in dark mode: no axe violations (contrast holds)`, async () => {
      const page = await open('dark', FIXTURE_URLS[kind]);
      try {
        const background = await page.evaluate(() => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { body: unknown } }).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).backgroundColor);
        assert.notEqual(background, 'rgb(255, 255, 255)', 'the dark colours are in effect');
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on ${FIXTURE_URLS[kind]} in dark mode:\n${describeViolations(violations)}`);
      } finally {
        await page.close();
      }
    });
  }
});

describe('page structure', () => {
  test('every page is German, has one h1, landmarks, a skip link to the main content and no skipped heading levels', async () => {
    for (const url of Object.values(FIXTURE_URLS)) {
      const page = await open('desktop', url);
      try {
        const facts = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: any }).document;
          const levels = [...d.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h: any) => Number(h.tagName[1]));
          const skip = d.querySelector('body > a.skip-link');
          return {
            lang: d.documentElement.lang,
            h1: d.querySelectorAll('h1').length,
            levels,
            banner: d.querySelectorAll('body > header').length,
            main: d.querySelectorAll('main').length,
            contentinfo: d.querySelectorAll('body > footer').length,
            skipTarget: skip ? skip.getAttribute('href') : null,
            mainId: d.querySelector('main')?.id ?? null,
            firstFocusable: d.querySelector('a, button, input')?.className ?? null,
          };
        });
        assert.equal(facts.lang, 'de', url);
        assert.equal(facts.h1, 1, `${url} has ${facts.h1} h1 elements`);
        assert.equal(facts.levels[0], 1, `${url}: the first heading is the h1`);
        for (let i = 1; i < facts.levels.length; i++) {
          assert.ok((facts.levels[i] as number) <= (facts.levels[i - 1] as number) + 1, `${url}: heading levels ${facts.levels.join(',')} skip a level`);
        }
        assert.deepEqual([facts.banner, facts.main, facts.contentinfo], [1, 1, 1], `${url}: one banner, main and contentinfo`);
        assert.equal(facts.skipTarget, `#${facts.mainId}`, `${url}: skip link points at main`);
        assert.equal(facts.firstFocusable, 'skip-link', `${url}: the skip link is the first thing to tab to`);
      } finally {
        await page.close();
      }
    }
  });

  test('the skip link becomes visible on focus and moves focus into the main content', async () => {
    const page = await open('phone', FIXTURE_URLS.article);
    try {
      await page.keyboard.press('Tab');
      const box = await page.locator('.skip-link').boundingBox();
      assert.ok(box && box.y >= 0 && box.height >= 24 && box.width >= 24, `skip link on screen when focused: ${JSON.stringify(box)}`);
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => (globalThis as unknown as { document: any }).document.activeElement?.id);
      assert.equal(focused, 'inhalt');
    } finally {
      await page.close();
    }
  });

  test('focused links show an outline', async () => {
    const page = await open('desktop', FIXTURE_URLS.article);
    try {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: any }).document.activeElement;
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(el);
        return { tag: el.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.equal(outline.tag, 'A');
      assert.notEqual(outline.style, 'none');
      assert.ok(outline.width >= 2, `outline ${outline.width}px`);
    } finally {
      await page.close();
    }
  });

  test('links in navigation, tags and pagination are at least 24 by 24 pixels on a phone', async () => {
    for (const url of [FIXTURE_URLS.article, FIXTURE_URLS.home2]) {
      const page = await open('phone', url);
      try {
        const small = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: any }).document;
          return [...d.querySelectorAll('.site-header a, .article__tags a, .pagination a, .breadcrumbs a, .site-footer a')]
            .map((a: any) => ({ text: a.textContent.trim(), rect: a.getBoundingClientRect() }))
            .filter(({ rect }: any) => rect.width < 24 || rect.height < 24)
            .map(({ text, rect }: any) => `${text} ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        });
        assert.deepEqual(small, [], `${url}: targets smaller than 24px`);
      } finally {
        await page.close();
      }
    }
  });

  test('the article shows its picture with caption and credit, and the quotes with their speakers', async () => {
    const page = await open('phone', FIXTURE_URLS.imageArticle);
    try {
      const image = await page.evaluate(() => {
        const img = (globalThis as unknown as { document: any }).document.querySelector('.article__image img');
        return { loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width, alt: img.alt };
      });
      assert.equal(image.loaded, true);
      assert.ok(image.width <= 375 && image.width > 300, `picture fits the phone: ${image.width}px`);
      assert.match(image.alt, /Containerbrücken/);
      assert.match(await page.locator('.article__image figcaption').innerText(), /Waltershofer Hafen.*Foto: Blatt\/Archiv/s);
    } finally {
      await page.close();
    }
    const seed = await open('phone', FIXTURE_URLS.article);
    try {
      const speakers = await seed.locator('figure.quote cite').allInnerTexts();
      assert.deepEqual(speakers, ['Wladimir Putin', 'Wladimir Putin', 'Wang Yi']);
      assert.equal(await seed.locator('aside.related a').innerText(), 'Experte: Russland und China setzen sich gemeinsam gegen Sanktionen ein');
    } finally {
      await seed.close();
    }
  });
});
