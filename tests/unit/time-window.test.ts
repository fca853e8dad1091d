import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputKey, recordSettings } from '../../src/build-record.js';
import { isWithin, NEWS_MAX_AGE_MS, outputTimeWindow } from '../../src/site/time-window.js';
import type { ParsedArticle, SiteSources } from '../../src/types.js';

const at = (epochMs: number, draft = false) => ({ draft, date: { epochMs } }) as ParsedArticle;

test('the window runs from the last moment an article changed state to the next one', () => {
  const w = outputTimeWindow([at(100), at(1_000), at(5_000_000_000)], 2_000);
  assert.deepEqual(w, { from: 1_000, until: 100 + NEWS_MAX_AGE_MS + 1 });
  assert.ok(isWithin(w, 1_000) && isWithin(w, 100 + NEWS_MAX_AGE_MS) && !isWithin(w, 999) && !isWithin(w, 100 + NEWS_MAX_AGE_MS + 1));
});

test('an embargoed article ends the window when it is published; drafts never do', () => {
  const now = 10 * NEWS_MAX_AGE_MS;
  assert.deepEqual(outputTimeWindow([at(0), at(now + 5), at(now + 1, true)], now), { from: NEWS_MAX_AGE_MS + 1, until: now + 5 });
});

test('with nothing published the build time itself dates the feed: only that very time is the same build', () => {
  assert.deepEqual(outputTimeWindow([at(500, true), at(9_000)], 1_000), { from: 1_000, until: 1_001 });
});

test('the input key changes with the code, the folders, the options, every template, asset and article', () => {
  const sources: SiteSources = {
    config: { path: 'content/site.yml', relPath: 'site.yml', text: 'title: "A"\n' },
    articles: [],
    unread: [],
    stamps: new Map([['content/a.md', { stat: '1:2:3:4', hash: 'h1' }]]),
    templates: [{ path: 'templates/base.hbs', relPath: 'base.hbs', text: '<html>' }],
    assets: [{ path: 'templates/assets/s.css', relPath: 'assets/s.css', bytes: new Uint8Array([1, 2]) }],
    diagnostics: [],
  };
  const options = { cwd: '/site', contentDir: 'content', templatesDir: 'templates' };
  const key = inputKey(sources, recordSettings(options, 'v1'));
  const variants = [
    inputKey(sources, recordSettings(options, 'v2')),
    inputKey(sources, recordSettings({ ...options, cwd: '/other' }, 'v1')),
    inputKey(sources, recordSettings({ ...options, includeDrafts: true }, 'v1')),
    inputKey(sources, recordSettings({ ...options, baseUrl: 'https://x.example/' }, 'v1')),
    inputKey({ ...sources, config: null }, recordSettings(options, 'v1')),
    inputKey({ ...sources, templates: [{ path: 'templates/base.hbs', relPath: 'base.hbs', text: '<html lang>' }] }, recordSettings(options, 'v1')),
    inputKey({ ...sources, assets: [{ path: 'templates/assets/s.css', relPath: 'assets/s.css', bytes: new Uint8Array([1, 3]) }] }, recordSettings(options, 'v1')),
    inputKey({ ...sources, stamps: new Map([['content/a.md', { stat: '1:2:3:4', hash: 'h2' }]]) }, recordSettings(options, 'v1')),
    inputKey({ ...sources, stamps: new Map([['content/b.md', { stat: '1:2:3:4', hash: 'h1' }]]) }, recordSettings(options, 'v1')),
  ];
  assert.equal(new Set([key, ...variants]).size, variants.length + 1);
  // Only the content counts, not the file times: touching a file changes nothing.
  assert.equal(inputKey({ ...sources, stamps: new Map([['content/a.md', { stat: '9:9:9:9', hash: 'h1' }]]) }, recordSettings(options, 'v1')), key);
});
