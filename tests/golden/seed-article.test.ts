// The seed article (content/2025/putin-wang-yi-kreml.md) built end to end from the real content/
// and templates/ folders, in memory.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { build } from '../../src/engine/session.js';
import type { BuildResult } from '../../src/engine/options.js';
import { fileOf, NOW, REPO } from '../helpers/site.js';

const PAGE = '2025/04/putin-lobt-zusammenarbeit/index.html';
let result: BuildResult;
let html: string;

before(async () => {
  result = await build({ contentDir: 'content', templatesDir: 'templates', outDir: 'public', cwd: REPO, now: NOW, cacheDir: null, write: false });
  assert.ok(result.files, result.diagnostics.map((d) => JSON.stringify(d)).join('\n'));
  html = fileOf(result, PAGE);
});

const figures = () => [...html.matchAll(/<figure class="quote">([\s\S]*?)<\/figure>/g)].map((m) => m[1] as string);

test('the article is at its clean URL /2025/04/putin-lobt-zusammenarbeit/', () => {
  assert.ok(result.files!.some((f) => f.path === PAGE));
  assert.match(fileOf(result, 'index.html'), /href="\/2025\/04\/putin-lobt-zusammenarbeit\/"/);
});

test('the page is German: lang="de", "1. April 2025" with its offset', () => {
  assert.match(html, /<html lang="de"/);
  assert.match(html, /1\.(\u00a0| )April 2025/);
  assert.match(html, /datetime="2025-04-01T00:00:00\+02:00"/);
});

test('three quote figures with their speakers: Putin twice, Wang Yi once', () => {
  const quotes = figures();
  assert.equal(quotes.length, 3);
  const speakers = quotes.map((q) => /<cite>([^<]*)<\/cite>/.exec(q)?.[1]);
  assert.deepEqual(speakers, ['Wladimir Putin', 'Wladimir Putin', 'Wang Yi']);
  for (const q of quotes) {
    assert.match(q, /<blockquote>/);
    assert.match(q, /<figcaption>/);
    assert.match(q, /<blockquote>\s*<p>„[^“”"]/, 'quote opens with „');
    assert.match(q, /“<\/p>\s*<\/blockquote>/, 'quote closes with “');
  }
  assert.match(quotes[0]!, /Präsident Russlands/);
  assert.match(quotes[2]!, /Außenminister Chinas/);
});

test('the "Mehr zum Thema" aside lists the expert article and the line is gone from the body', () => {
  const aside = /<aside[^>]*class="related"[\s\S]*?<\/aside>/.exec(html)?.[0];
  assert.ok(aside, 'no related aside');
  assert.match(aside, /<h2[^>]*>Mehr zum Thema<\/h2>/);
  assert.match(aside, /Experte: Russland und China setzen sich gemeinsam gegen Sanktionen ein/);
  const body = /<div class="article__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(body, /Mehr zum Thema/);
});

test('German typography: „…“ quotes, no English curly quotes in prose, protected space in "9. Mai"', () => {
  assert.match(html, /„gegenseitigem Vertrauen“/);
  assert.match(html, /9\.\u00a0Mai/);
  const body = /<div class="article__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(body, /[”"](?![^<]*>)/, 'an English or straight quote is left in the prose');
  assert.match(body, /Vereinten Nationen – dem UN-Sicherheitsrat –/);
});

test('the seed site builds without errors', () => {
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
});
