// Automatic "Mehr zum Thema": the German stemmer, per-article terms, and the choices the build
// makes (editor first, shared topics and text, exclusions, newer follow-ups, determinism).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { articleTerms } from '../../src/content/article-terms.js';
import { germanStem } from '../../src/content/german-stemmer.js';
import type { SiteModel } from '../../src/site/model.js';
import { relatedReport } from '../../src/site/related-report.js';
import { completeRelated } from '../../src/site/related.js';
import { buildRelatedIndex, candidateScores, MAX_POSTINGS, QUERY_TERMS } from '../../src/site/related-index.js';
import type { Article } from '../../src/site/model.js';
import { article, BIN, buildSite, tempSite } from '../helpers/site.js';

describe('German stemmer (Snowball)', () => {
  it('stems like the Snowball reference', () => {
    // Examples of the algorithm's description (stemmed through all steps) and words checked against
    // the generated reference port (snowball-stemmers), which agrees on every word of the corpus.
    const expected: Record<string, string> = {
      äckern: 'ack',
      ackers: 'ack',
      armes: 'arm',
      bedürfnissen: 'bedurfnis',
      derbsten: 'derb',
      aufeinanderfolgenden: 'aufeinanderfolg',
      kategorisch: 'kategor',
      häuser: 'haus',
      gasleitungen: 'gasleit',
      gasleitung: 'gasleit',
      flüchtlingen: 'fluchtling',
      russlands: 'russland',
      bundesregierung: 'bundesregier',
      außenministerien: 'aussenministeri',
      sanktionen: 'sanktion',
    };
    for (const [word, stem] of Object.entries(expected)) assert.equal(germanStem(word), stem, word);
  });
});

describe('article terms', () => {
  it('drops stop words and short words, stems, weights the title, sorts by stem', () => {
    const terms = articleTerms({ title: 'Gaspreise steigen', text: 'Die Gaspreise und der Gaspreis steigen, aber nicht für alle in der Stadt.' });
    assert.deepEqual(terms.stems, ['gaspreis', 'stadt', 'steig']);
    assert.deepEqual(terms.counts, [3 + 2, 1, 3 + 1]);
  });
});

const text = (topic: string) => `${topic} ${topic} Versorgung Leitungen Verbraucher Preise Winter`;

