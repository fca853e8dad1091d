// Choosing "Mehr zum Thema" again only for the articles that look at an edited one (updateRelated,
// used by the dev server after an edit that changes an article's term counts but not its stems)
// gives exactly what choosing for the whole site gives, on a generated corpus.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { zonedDate } from '../../src/content/dates.js';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { parseArticleFile } from '../../src/content/parse-article.js';
import { collect } from '../../src/site/collect.js';
import type { Article, SiteModel } from '../../src/site/model.js';
import { hypot } from '../../src/site/related-index.js';
import { chooseAllRelated, updateRelated } from '../../src/site/related.js';
import type { ParsedArticle } from '../../src/types.js';
import { SHARED, tempSite } from '../helpers/site.js';

const termsOf = (a: Article) => a.terms as NonNullable<Article['terms']>;
const automatic = (model: SiteModel) => model.articles.map((a) => a.relatedLinks.filter((l) => l.source === 'automatic').map((l) => l.article?.slug));

function corpus(): ParsedArticle[] {
  const site = tempSite();
  try {
    execFileSync(process.execPath, [join(SHARED, 'bench/gen-corpus.mjs'), site.content, '300', '--seed', '11'], { stdio: 'ignore' });
    const render = createMarkdownRenderer();
    return readdirSync(site.content)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => parseArticleFile({ path: `content/${f}`, relPath: f, bytes: readFileSync(join(site.content, f)) }, 'Europe/Berlin', render).article as ParsedArticle);
  } finally {
    site.remove();
  }
}

/** A small deterministic generator (tests must not depend on Math.random). */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

test('new term counts of an article: choosing again where it is looked at equals choosing for the whole site', () => {
  const parsed = corpus();
  const now = zonedDate(Date.parse('2030-01-01T00:00:00Z'), 'Europe/Berlin');
  const { model } = collect(parsed, DEFAULT_CONFIG, { includeDrafts: true, now });
  for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
  let { memo, index } = chooseAllRelated(model, termsOf);
  const next = random(5);
  let changedSomewhere = 0;
  for (let trial = 0; trial < 40; trial++) {
    const i = Math.floor(next() * model.articles.length);
    const article = model.articles[i] as Article;
    const terms = termsOf(article);
    const counts = terms.counts.map((c) => (next() < 0.3 ? c + 1 + Math.floor(next() * 4) : c));
    article.terms = { stems: terms.stems, counts, key: `trial ${trial}` };
    const updated = updateRelated(model, index, memo, [i], termsOf);
    assert.ok(updated, 'the same stems are an update');
    const incremental = automatic(model);
    changedSomewhere += updated.changed.length;
    // The reference: every article chooses anew from an index built anew.
    for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
    const whole = chooseAllRelated(model, termsOf);
    assert.deepEqual(updated.memo.choices, whole.memo.choices, `trial ${trial}: the choices`);
    assert.deepEqual(incremental, automatic(model), `trial ${trial}: the links`);
    assert.equal(updated.memo.signature, whole.memo.signature);
    ({ memo, index } = whole);
  }
  assert.ok(changedSomewhere > 0, 'some edits changed other articles’ choices');
});

test('an article with other stems cannot be updated in place', () => {
  const parsed = corpus().slice(0, 60);
  const now = zonedDate(Date.parse('2030-01-01T00:00:00Z'), 'Europe/Berlin');
  const { model } = collect(parsed, DEFAULT_CONFIG, { includeDrafts: true, now });
  for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
  const { memo, index } = chooseAllRelated(model, termsOf);
  const article = model.articles[0] as Article;
  const terms = termsOf(article);
  article.terms = { stems: [...terms.stems.slice(1), 'zzzneu'], counts: terms.counts, key: 'other stems' };
  assert.equal(updateRelated(model, index, memo, [0], termsOf), null);
});

test('the norm of a term vector is Math.hypot’s to the last bit (every score and choice depends on it)', () => {
  const next = random(9);
  const cases = [new Float64Array(0), new Float64Array([0, 0]), new Float64Array([3]), new Float64Array([1e-300, 1e-300])];
  for (let t = 0; t < 20_000; t++) {
    cases.push(Float64Array.from({ length: 1 + Math.floor(next() * 40) }, () => (1 + Math.log(1 + Math.floor(next() * 20))) * Math.log(1 + 10_000 / (1 + Math.floor(next() * 3000)))));
  }
  for (const values of cases) assert.equal(Object.is(hypot(values), Math.hypot(...values)), true, `${[...values]}`);
});
