// The site index: the site model kept up to date by changes instead of being made anew. Given the
// articles that changed (added, edited, deleted, or whose state moved with the build time), it
// updates what they take part in (slugs, lists, the spellings of topics, authors and sections,
// titles, the moments the output changes with the clock) and sets the facts pages read
// (facts.ts). Each list keeps its order, so a new article costs the pages it lands on, not all of
// them. A cold build is the same work with every article added at once.
import type { Config } from '../types.js';
import type { Table } from '../store/table.js';
import { modified, type Entry } from './entry.js';
import { factKey, type ArticleFact, type FeedFact, type ListId, type ListsFact, type MonthSitemapFact, type PlaceFact, type SlugFact, type TeaserFact, type TermFact, type TermKind } from './facts.js';
import { HOME_LIST, listKind, listName, listPageFact, monthList, newestOf, numberedPages, packMembers, pagesOf, termList, unpackMembers, updateMembers, type Member, type Members, type PackedMembers } from './lists.js';
import { articleUrl, authorUrl, monthUrl, sectionUrl, tagUrl, termSlug } from './permalinks.js';
import { articleRecipe, feedRecipes, listRecipe, monthSitemapRecipe, NEWS_SITEMAP, type Recipe } from './recipes.js';
import { titleKey } from './title-key.js';
import { NEWS_MAX_AGE_MS, type TimeWindow } from './time-window.js';

/** Where the index put an article, so that a change can take it out again without the old entry. */
interface Placement {
  inModel: boolean;
  unpublished: boolean;
  url: string;
  slug: string;
  lists: ListId[];
  member: Member | null;
  titleKey: string | null;
  spellings: [TermKind, string, string][];
  /** Not a draft: it has moments (its date, and when it leaves the news sitemap), from this date (ms). */
  timed: number | null;
  future: boolean;
}

export interface FactWriter {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export interface SiteIndexOptions {
  config: Config;
  includeDrafts: boolean;
  now: number;
}

export interface IndexChange {
  /** Content-relative paths whose entry, or place in the site, changed. */
  articles: Set<string>;
  /** Output files the site now has that it had not, and paths it no longer has. */
  added: Recipe[];
  removed: string[];
  window: TimeWindow;
}

/** Articles and the build time as the index last saw them; each delta replaces an article's entry (null: deleted). */
export function updateSiteIndex(index: Table<unknown>, entries: Table<Entry>, facts: FactWriter, options: SiteIndexOptions, deltas: ReadonlyMap<string, Entry | null>): IndexChange {
  return new IndexUpdate(index, entries, facts, options).run(deltas);
}

const TERM_URL: Record<TermKind, (slug: string) => string> = { tag: tagUrl, author: authorUrl, section: sectionUrl };
const slugOfTerm = (name: string) => termSlug(name) || 'unbenannt';

class IndexUpdate {
  readonly #lists = new Map<ListId, { before: Members; removed: Set<string>; added: Member[] }>();
  readonly #titles = new Map<string, { removed: Set<string>; added: Member[] }>();
  readonly #spellings = new Map<string, Record<string, number>>();
  readonly #changed = new Set<string>();
  readonly #added: Recipe[] = [];
  readonly #removed: string[] = [];
  readonly #moments = { removed: [] as number[], added: [] as number[] };
  readonly #future = { removed: new Set<string>(), added: [] as [number, string][] };

  constructor(
    private readonly index: Table<unknown>,
    private readonly entries: Table<Entry>,
    private readonly facts: FactWriter,
    private readonly options: SiteIndexOptions,
  ) {}

