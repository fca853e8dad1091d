// What a full build leaves so that a later build, in another process, can revise single articles
// without making the site model again (build-quick.ts): for each article its identity (what the
// rest of the site depends on, see collect.ts: articleIdentity), its signatures, the model fields
// its own page needs, and its teaser; for each list and feed, what it shows besides its articles.
// The bodies are kept only of articles in a feed (the feeds carry the full text).
// A snapshot belongs to the output of one build: `recordKey` is that build's input key
// (build-record.ts), so one that does not match the output folder's record is never used.
import { hash } from 'node:crypto';
import type { ArticleImage, Config, ParsedArticle, ZonedDate } from '../types.js';
import { articleIdentity, type ModelFields } from './collect.js';
import { articleOfInput, placeInput, teaserInput } from './fingerprint.js';
import type { Article, RelatedLink, SiteModel, Term } from './model.js';
import type { FeedRecipe, PageSpec } from './page-spec.js';

export const SNAPSHOT_FORMAT = 1;

/** What is read of a snapshot whenever it is used; the articles and the lists' heads are records read one by one (io/snapshot-file.ts). */
export interface SnapshotIndex {
  format: typeof SNAPSHOT_FORMAT;
  /** Given by the file it is written to, so a delta can name its base (io/snapshot-file.ts). */
  id?: string;
  codeVersion: string;
  recordKey: string;
  /** The global signature (fingerprint.ts), the settings and the `site` data every page shows. */
  global: string;
  config: Config;
  site: object;
  /** The relPaths of the model's articles, newest first: article i is record i. */
  order: string[];
  /** Every author, topic and section, found by URL. */
  terms: Term[];
  /** The lists; the head of list j is record order.length + j. */
  lists: StoredList[];
  feeds: StoredFeed[];
  /** For each record, a hash of what it was made from: the next snapshot copies a record whose hash is the same. */
  sources: string[];
}

/** Records by number: what io/snapshot-file.ts gives. */
export interface SnapshotRecords {
  record<T>(i: number): T;
}

/** A record of an earlier snapshot, copied as it is. */
export class CopiedRecord {
  constructor(readonly bytes: Uint8Array) {}
}

/** An earlier snapshot whose records can be copied. */
export interface EarlierSnapshot {
  index: SnapshotIndex;
  raw(i: number): Uint8Array;
}

/** An article as the last build's model had it; its terms are named by URL, other articles by relPath. */
export interface StoredArticle {
  /** A hash of articleIdentity (collect.ts). */
  identity: string;
  /** Its signatures by relPath, teaserInput and placeInput (fingerprint.ts). */
  signature: string;
  teaser: string;
  place: string;
  url: string;
  authors: string[];
  tags: string[];
  section: string | null;
  unpublished: boolean;
  /** "Mehr zum Thema": [source, article] for a link to one of ours under its own title and URL, else [source, title, url, external, article or null]. */
  related: ([RelatedLink['source'], string] | [RelatedLink['source'], string, string | null, boolean, string | null])[];
  /** The URL of each article its body links to (null: not published). */
  linkUrls: [string, string | null][];
  title: string;
  date: ZonedDate;
  updated: ZonedDate | null;
  summary: string | null;
  image: ArticleImage | null;
  /** Body HTML with links resolved, and the plain text: only for articles in a feed. */
  body: { html: string; text: string } | null;
}

export interface StoredList {
  path: string;
  template: string;
  key: string;
  /** The articles it shows, in order. */
  items: number[];
}

export interface StoredFeed {
  recipe: FeedRecipe;
  items: number[];
}

/**
 * The snapshot of a full build's site. Records whose sources are those of a record of `earlier`
 * are copied from it (a build that changed few articles serializes few records).
 */
