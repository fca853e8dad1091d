// Automatic "Mehr zum Thema": the German stemmer, per-article terms, and the choices the build
// makes (editor first, shared topics and text, exclusions, newer follow-ups, determinism).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { articleTerms } from '../../src/content/article-terms.js';
import { germanStem } from '../../src/content/german-stemmer.js';
import { relatedReport, type SiteQuery } from '../../src/site/related-report.js';
import { buildRelatedState, choicesOf, DEFAULT_PARAMS, type RelatedDoc } from '../../src/site/related/index.js';
import { factKey, type ArticleFact, type EditorLink, type SlugFact } from '../../src/site/facts.js';
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
  const slugs = ['gas-alt', 'gas-neu', 'gas-mitte', 'strom', 'theater', 'mit-editor', 'ausgeschlossen'];
  /** "Mehr zum Thema" of an article: `editor:` and `automatic:` entries, by slug (or title). */
  const linksOf = (q: SiteQuery, slug: string) => {
    const owner = q.fact<SlugFact>(factKey.slug(slug)) as SlugFact;
    const slugOf = (relPath: string) => (q.fact<ArticleFact>(factKey.article(relPath)) as ArticleFact).slug;
    const editor = (q.fact<EditorLink[]>(factKey.editor(owner.relPath)) ?? []).map((l) => `editor:${'article' in l ? slugOf(l.article) : l.title}`);
    return [...editor, ...(q.fact<string[]>(factKey.auto(owner.relPath)) ?? []).map((r) => `automatic:${slugOf(r)}`)];
  };
  /** What the site says of every article, read while the build's site can be asked (inspect). */
  interface Seen {
    links: Map<string, string[]>;
    report: ReturnType<typeof relatedReport>;
    missing: ReturnType<typeof relatedReport>;
  }
  const built = async (): Promise<Seen> => {
    const seen: Seen[] = [];
    const result = await buildSite(site, { inspect: (q) => seen.push({ links: new Map(slugs.map((s) => [s, linksOf(q, s)])), report: relatedReport(q, 'gas-alt'), missing: relatedReport(q, 'gibt-es-nicht') }) });
    assert.equal(result.files === null ? 'failed' : 'ok', 'ok', JSON.stringify(result.diagnostics));
    return seen[0] as Seen;
  };
  let site0: Seen;
  before(async () => {
    site0 = await built();
  });
  after(() => site.remove());
  const related = (slug: string) => site0.links.get(slug);

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
    const again = await built();
    assert.deepEqual(again.links, site0.links);
  });

  it('the report says why: score, shared topics and terms', () => {
    const { report, missing } = site0;
    assert.equal(report.ok, true);
    const text = report.lines.join('\n');
    assert.match(text, /1\. Gaspreise steigen weiter {2}\/2025\/03\/gas-neu\/ {2}\[automatic, score \d+\.\d\d\]/);
    assert.match(text, /shared topics: Energie, Gaspreise; text \(\d\.\d\d\): .*gaspreis/);
    assert.equal(missing.ok, false);
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

describe('related choices at scale', () => {
  // 3,000 articles with the same topics, section and words: the worst case for posting lists.
  const n = 3000;
  const words = Array.from({ length: 40 }, (_, k) => `wort${String.fromCharCode(97 + (k % 26))}${k}`);
  const docs: RelatedDoc[] = Array.from({ length: n }, (_, i) => ({
    key: `a${i}.md`,
    slug: `a${i}`,
    dateMs: 1e12 - i * 60_000,
    tags: ['energie', 'gas'],
    section: 'wirtschaft',
    terms: { stems: [...words.slice(0, 30), `eigen${String(i).padStart(4, '0')}`].sort(), counts: Array(31).fill(2) as number[] },
    exclude: [],
    linked: [],
    room: 3,
  }));

  it('on equal scores links the newer neighbours in time; the oldest article links to newer ones', () => {
    const state = buildRelatedState(docs);
    const chosen = choicesOf(state, 'a1500.md').map((k) => Number(k.slice(1, -3)));
    assert.equal(chosen.length, 3);
    assert.ok(chosen.every((j) => j < 1500 && 1500 - j <= DEFAULT_PARAMS.tagPostings), `equal scores: the newer articles nearby win (${chosen.join(', ')})`);
    assert.equal(choicesOf(state, `a${n - 1}.md`).length, 3, 'the oldest article links to newer ones');
  });
});
