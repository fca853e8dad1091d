// Choosing "Mehr zum Thema" again only where an edit can change it (updateRelated, used by the dev
// server after an edit of an article's text) gives exactly what choosing for the whole site gives,
// on a generated corpus: for new counts of the same stems, and for stems added and dropped.
import assert from 'node:assert/strict';
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
import { generateCorpus, tempSite } from '../helpers/site.js';

const termsOf = (a: Article) => a.terms as NonNullable<Article['terms']>;
const automatic = (model: SiteModel) => model.articles.map((a) => a.relatedLinks.filter((l) => l.source === 'automatic').map((l) => l.article?.slug));

function corpus(): ParsedArticle[] {
  const site = tempSite();
  try {
    generateCorpus(site.content, 300, 11);
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
  const next = random(6);
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

/** `article`'s terms with some stems dropped and others added (new ones, or other articles' ones), stems sorted as articleTerms sorts them. */
function otherStems(article: Article, donor: Article, next: () => number, trial: number): Article['terms'] {
  const terms = termsOf(article);
  const entries = terms.stems.map((stem, k) => [stem, terms.counts[k] as number] as [string, number]);
  for (let drop = 1 + Math.floor(next() * 3); drop > 0 && entries.length > 1; drop--) entries.splice(Math.floor(next() * entries.length), 1);
  const have = new Set(entries.map(([stem]) => stem));
  const candidates = [...termsOf(donor).stems.filter((stem) => !have.has(stem)), `zzneu${trial}`];
  for (let add = 1 + Math.floor(next() * 3); add > 0 && candidates.length > 0; add--) {
    const [stem] = candidates.splice(Math.floor(next() * candidates.length), 1) as [string];
    entries.push([stem, 1 + Math.floor(next() * 4)]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return { stems: entries.map(([stem]) => stem), counts: entries.map(([, count]) => count), key: `trial ${trial}` };
}

test('added and dropped stems: choosing again where the edit reaches equals choosing for the whole site', () => {
  const parsed = corpus();
  const now = zonedDate(Date.parse('2030-01-01T00:00:00Z'), 'Europe/Berlin');
  // Ten links per article: more choices that an edit can change.
  const { model } = collect(parsed, { ...DEFAULT_CONFIG, relatedCount: 10 }, { includeDrafts: true, now });
  for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
  let { memo, index } = chooseAllRelated(model, termsOf);
  const next = random(17);
  let updatedInPlace = 0;
  let changedSomewhere = 0;
  for (let trial = 0; trial < 60; trial++) {
    const i = Math.floor(next() * model.articles.length);
    const article = model.articles[i] as Article;
    article.terms = otherStems(article, model.articles[Math.floor(next() * model.articles.length)] as Article, next, trial);
    const updated = updateRelated(model, index, memo, [i], termsOf);
    const incremental = automatic(model);
    for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
    const whole = chooseAllRelated(model, termsOf);
    if (updated) {
      updatedInPlace++;
      changedSomewhere += updated.changed.length;
      assert.deepEqual(updated.memo.choices, whole.memo.choices, `trial ${trial}: the choices`);
      assert.deepEqual(incremental, automatic(model), `trial ${trial}: the links`);
      assert.equal(updated.memo.signature, whole.memo.signature);
      // The updated index goes on to the next trial, so updates build on updates.
      memo = whole.memo;
    } else ({ memo, index } = whole);
  }
  assert.ok(updatedInPlace >= 40, `most edits are updates in place (${updatedInPlace} of 60)`);
  assert.ok(changedSomewhere > 0, 'some edits changed other articles’ choices');
});

test('an edit that makes a term common, or stop being common, chooses for the whole site', () => {
  const parsed = corpus().slice(0, 100);
  const now = zonedDate(Date.parse('2030-01-01T00:00:00Z'), 'Europe/Berlin');
  const { model } = collect(parsed, DEFAULT_CONFIG, { includeDrafts: true, now });
  for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
  const withStem = (a: Article, stem: string) => {
    const terms = termsOf(a);
    const at = terms.stems.findIndex((s) => s > stem);
    const k = at < 0 ? terms.stems.length : at;
    a.terms = { stems: [...terms.stems.slice(0, k), stem, ...terms.stems.slice(k)], counts: [...terms.counts.slice(0, k), 2, ...terms.counts.slice(k)], key: `${terms.key} ${stem}` };
  };
  // In 20 of 100 articles: at the limit (more than a fifth is common).
  for (const a of model.articles.slice(0, 20)) withStem(a, 'zzgemein');
  const { memo, index } = chooseAllRelated(model, termsOf);
  withStem(model.articles[50] as Article, 'zzgemein');
  assert.equal(updateRelated(model, index, memo, [50], termsOf), null);
});

test('an article joining a term moves a neighbour out of another article’s window: that article chooses again', () => {
  // 200 articles without topics or section. The even ones from 100 to 166 share one term "t"
  // (34 postings, longer than a window of 32); every other article has only a term of its own.
  // Article 140 (position 20 in t's list) looks at positions 2–33, all scoring the same, and
  // chooses the lowest index: 104 (position 2). Article 119 joins t with a weak weight (it has
  // many other terms), at position 10: 140's window moves to 106–166, so 140 must choose 106,
  // although 119 itself is no candidate worth choosing.
  const n = 200;
  const articles = Array.from({ length: n }, (_, i) => ({
    slug: `a${i}`,
    title: `Meldung ${i}`,
    url: `/a${i}/`,
    date: { epochMs: 1e12 - i * 60_000 },
    tagTerms: [],
    sectionTerm: null,
    relatedLinks: [],
    relatedExclude: [],
  })) as unknown as Article[];
  const shares = (i: number) => i >= 100 && i <= 166 && i % 2 === 0;
  const terms = new Map<Article, NonNullable<Article['terms']>>(articles.map((a, i) => [a, shares(i) ? { stems: ['t'], counts: [1], key: `t${i}` } : { stems: [`u${i}`], counts: [1], key: `u${i}` }]));
  const termsOfFake = (a: Article) => terms.get(a) as NonNullable<Article['terms']>;
  const model = { config: { relatedCount: 1 }, articles, bySlug: new Map(articles.map((a) => [a.slug, a])) } as unknown as SiteModel;
  const { memo, index } = chooseAllRelated(model, termsOfFake);
  assert.deepEqual(memo.choices[140], ['a104']);
  const joining = articles[119] as Article;
  terms.set(joining, { stems: ['t', ...Array.from({ length: 12 }, (_, k) => `x${k}`)], counts: [1, ...Array<number>(12).fill(5)], key: 'joined' });
  const updated = updateRelated(model, index, memo, [119], termsOfFake);
  assert.ok(updated, 'an update in place');
  assert.deepEqual(updated.memo.choices[140], ['a106'], 'the window moved');
  for (const a of articles) a.relatedLinks = [];
  assert.deepEqual(updated.memo.choices, chooseAllRelated(model, termsOfFake).memo.choices);
});

test('the norm of a term vector is Math.hypot’s to the last bit (every score and choice depends on it)', () => {
  const next = random(9);
  const cases = [new Float64Array(0), new Float64Array([0, 0]), new Float64Array([3]), new Float64Array([1e-300, 1e-300])];
  for (let t = 0; t < 20_000; t++) {
    cases.push(Float64Array.from({ length: 1 + Math.floor(next() * 40) }, () => (1 + Math.log(1 + Math.floor(next() * 20))) * Math.log(1 + 10_000 / (1 + Math.floor(next() * 3000)))));
  }
  for (const values of cases) assert.equal(Object.is(hypot(values), Math.hypot(...values)), true, `${[...values]}`);
});