export function takeSnapshot(input: {
  model: SiteModel;
  specs: readonly PageSpec[];
  signatures: ReadonlyMap<string, string>;
  global: string;
  site: object;
  recordKey: string;
  codeVersion: string;
  earlier?: EarlierSnapshot | null;
}): { index: SnapshotIndex; records: Iterable<unknown> } {
  const { model, specs, signatures, global } = input;
  const order = model.articles.map((a) => a.relPath);
  const indexOf = new Map(order.map((relPath, i) => [relPath, i]));
  const numberOf = (relPath: string) => indexOf.get(relPath) as number;
  // By the very strings the lists hold (teaserInput gives one per article): found without hashing them again.
  const byTeaser = new Map(order.map((relPath, i) => [teaserInput(relPath), i]));
  const lists: StoredList[] = [];
  const heads: (() => object)[] = [];
  const feeds: StoredFeed[] = [];
  const inFeed = new Set<number>();
  const seen = new Set<FeedRecipe>();
  for (const spec of specs) {
    if (spec.kind === 'template' && spec.listHead) {
      const items: number[] = [];
      for (const input of spec.inputs) {
        const i = byTeaser.get(input);
        if (i !== undefined) items.push(i);
      }
      lists.push({ path: spec.path, template: spec.template, key: spec.key ?? '', items });
      heads.push(spec.listHead);
    } else if (spec.kind === 'file' && spec.feed) {
      if (seen.has(spec.feed)) continue; // the same feed in its other formats
      seen.add(spec.feed);
      const items = spec.inputs.slice(1).map(numberOf);
      feeds.push({ recipe: spec.feed, items });
      for (const i of items) inFeed.add(i);
    }
  }
  const terms: Term[] = [];
  for (const groups of [model.authors, model.tags, model.sections]) for (const g of groups) terms.push({ name: g.term.name, slug: g.term.slug, url: g.term.url });
  const urls = new Map(model.articles.map((a) => [a.relPath, a.url]));
  // What a record is made from: an article's signatures (its source, URL, terms, links, teaser), its "Mehr zum Thema" and whether a feed has it; a head's list.
  const sources = [
    ...model.articles.map((a, i) => articleSource(a, signatures, inFeed.has(i))),
    ...lists.map((l) => digest([global, l.path, l.template, l.key])),
  ];
  const index: SnapshotIndex = { format: SNAPSHOT_FORMAT, codeVersion: input.codeVersion, recordKey: input.recordKey, global, config: model.config, site: input.site, order, terms, lists, feeds, sources };
  const earlier = input.earlier;
  const before = earlier ? earlierRecords(earlier.index) : null;
  const copy = (name: string, i: number): CopiedRecord | null => {
    const j = before?.get(name);
    return earlier && j !== undefined && earlier.index.sources[j] === sources[i] ? new CopiedRecord(earlier.raw(j)) : null;
  };
  const records = function* () {
    for (const [i, a] of model.articles.entries()) yield copy(a.relPath, i) ?? storedArticle(a, { signatures, urls }, inFeed.has(i));
    for (const [j, head] of heads.entries()) yield copy(`list:${(lists[j] as StoredList).path}`, order.length + j) ?? head();
  };
  return { index, records: records() };
}

/** The records of a snapshot by name: articles by relPath, heads by `list:` and path. */
function earlierRecords(index: SnapshotIndex): Map<string, number> {
  const names = new Map(index.order.map((relPath, i) => [relPath, i]));
  index.lists.forEach((l, j) => names.set(`list:${l.path}`, index.order.length + j));
  return names;
}

/** What the record of an article is made from (see SnapshotIndex.sources). */
export function articleSource(a: Article, signatures: { get(input: string): string | undefined }, inFeed: boolean): string {
  return digest([signatures.get(a.relPath), signatures.get(teaserInput(a.relPath)), signatures.get(placeInput(a.relPath)), relatedKey(a), inFeed ? 'feed' : '']);
}

const digest = (parts: readonly unknown[]) => hash('sha1', parts.join('\u0000'), 'base64url');
const relatedKey = (a: Article) => a.relatedLinks.map((l) => `${l.title}>${l.url ?? ''}>${l.external}>${l.source}>${l.article?.relPath ?? ''}`).join('\u0001');

interface Lookups {
  signatures: { get(input: string): string | undefined };
  /** The URL of each published article by relPath. */
  urls: { get(relPath: string): string | undefined };
}

/** What the snapshot holds of one model article. */
export function storedArticle(a: Article, { signatures, urls }: Lookups, withBody: boolean): StoredArticle {
  return {
    identity: identityHash(a),
    signature: signatures.get(a.relPath) as string,
    teaser: signatures.get(teaserInput(a.relPath)) as string,
    place: signatures.get(placeInput(a.relPath)) as string,
    url: a.url,
    authors: a.authorTerms.map((t) => t.url),
    tags: a.tagTerms.map((t) => t.url),
    section: a.sectionTerm?.url ?? null,
    unpublished: a.unpublished,
    related: a.relatedLinks.map((l) =>
      l.article && !l.external && l.title === l.article.title && l.url === l.article.url
        ? [l.source, l.article.relPath]
        : [l.source, l.title, l.url, l.external, l.article?.relPath ?? null],
    ),
    linkUrls: a.links.map((l) => [l.target, urls.get(l.target) ?? null]),
    title: a.title,
    date: a.date,
    updated: a.updated,
    summary: a.summary,
    image: a.image,
    body: withBody ? { html: a.html, text: a.text } : null,
  };
}