  run(deltas: ReadonlyMap<string, Entry | null>): IndexChange {
    const affected = new Set<string>();
    const slugs = new Map<string, Set<string>>();
    const touchSlug = (slug: string) => slugs.get(slug) ?? slugs.set(slug, new Set(this.#get<string[]>(`slug/${slug}`) ?? [])).get(slug) as Set<string>;
    for (const [relPath, entry] of deltas) {
      const before = this.entries.get(relPath);
      if (before) touchSlug(before.slug).delete(relPath);
      if (entry) {
        touchSlug(entry.slug).add(relPath);
        this.entries.put(relPath, entry);
      } else if (before) this.entries.remove(relPath);
      affected.add(relPath);
    }
    // A slug belongs to the first of its articles by path: a change of who that is moves both.
    for (const [slug, owners] of slugs) {
      const before = this.#get<string[]>(`slug/${slug}`) ?? [];
      const after = [...owners].sort();
      if (before[0]) affected.add(before[0]);
      if (after[0]) affected.add(after[0]);
      if (after.length > 0) this.index.put(`slug/${slug}`, after);
      else this.index.remove(`slug/${slug}`);
      const owner = after[0] ? (this.entries.get(after[0]) as Entry) : null;
      if (owner) this.facts.set(factKey.slug(slug), { relPath: owner.relPath, file: owner.file } satisfies SlugFact);
      else this.facts.remove(factKey.slug(slug));
    }
    // The build time moved: articles whose embargo ended, or (an earlier time) began again.
    const stored = this.#get<{ now: number }>('clock');
    if (stored?.now !== this.options.now) {
      for (const [date, relPath] of this.#futureList()) if (date <= this.options.now) affected.add(relPath);
      if (stored && this.options.now < stored.now) for (const m of this.#members(HOME_LIST)) if (m[1] > this.options.now) affected.add(m[0]);
      this.index.put('clock', { now: this.options.now });
    }
    if (!this.facts.get<ListsFact>(factKey.lists)) this.#bootstrap();
    for (const relPath of affected) this.#place(relPath, deltas.has(relPath));
    this.#applyLists();
    this.#applyTitles();
    this.#applySpellings();
    // The news sitemap reads the newest members of the home list and the build time.
    if (this.#lists.has(HOME_LIST) || stored?.now !== this.options.now) this.#setNews();
    return { articles: this.#changed, added: this.#added, removed: this.#removed, window: this.#window() };
  }

  /** A new target: the home page and the site's feeds exist even before there is an article. */
  #bootstrap(): void {
    this.#added.push(listRecipe(HOME_LIST, 0), ...feedRecipes(HOME_LIST));
    this.facts.set(factKey.listPage(HOME_LIST, 0), listPageFact(HOME_LIST, [], 0, this.options.config.perPage));
    this.facts.set(factKey.feed(HOME_LIST), { items: [], emptyAt: this.options.now } satisfies FeedFact);
    this.facts.set(factKey.lists, { counts: { [HOME_LIST]: 0 }, lastmod: null } satisfies ListsFact);
    this.facts.set(factKey.archive, []);
    this.facts.set(factKey.topics, []);
    this.facts.set(factKey.nav, []);
    this.facts.set(factKey.news, []);
  }

  /** Puts one article where its entry and state say, takes it out of where it was. */
  #place(relPath: string, edited: boolean): void {
    const entry = this.entries.get(relPath) ?? null;
    const before = this.#get<Placement>(`at/${relPath}`) ?? null;
    const after = entry ? this.#placementOf(entry) : null;
    if (after) this.index.put(`at/${relPath}`, after);
    else this.index.remove(`at/${relPath}`);
    const same = JSON.stringify(before) === JSON.stringify(after);
    if (!same || edited) this.#changed.add(relPath);
    if (same) {
      if (entry && after?.inModel) this.#setArticleFacts(entry, after);
      return;
    }
    // Lists: out of those it left, into those it joined; moved when its date or slug changed.
    const memberKey = (p: Placement | null) => JSON.stringify(p?.member ?? null);
    const moved = memberKey(before) !== memberKey(after);
    for (const list of before?.lists ?? []) if (moved || !after?.lists.includes(list)) this.#list(list).removed.add(relPath);
    for (const list of after?.lists ?? []) if (moved || !before?.lists.includes(list)) this.#list(list).added.push(after?.member as Member);
    if (before?.titleKey && (moved || before.titleKey !== after?.titleKey)) this.#title(before.titleKey).removed.add(relPath);
    if (after?.titleKey && (moved || before?.titleKey !== after.titleKey)) this.#title(after.titleKey).added.push(after.member as Member);
    for (const [kind, slug, name] of before?.spellings ?? []) this.#spell(kind, slug, name, -1);
    for (const [kind, slug, name] of after?.spellings ?? []) this.#spell(kind, slug, name, 1);
    this.#updateMoments(relPath, before, after);
    // Its own facts and its page.
    if (before?.inModel && (!after?.inModel || before.url !== after.url)) this.#removed.push(articleRecipe(relPath, before.url).path);
    if (after?.inModel && (!before?.inModel || before.url !== after.url)) this.#added.push(articleRecipe(relPath, after.url));
    if (entry && after?.inModel) this.#setArticleFacts(entry, after);
    else {
      this.facts.remove(factKey.article(relPath));
      this.facts.remove(factKey.teaser(relPath));
      if (entry) this.facts.set(factKey.place(relPath), null);
      else this.facts.remove(factKey.place(relPath));
    }
  }

  #placementOf(entry: Entry): Placement {
    const { includeDrafts, now } = this.options;
    const owner = (this.#get<string[]>(`slug/${entry.slug}`) ?? [])[0] === entry.relPath;
    const unpublished = entry.draft || entry.date.epochMs > now;
    const inModel = owner && (includeDrafts || !unpublished);
    const url = articleUrl(entry);
    const mod = modified(entry);
    const lists: ListId[] = [];
    const spellings: [TermKind, string, string][] = [];
    if (inModel) {
      lists.push(HOME_LIST);
      const term = (kind: TermKind, name: string) => {
        const slug = slugOfTerm(name);
        spellings.push([kind, slug, name]);
        const list = termList(kind, slug);
        if (!lists.includes(list)) lists.push(list);
      };
      for (const name of entry.authors) term('author', name);
      for (const name of entry.tags) term('tag', name);
      if (entry.section) term('section', entry.section);
      lists.push(monthList(entry.date.year, entry.date.month));
    }
    return {
      inModel,
      unpublished,
      url,
      slug: entry.slug,
      lists,
      member: inModel ? [entry.relPath, entry.date.epochMs, entry.slug, mod.epochMs, mod.iso, unpublished] : null,
      titleKey: inModel ? titleKey(entry.title) : null,
      spellings,
      timed: entry.draft ? null : entry.date.epochMs,
      future: !entry.draft && entry.date.epochMs > now,
    };
  }

  #setArticleFacts(entry: Entry, at: Placement): void {
    const article: ArticleFact = {
      relPath: entry.relPath,
      file: entry.file,
      contentKey: entry.contentKey,
      url: at.url,
      unpublished: at.unpublished,
      slug: entry.slug,
      title: entry.title,
      date: entry.date,
      updated: entry.updated,
      summary: entry.summary,
      authors: at.spellings.filter((s) => s[0] === 'author').map((s) => s[1]),
      tags: dedupe(at.spellings.filter((s) => s[0] === 'tag').map((s) => s[1])),
      section: at.spellings.find((s) => s[0] === 'section')?.[1] ?? null,
      image: entry.image,
      links: entry.links,
      related: entry.related,
      relatedExclude: entry.relatedExclude,
      wordCount: entry.wordCount,
    };
    const teaser: TeaserFact = {
      title: entry.title,
      url: at.url,
      summary: entry.summary,
      date: entry.date,
      image: entry.image,
      unpublished: at.unpublished,
      authors: article.authors,
      section: article.section,
    };
    const place: PlaceFact = { url: at.url, title: entry.title, date: entry.date, updated: entry.updated, unpublished: at.unpublished };
    this.facts.set(factKey.article(entry.relPath), article);
    this.facts.set(factKey.teaser(entry.relPath), teaser);
    this.facts.set(factKey.place(entry.relPath), place);
  }

  #list(list: ListId) {
    let change = this.#lists.get(list);
    if (!change) this.#lists.set(list, (change = { before: this.#members(list), removed: new Set(), added: [] }));
    return change;
  }

  #title(key: string) {
    let change = this.#titles.get(key);
    if (!change) this.#titles.set(key, (change = { removed: new Set(), added: [] }));
    return change;
  }

  #members(list: ListId): Members {
    return unpackMembers(this.#get<PackedMembers>(`list/${list}`));
  }

  #spell(kind: TermKind, slug: string, name: string, delta: number): void {
    const key = `${kind}/${slug}`;
    let counts = this.#spellings.get(key);
    if (!counts) this.#spellings.set(key, (counts = { ...(this.#get<Record<string, number>>(`spell/${key}`) ?? {}) }));
    counts[name] = (counts[name] ?? 0) + delta;
    if (counts[name] === 0) delete counts[name];
  }