describe('automatic Mehr zum Thema', () => {
  const site = tempSite({
    'gas-alt.md': article({ title: 'Gaspreise steigen im Herbst', date: '2025-01-10', tags: ['Energie', 'Gaspreise'] }, text('Gaspreise Erdgas')),
    'gas-neu.md': article({ title: 'Gaspreise steigen weiter', date: '2025-03-10', tags: ['Energie', 'Gaspreise'] }, text('Gaspreise Erdgas')),
    'gas-mitte.md': article({ title: 'Erdgas wird knapp', date: '2025-02-10', tags: ['Energie'] }, text('Erdgas Gasspeicher')),
    'strom.md': article({ title: 'Strompreise sinken', date: '2025-02-20', tags: ['Energie', 'Strom'] }, text('Strompreise Netz')),
    'theater.md': article({ title: 'Premiere im Theater', date: '2025-03-01', tags: ['Kultur'] }, 'Ein Stück über Liebe und Musik auf der Bühne.'),
    'mit-editor.md': article({ title: 'Gasspeicher gefüllt', date: '2025-03-05', tags: ['Energie', 'Gaspreise'], related: ['theater'] }, text('Gaspreise Gasspeicher')),
    'ausgeschlossen.md': article({ title: 'Gaspreise im Vergleich', date: '2025-03-06', tags: ['Energie', 'Gaspreise'], related_exclude: ['gas-neu', 'gas-alt'] }, text('Gaspreise Erdgas')),
  });
  let model: SiteModel;
  before(async () => {
    const result = await buildSite(site, { onModel: (m) => (model = m) });
    assert.equal(result.files === null ? 'failed' : 'ok', 'ok', JSON.stringify(result.diagnostics));
  });
  after(() => site.remove());

  const related = (slug: string) => model.bySlug.get(slug)?.relatedLinks.map((l) => `${l.source}:${l.article?.slug ?? l.title}`);

  it('completes to three with the most related articles; an older article links to a newer follow-up', () => {
    const links = related('gas-alt') ?? [];
    assert.equal(links.length, 3);
    assert.equal(links[0], 'automatic:gas-neu', 'the newer article with the same topics and text comes first');
    assert.ok(!links.includes('automatic:theater'), 'an unrelated article is not suggested');
  });

  it("editors' links come first, then the automatic ones, never twice", () => {
    const links = related('mit-editor') ?? [];
    assert.equal(links[0], 'editor:theater');
    assert.equal(links.length, 3);
    assert.ok(links.slice(1).every((l) => l.startsWith('automatic:')));
    assert.equal(new Set(links).size, links.length);
  });

  it('related_exclude keeps articles out', () => {
    const links = related('ausgeschlossen') ?? [];
    assert.ok(links.length > 0);
    assert.ok(!links.some((l) => l.endsWith(':gas-neu') || l.endsWith(':gas-alt')), links.join(', '));
  });

  it('an article with nothing in common gets no automatic links', () => {
    assert.deepEqual(related('theater'), []);
  });

  it('is deterministic', async () => {
    let again: SiteModel | null = null;
    await buildSite(site, { onModel: (m) => (again = m) });
    const all = (m: SiteModel) => m.articles.map((a) => `${a.slug}: ${a.relatedLinks.map((l) => l.url).join(' ')}`);
    assert.deepEqual(all(again as unknown as SiteModel), all(model));
  });

  it('the report says why: score, shared topics and terms', () => {
    const report = relatedReport(model, 'gas-alt');
    assert.equal(report.ok, true);
    const text = report.lines.join('\n');
    assert.match(text, /1\. Gaspreise steigen weiter {2}\/2025\/03\/gas-neu\/ {2}\[automatic, score \d+\.\d\d\]/);
    assert.match(text, /shared topics: Energie, Gaspreise; text \(\d\.\d\d\): .*gaspreis/);
    assert.equal(relatedReport(model, 'gibt-es-nicht').ok, false);
  });

  it('blatt related <slug> prints the report', () => {
    const run = spawnSync(process.execPath, [BIN, 'related', 'mit-editor', '--now', '2025-04-02T12:00', '--no-cache'], { cwd: site.root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1\. Premiere im Theater {2}\/2025\/03\/theater\/ {2}\[editor\]/);
    assert.match(run.stdout, /2\. .* \[automatic, score/);
    const missing = spawnSync(process.execPath, [BIN, 'related', 'nichts', '--no-cache'], { cwd: site.root, encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No published article has the slug "nichts"/);
  });
});

describe('related index at scale', () => {
  // 3,000 articles with the same topics, section and words: the worst case for posting lists.
  const n = 3000;
  const term = (name: string) => ({ name, slug: name.toLowerCase(), url: `/thema/${name.toLowerCase()}/` });
  const articles = Array.from({ length: n }, (_, i) => ({
    slug: `a${i}`,
    title: `Meldung ${i}`,
    url: `/a${i}/`,
    date: { epochMs: 1e12 - i * 60_000 },
    tagTerms: [term('Energie'), term('Gas')],
    sectionTerm: term('Wirtschaft'),
    relatedLinks: [],
    relatedExclude: [],
  })) as unknown as Article[];
  const words = Array.from({ length: 40 }, (_, k) => `wort${String.fromCharCode(97 + (k % 26))}${k}`);
  const terms = articles.map((_, i) => ({ stems: [...words.slice(0, 30), `eigen${i}`].sort(), counts: Array(31).fill(2) as number[], key: String(i) }));

  it('looks at a bounded number of candidates per article, however common the features', () => {
    const index = buildRelatedIndex(articles, terms, 12);
    const acc = new Float64Array(n);
    const bound = 3 * MAX_POSTINGS.tag + QUERY_TERMS * MAX_POSTINGS.term;
    for (const i of [0, 1, 1500, n - 1]) {
      const touched: number[] = [];
      candidateScores(index, i, acc, touched);
      assert.ok(touched.length <= bound, `${touched.length} candidates for article ${i}`);
      assert.ok(touched.length >= MAX_POSTINGS.tag - 1);
      for (const j of touched) acc[j] = 0;
    }
  });

  it('on equal scores links the newer neighbours in time; the oldest article links to newer ones', () => {
    const model = { config: { relatedCount: 3 }, articles } as unknown as SiteModel;
    completeRelated(model, (a) => terms[Number(a.slug.slice(1))] as ReturnType<typeof articleTerms>);
    const slugs = (i: number) => articles[i]?.relatedLinks.map((l) => l.article?.slug);
    const chosen = (slugs(1500) ?? []).map((s) => Number(s?.slice(1)));
    assert.equal(chosen.length, 3);
    assert.ok(chosen.every((j) => j < 1500 && 1500 - j <= MAX_POSTINGS.tag), `equal scores: the newer articles nearby win (${chosen.join(', ')})`);
    assert.ok(slugs(n - 1)?.length === 3, 'the oldest article links to newer ones');
  });
});