export const identityHash = (a: ParsedArticle) => hash('sha1', articleIdentity(a), 'base64url');

/** A snapshot's articles, made into model articles as they are needed. */
export class StoredArticles {
  private readonly indexOf: Map<string, number>;
  private readonly termOf: Map<string, Term>;
  private readonly made = new Map<number, Article>();
  private readonly read = new Map<number, StoredArticle>();
  constructor(
    private readonly snapshot: SnapshotIndex,
    private readonly records: SnapshotRecords,
  ) {
    this.indexOf = new Map(snapshot.order.map((relPath, i) => [relPath, i]));
    this.termOf = new Map(snapshot.terms.map((t) => [t.url, t]));
  }
  index(relPath: string): number | undefined {
    return this.indexOf.get(relPath);
  }
  get(i: number): StoredArticle {
    let stored = this.read.get(i);
    if (!stored) this.read.set(i, (stored = this.records.record<StoredArticle>(i)));
    return stored;
  }
  /** The head of list j (plan.ts: listPage). */
  head(j: number): object {
    return this.records.record<object>(this.snapshot.order.length + j);
  }
  private term(url: string): Term {
    const term = this.termOf.get(url);
    if (!term) throw new Error(`no term ${url} in the snapshot`);
    return term;
  }
  private byRelPath(relPath: string): Article {
    const i = this.index(relPath);
    if (i === undefined) throw new Error(`no article ${relPath} in the snapshot`);
    return this.teaserArticle(i);
  }
  /** The signature the snapshot holds for a page input: of an article by relPath, teaserInput or placeInput; else undefined. */
  signature(input: string): string | undefined {
    const named = articleOfInput(input);
    const i = named ? this.index(named.relPath) : undefined;
    if (!named || i === undefined) return undefined;
    const s = this.get(i);
    return named.kind === 'article' ? s.signature : named.kind === 'teaser' ? s.teaser : s.place;
  }
  private terms(s: StoredArticle): Pick<ModelFields, 'authorTerms' | 'tagTerms' | 'sectionTerm'> {
    return { authorTerms: s.authors.map((t) => this.term(t)), tagTerms: s.tags.map((t) => this.term(t)), sectionTerm: s.section === null ? null : this.term(s.section) };
  }
  /** The model fields of article i, its links to our articles standing in for them (their relPath, title and URL). */
  fields(i: number): ModelFields {
    const s = this.get(i);
    return {
      url: s.url,
      ...this.terms(s),
      unpublished: s.unpublished,
      relatedLinks: s.related.map((l): RelatedLink => {
        if (l.length === 2) {
          const target = this.byRelPath(l[1]);
          return { title: target.title, url: target.url, external: false, article: target, source: l[0] };
        }
        return { title: l[1], url: l[2], external: l[3], article: l[4] === null ? null : this.byRelPath(l[4]), source: l[0] };
      }),
    };
  }
  /**
   * Article i as lists and feeds read it (teaser, dates, terms, body). Its body is there only when
   * the snapshot kept it: a feed of an article without one is a bug, and fails loudly.
   */
  teaserArticle(i: number): Article {
    let article = this.made.get(i);
    if (article) return article;
    const s = this.get(i);
    const relPath = this.snapshot.order[i] as string;
    const body = s.body;
    const missing = () => {
      throw new Error(`no body stored for ${relPath}`);
    };
    article = {
      relPath,
      title: s.title,
      date: s.date,
      updated: s.updated,
      summary: s.summary,
      image: s.image,
      url: s.url,
      ...this.terms(s),
      unpublished: s.unpublished,
      relatedLinks: [],
      links: [],
      get html() {
        return body ? body.html : missing();
      },
      get text() {
        return body ? body.text : missing();
      },
    } as unknown as Article;
    this.made.set(i, article);
    return article;
  }
}