  /** The lists that changed: their members, pages, counts, feeds and sitemaps. */
  #applyLists(): void {
    const { perPage } = this.options.config;
    const counts = { ...(this.facts.get<ListsFact>(factKey.lists)?.counts ?? {}) };
    const kinds = new Set<string>();
    let home: Members | null = null;
    for (const [list, { before, removed, added }] of this.#lists) {
      const { members, firstChanged } = updateMembers(before, removed, added);
      if (list === HOME_LIST) home = members;
      if (firstChanged < 0) continue;
      if (members.length > 0) this.index.put(`list/${list}`, packMembers(members));
      else this.index.remove(`list/${list}`);
      kinds.add(listKind(list));
      if (members.length > 0 || list === HOME_LIST) counts[list] = members.length;
      else delete counts[list];
      // Pages: the front page, and the numbered ones from the first that holds other articles now
      // (and the newest ones before and after, whose links to newer pages change with their number).
      const pagesBefore = new Set(pagesOf(list, before.length, perPage));
      const pagesAfter = pagesOf(list, members.length, perPage);
      for (const n of pagesBefore) if (!pagesAfter.includes(n)) this.#removePage(listRecipe(list, n).path, factKey.listPage(list, n));
      const lastBefore = numberedPages(before.length, perPage) || Infinity;
      const lastAfter = numberedPages(members.length, perPage) || Infinity;
      const from = Math.min(Math.floor(firstChanged / perPage) + 1, lastBefore, lastAfter);
      for (const n of pagesAfter) {
        if (!pagesBefore.has(n)) this.#added.push(listRecipe(list, n));
        if (n === 0 || n >= from || !pagesBefore.has(n)) this.facts.set(factKey.listPage(list, n), listPageFact(list, members, n, perPage));
      }
      const kind = listKind(list);
      if (kind === 'home' || kind === 'tag') this.#setFeed(list, before, members);
      if (kind === 'month') {
        const month = listName(list);
        if (members.length === 0) {
          this.#removed.push(monthSitemapRecipe(month).path);
          this.facts.remove(factKey.monthSitemap(month));
        } else {
          if (before.length === 0) this.#added.push(monthSitemapRecipe(month));
          const published = members.filter((m) => !m[5]);
          this.facts.set(factKey.monthSitemap(month), { items: published.map((m) => m[0]), lastmod: newestOf(published) } satisfies MonthSitemapFact);
        }
      }
    }
    if ((counts[HOME_LIST] ?? 0) === 0) this.facts.set(factKey.feed(HOME_LIST), { items: [], emptyAt: this.options.now } satisfies FeedFact);
    const lastmod = home ? newestOf(home) : (this.facts.get<ListsFact>(factKey.lists)?.lastmod ?? null);
    this.facts.set(factKey.lists, { counts: sortedRecord(counts), lastmod } satisfies ListsFact);
    if (kinds.has('month')) this.#setArchive(counts);
  }

