// The site index updated change by change must hold exactly what it holds when every article is
// added at once (a cold build), after any sequence of changes: the same facts, the same pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { zonedDate } from '../../src/content/dates.js';
import { FactStore } from '../../src/engine/fact-store.js';
import type { Entry } from '../../src/site/entry.js';
import { factKey } from '../../src/site/facts.js';
import { updateSiteIndex, type IndexChange } from '../../src/site/site-index.js';
import { openStore } from '../../src/store/store.js';
import type { Table } from '../../src/store/table.js';

const DAY = 86_400_000;
const BASE = Date.parse('2025-03-01T08:00:00Z');
const config = { ...DEFAULT_CONFIG, perPage: 3, feedLimit: 2, defaultAuthor: 'Redaktion' };

interface Spec {
  day: number;
  tags: string[];
  section: string | null;
  author: string | null;
  draft: boolean;
  title: string;
  slug: string | null;
}

function entryOf(relPath: string, s: Spec): Entry {
  const date = zonedDate(BASE + s.day * DAY, 'Europe/Berlin');
  return {
    relPath,
    file: `content/${relPath}`,
    contentKey: `${relPath}:${JSON.stringify(s)}`,
    slug: s.slug ?? relPath.replace(/\.md$/, ''),
    title: s.title,
    date,
    updated: null,
    summary: null,
    authors: s.author ? [s.author] : ['Redaktion'],
    tags: s.tags,
    section: s.section,
    related: [],
    relatedExclude: [],
    draft: s.draft,
    image: null,
    links: [],
    wordCount: 10,
    terms: { stems: [], counts: [], key: '' },
  };
}

/** A fresh in-memory target, and a way to apply changes to it. */
function target(now: number, includeDrafts = false) {
  const { store } = openStore(null, 'test');
  const tables = store.target('t');
  const facts = new FactStore(tables.facts as never);
  const pages = new Set<string>();
  const apply = (deltas: Map<string, Entry | null>, at = now): IndexChange => {
    const change = updateSiteIndex(tables.index, tables.entries as Table<Entry>, facts, { config, includeDrafts, now: at }, deltas);
    for (const path of change.removed) pages.delete(path);
    for (const r of change.added) pages.add(r.path);
    return change;
  };
  const allFacts = () => new Map([...tables.facts.entries()].map(([k, v]) => [k, (v as { h: string }).h]));
  return { apply, pages, allFacts, facts };
}

const spec = fc.record({
  day: fc.integer({ min: 0, max: 40 }),
  tags: fc.subarray(['Russland', 'China', 'Wetter', 'Außenpolitik', 'Aussenpolitik']),
  section: fc.constantFrom(null, 'Ausland', 'Inland'),
  author: fc.constantFrom(null, 'Anna Böhm', 'Jörg Weiß'),
  draft: fc.boolean(),
  title: fc.constantFrom('Gipfel in Moskau', 'Wetter am Wochenende', 'Sanktionen', 'Gipfel in Moskau'),
  slug: fc.constantFrom(null, null, null, 'gemeinsam'),
});

test('changes applied one at a time give the facts and pages of a build from scratch', () => {
  const files = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md', 'g.md'];
  const step = fc.record({ file: fc.constantFrom(...files), spec: fc.option(spec, { freq: 4 }), clock: fc.integer({ min: 0, max: 3 }) });
  let incremental = 0;
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
      const live = target(BASE);
      const current = new Map<string, Entry>();
      let now = BASE + 20 * DAY;
      for (const s of steps) {
        now += s.clock * 5 * DAY;
        const entry = s.spec ? entryOf(s.file, s.spec) : null;
        if (entry) current.set(s.file, entry);
        else current.delete(s.file);
        live.apply(new Map([[s.file, entry]]), now);
        incremental++;
        const cold = target(now);
        cold.apply(new Map([...current].sort(([a], [b]) => (a < b ? -1 : 1))), now);
        assert.deepEqual(new Map([...live.allFacts()].sort()), new Map([...cold.allFacts()].sort()));
        assert.deepEqual([...live.pages].sort(), [...cold.pages].sort());
      }
    }),
    { seed: 20261207, numRuns: 300 },
  );
  assert.ok(incremental > 1000, `only ${incremental} steps`);
});

test('an embargoed article appears when the build time passes its date, and the window says when', () => {
  const t = target(BASE);
  const change = t.apply(new Map([['a.md', entryOf('a.md', { day: 0, tags: ['Wetter'], section: null, author: null, draft: false, title: 'A', slug: null })], ['b.md', entryOf('b.md', { day: 5, tags: [], section: null, author: null, draft: false, title: 'B', slug: null })]]), BASE + DAY);
  // The window ends when A leaves the news sitemap (48 hours after its date), before B's embargo ends.
  assert.equal(change.window.until, BASE + 2 * DAY + 1);
  assert.equal(t.facts.get(factKey.place('b.md')), null);
  const later = t.apply(new Map(), BASE + 5 * DAY);
  assert.ok(later.articles.has('b.md'));
  assert.equal((t.facts.get<{ url: string }>(factKey.place('b.md')))?.url, '/2025/03/b/');
});

test('two articles with one slug: the first by path has it, the other is out of the site', () => {
  const t = target(BASE + 30 * DAY);
  const s = { day: 1, tags: [], section: null, author: null, draft: false, title: 'X', slug: 'gemeinsam' };
  t.apply(new Map([['b.md', entryOf('b.md', s)], ['a.md', entryOf('a.md', s)]]));
  assert.deepEqual(t.facts.get(factKey.slug('gemeinsam')), { relPath: 'a.md', file: 'content/a.md' });
  assert.equal(t.facts.get(factKey.place('b.md')), null);
  t.apply(new Map([['a.md', null]]));
  assert.equal((t.facts.get<{ url: string }>(factKey.place('b.md')))?.url, '/2025/03/gemeinsam/');
});

test('a topic is named by the spelling most of its articles use', () => {
  const t = target(BASE + 30 * DAY);
  const s = (tags: string[]) => ({ day: 1, tags, section: null, author: null, draft: false, title: 'X', slug: null });
  t.apply(new Map([['a.md', entryOf('a.md', s(['Außenpolitik']))], ['b.md', entryOf('b.md', s(['Aussenpolitik']))], ['c.md', entryOf('c.md', s(['Aussenpolitik']))]]));
  assert.equal(t.facts.get<{ name: string }>(factKey.term('tag', 'aussenpolitik'))?.name, 'Aussenpolitik');
  t.apply(new Map([['c.md', null]]));
  assert.equal(t.facts.get<{ name: string }>(factKey.term('tag', 'aussenpolitik'))?.name, 'Aussenpolitik');
  t.apply(new Map([['b.md', null]]));
  assert.equal(t.facts.get<{ name: string }>(factKey.term('tag', 'aussenpolitik'))?.name, 'Außenpolitik');
});