  /** The feeds of the site (always there) and of each topic (while it has articles). */
  #setFeed(list: ListId, before: Members, members: Members): void {
    const topic = list !== HOME_LIST;
    if (topic && members.length === 0) {
      for (const r of feedRecipes(list)) this.#removed.push(r.path);
      this.facts.remove(factKey.feed(list));
      return;
    }
    if (topic && before.length === 0) this.#added.push(...feedRecipes(list));
    const items = members.slice(0, this.options.config.feedLimit).map((m) => m[0]);
    this.facts.set(factKey.feed(list), { items, emptyAt: members.length === 0 ? this.options.now : null } satisfies FeedFact);
  }

  #removePage(path: string, fact: string): void {
    this.#removed.push(path);
    this.facts.remove(fact);
  }

  /** The archive: every month with its count, newest first. */
  #setArchive(counts: Record<ListId, number>): void {
    const months = Object.keys(counts).filter((l) => listKind(l) === 'month').map(listName).sort().reverse();
    const years: { year: number; months: { month: number; url: string; count: number }[] }[] = [];
    for (const ym of months) {
      const year = Number(ym.slice(0, 4));
      const month = Number(ym.slice(5, 7));
      let y = years.at(-1);
      if (y?.year !== year) years.push((y = { year, months: [] }));
      y.months.push({ month, url: monthUrl(year, month), count: counts[`month:${ym}`] as number });
    }
    this.facts.set(factKey.archive, years);
  }

  #applyTitles(): void {
    for (const [key, { removed, added }] of this.#titles) {
      const { members } = updateMembers(unpackMembers(this.#get<PackedMembers>(`title/${key}`)), removed, added);
      if (members.length > 0) this.index.put(`title/${key}`, packMembers(members));
      else this.index.remove(`title/${key}`);
      if (members[0]) this.facts.set(factKey.title(key), members[0][0]);
      else this.facts.remove(factKey.title(key));
    }
  }

  /** Names of topics, authors and sections: the spelling most articles use; and the lists of names (navigation, topics page). */
  #applySpellings(): void {
    const listed = new Set<TermKind>();
    for (const [key, counts] of this.#spellings) {
      const [kind, slug] = [key.slice(0, key.indexOf('/')) as TermKind, key.slice(key.indexOf('/') + 1)];
      const best = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (best) {
        this.index.put(`spell/${key}`, counts);
        this.facts.set(factKey.term(kind, slug), { name: best[0], slug, url: TERM_URL[kind](slug) } satisfies TermFact);
      } else {
        this.index.remove(`spell/${key}`);
        this.facts.remove(factKey.term(kind, slug));
      }
      listed.add(kind);
    }
    for (const list of this.#lists.keys()) {
      const kind = listKind(list);
      if (kind === 'tag' || kind === 'section') listed.add(kind);
    }
    const counts = this.facts.get<ListsFact>(factKey.lists)?.counts ?? {};
    const terms = (kind: TermKind) =>
      Object.keys(counts)
        .filter((l) => listKind(l) === kind)
        .map((l) => ({ ...(this.facts.get<TermFact>(factKey.term(kind, listName(l))) as TermFact), count: counts[l] as number }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de') || (a.slug < b.slug ? -1 : 1));
    if (listed.has('tag')) this.facts.set(factKey.topics, terms('tag').map((t) => ({ name: t.name, url: t.url, count: t.count })));
    if (listed.has('section')) this.facts.set(factKey.nav, terms('section').map((t) => ({ name: t.name, url: t.url })));
  }

  /** The Google News sitemap: published articles of the two days up to the build time, at most 1,000. */
  #setNews(): void {
    const { now } = this.options;
    const items: string[] = [];
    for (const m of this.#members(HOME_LIST)) {
      if (m[1] < now - NEWS_MAX_AGE_MS || items.length >= 1000) break;
      const at = this.#get<Placement>(`at/${m[0]}`);
      if (m[1] <= now && !at?.unpublished) items.push(m[0]);
    }
    const before = this.facts.get<string[]>(factKey.news) ?? [];
    if (before.length === 0 && items.length > 0) this.#added.push({ kind: 'news', path: NEWS_SITEMAP });
    if (before.length > 0 && items.length === 0) this.#removed.push(NEWS_SITEMAP);
    this.facts.set(factKey.news, items);
  }

  /** The moments at which the output changes with the clock: an article's date, and when it leaves the news sitemap. */
  #updateMoments(relPath: string, before: Placement | null, after: Placement | null): void {
    if (before?.timed != null) {
      this.#moments.removed.push(before.timed, before.timed + NEWS_MAX_AGE_MS + 1);
      this.#future.removed.add(relPath);
    }
    if (after?.timed != null) {
      this.#moments.added.push(after.timed, after.timed + NEWS_MAX_AGE_MS + 1);
      if (after.future) this.#future.added.push([after.timed, relPath]);
    }
  }

  #futureList(): [number, string][] {
    return this.#get<[number, string][]>('future') ?? [];
  }

  /** Build times that give the same output as this one (see time-window.ts). */
  #window(): TimeWindow {
    const { now } = this.options;
    let moments = this.#get<number[]>('moments') ?? [];
    if (this.#moments.removed.length > 0 || this.#moments.added.length > 0) {
      moments = withoutValues(moments, this.#moments.removed).concat(this.#moments.added).sort((a, b) => a - b);
      this.index.put('moments', moments);
    }
    // Embargoes that ended are not in the future any more.
    const future = this.#futureList()
      .filter(([d, relPath]) => d > now && !this.#future.removed.has(relPath))
      .concat(this.#future.added)
      .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    this.index.put('future', future);
    const published = moments.length / 2 - future.length;
    if (published <= 0) return { from: now, until: now + 1 };
    const at = lowerBound(moments, now + 1);
    return { from: at > 0 ? (moments[at - 1] as number) : -Infinity, until: at < moments.length ? (moments[at] as number) : Infinity };
  }

  #get<T>(key: string): T | undefined {
    return this.index.get(key) as T | undefined;
  }
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}

function sortedRecord<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `sorted` without one occurrence of each of `values`. */
function withoutValues(sorted: readonly number[], values: readonly number[]): number[] {
  if (values.length === 0) return [...sorted];
  const remove = new Map<number, number>();
  for (const v of values) remove.set(v, (remove.get(v) ?? 0) + 1);
  return sorted.filter((v) => {
    const n = remove.get(v);
    if (!n) return true;
    remove.set(v, n - 1);
    return false;
  });
}
