// Parsed articles → the site model: drafts and embargo, URLs, unique slugs, links between
// articles, "Mehr zum Thema", and the groupings by topic, author, section and month.
import { LINK_PLACEHOLDER_PREFIX } from '../content/remark/article-links.js';
import { error, warning } from '../diagnostics.js';
import type { Config, Diagnostic, ParsedArticle, ZonedDate } from '../types.js';
import { linkTo, type Article, type MonthGroup, type RelatedLink, type SiteModel, type Term, type TermGroup } from './model.js';
import { articleUrl, authorUrl, monthUrl, sectionUrl, tagUrl, termSlug } from './permalinks.js';
import { articleTerms } from '../content/article-terms.js';
import { completeRelated, type RelatedMemo } from './related.js';

export interface CollectOptions {
  /** Include drafts and embargoed articles (preview). */
  includeDrafts: boolean;
  now: ZonedDate;
  /** The automatic "Mehr zum Thema" of a previous build, reused when its inputs are unchanged. */
  relatedMemo?: RelatedMemo | null;
}

export function collect(parsed: readonly ParsedArticle[], config: Config, options: CollectOptions): { model: SiteModel; diagnostics: Diagnostic[]; related: RelatedMemo } {
  const diagnostics: Diagnostic[] = [];
  const unique = uniqueSlugs(parsed, diagnostics);
  const isUnpublished = (a: ParsedArticle) => a.draft || a.date.epochMs > options.now.epochMs;
  const byRelPath = new Map(parsed.map((a) => [a.relPath, a]));

  const terms = {
    tags: new TermIndex(tagUrl),
    authors: new TermIndex(authorUrl),
    sections: new TermIndex(sectionUrl),
  };
  const links: LinkTargets = { published: () => null };
  const articles: Article[] = unique
    .filter((a) => options.includeDrafts || !isUnpublished(a))
    .sort(newestFirst)
    .map((a) => {
      const authors = a.authors.length > 0 ? a.authors : config.defaultAuthor ? [config.defaultAuthor] : [];
      return modelArticle(a, links, {
        url: articleUrl(a),
        authorTerms: authors.map((name) => terms.authors.add(name)),
        tagTerms: a.tags.map((name) => terms.tags.add(name)),
        sectionTerm: a.section ? terms.sections.add(a.section) : null,
        relatedLinks: [],
        unpublished: isUnpublished(a),
      });
    });
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const published = (links.published = (relPath: string) => {
    const target = byRelPath.get(relPath);
    return target ? bySlug.get(target.slug) ?? null : null;
  });

  // Built on the first "Mehr zum Thema – Titel" line that names no file: folding 10,000 titles costs 60 ms.
  let titles: Map<string, Article> | null = null;
  const byTitle = (title: string) => {
    if (!titles) {
      titles = new Map();
      for (const a of articles) {
        const key = titleKey(a.title);
        if (!titles.has(key)) titles.set(key, a);
      }
    }
    return titles.get(titleKey(title));
  };
  const allSlugs = new Set(unique.map((a) => a.slug));
  for (const article of articles) {
    reportLinks(article, byRelPath, published, diagnostics);
    article.relatedLinks = explicitRelated(article, { bySlug, byTitle, allSlugs, published }, diagnostics);
  }

  const model: SiteModel = {
    config,
    now: options.now,
    articles,
    bySlug,
    tags: terms.tags.groups(articles, (a) => a.tagTerms),
    authors: terms.authors.groups(articles, (a) => a.authorTerms),
    sections: terms.sections.groups(articles, (a) => (a.sectionTerm ? [a.sectionTerm] : [])),
    months: groupByMonth(articles),
  };
  const related = completeRelated(model, (a) => a.terms ?? articleTerms(a), options.relatedMemo ?? null);
  return { model, diagnostics, related };
}

/** Where links between articles lead: the published article of a content path (known once the model is). */
interface LinkTargets {
  published: (relPath: string) => Article | null;
}

const bodySources = new WeakMap<Article, { parsed: ParsedArticle; links: LinkTargets }>();

// All articles of the model are instances of this class (so they share one hidden class with fast
// properties). Its getters read the body from the parsed article each time, with the links between
// articles resolved: a body is decoded only by the pages that show it.
class ModelArticle {
  get html(): string {
    const { parsed, links } = bodySources.get(this as unknown as Article) as { parsed: ParsedArticle; links: LinkTargets };
    return resolveLinks(parsed.html, parsed.links.length > 0, links.published);
  }
  get text(): string {
    return (bodySources.get(this as unknown as Article) as { parsed: ParsedArticle }).parsed.text;
  }
}

export type ModelFields = Pick<Article, 'url' | 'authorTerms' | 'tagTerms' | 'sectionTerm' | 'relatedLinks' | 'unpublished'>;

/** The model's article: the parsed fields, listed so every article gets them in the same order, and the model's own. */
function modelArticle(a: ParsedArticle, links: LinkTargets, model: ModelFields): Article {
  const fields: Omit<Article, 'html' | 'text'> = {
    file: a.file,
    relPath: a.relPath,
    slug: a.slug,
    title: a.title,
    date: a.date,
    updated: a.updated,
    summary: a.summary,
    authors: a.authors,
    tags: a.tags,
    section: a.section,
    related: a.related,
    relatedExclude: a.relatedExclude,
    draft: a.draft,
    image: a.image,
    links: a.links,
    wordCount: a.wordCount,
    terms: a.terms,
    url: model.url,
    authorTerms: model.authorTerms,
    tagTerms: model.tagTerms,
    sectionTerm: model.sectionTerm,
    relatedLinks: model.relatedLinks,
    unpublished: model.unpublished,
  };
  const article = Object.assign(new ModelArticle(), fields) as unknown as Article;
  bodySources.set(article, { parsed: a, links });
  return article;
}

/**
 * Whether a new parse of an article's file leaves what other articles and the groupings depend
 * on as it was (URL, date, publication, topics, authors, section, the editor's links), so the
 * article can be revised on its own (reviseArticle, applyRevision). Its text, terms, summary and
 * title may differ: other articles' "Mehr zum Thema" and the lists showing its teaser then may too.
 */
export function isLocalRevision(article: Article, parsed: ParsedArticle): boolean {
  const old = bodySources.get(article)?.parsed;
  if (!old) return false;
  // Positions may move with the text; what the references say may not.
  const same = (a: unknown, b: unknown) => JSON.stringify(a, withoutPosition) === JSON.stringify(b, withoutPosition);
  return (
    parsed.relPath === old.relPath &&
    parsed.slug === old.slug &&
    parsed.date.epochMs === old.date.epochMs &&
    parsed.draft === old.draft &&
    same(parsed.tags, old.tags) &&
    same(parsed.authors, old.authors) &&
    parsed.section === old.section &&
    same(parsed.related, old.related) &&
    same(parsed.relatedExclude, old.relatedExclude) &&
    same(parsed.links, old.links)
  );
}

/**
 * What of a parse the rest of the site may depend on beyond the article's own page and its
 * teaser: everything isLocalRevision compares, and its title, dates and terms (other articles'
 * "Mehr zum Thema", links to it and the sitemaps show or use them). Two parses with the same
 * identity differ at most in summary, picture and body, and not in the body's words.
 */
export function articleIdentity(a: ParsedArticle): string {
  // Written out rather than JSON with a replacer (that took 15 ms a thousand articles); positions are left out as isLocalRevision does.
  const related = a.related.map((r) => (r.kind === 'slug' ? `s${r.slug}` : `${r.kind === 'external' ? 'e' : 't'}${r.title}\u0001${r.url ?? '\u0002'}`));
  return [
    a.relPath, a.file, a.slug, a.title, a.date.iso, a.date.epochMs, a.updated?.iso ?? '\u0002', a.draft, a.authors.join('\u0001'), a.tags.join('\u0001'), a.section ?? '\u0002',
    related.join('\u0003'), a.relatedExclude.join('\u0001'), a.links.map((l) => l.target).join('\u0001'), a.terms?.key ?? '\u0002',
  ].join('\u0000');
}

/**
 * A model article made from a parse and the model fields a previous build gave the same article
 * (build-quick.ts); `linkUrls` gives the URL of each article its body links to, if published.
 */
export function storedModelArticle(parsed: ParsedArticle, fields: ModelFields, linkUrls: ReadonlyMap<string, string | null>): Article {
  return modelArticle(parsed, { published: (relPath) => { const url = linkUrls.get(relPath); return url ? ({ url } as Article) : null; } }, fields);
}

/** Whether the teaser of the article (what lists, sitemaps and links to it show) stays as it is with this parse. */
export function sameTeaser(article: Article, parsed: ParsedArticle): boolean {
  return (
    parsed.title === article.title &&
    parsed.summary === article.summary &&
    parsed.date.iso === article.date.iso &&
    (parsed.updated?.iso ?? null) === (article.updated?.iso ?? null) &&
    JSON.stringify(parsed.image) === JSON.stringify(article.image)
  );
}

/**
 * A new model article for a local revision (isLocalRevision), for the dev server's early preview
 * of the article's own page; the model is left as it is. Null when the revision is not local.
 */
export function reviseArticle(article: Article, parsed: ParsedArticle): Article | null {
  const source = bodySources.get(article);
  if (!source || !isLocalRevision(article, parsed)) return null;
  return modelArticle(parsed, source.links, article);
}

/** Gives the model's article the fields of a local revision (isLocalRevision), in place. */
export function applyRevision(article: Article, parsed: ParsedArticle): void {
  const source = bodySources.get(article) as { parsed: ParsedArticle; links: LinkTargets };
  // The revised article's own fields are the parsed ones and this article's model fields; its body is read through bodySources.
  Object.assign(article, modelArticle(parsed, source.links, article));
  bodySources.set(article, { parsed, links: source.links });
}

const withoutPosition = (key: string, value: unknown) => (key === 'line' || key === 'column' ? undefined : value);

export function newestFirst(a: ParsedArticle, b: ParsedArticle): number {
  return b.date.epochMs - a.date.epochMs || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Slugs are unique across the site (drafts included), so `related: slug` always names one article. */
function uniqueSlugs(parsed: readonly ParsedArticle[], diagnostics: Diagnostic[]): ParsedArticle[] {
  const first = new Map<string, ParsedArticle>();
  const out: ParsedArticle[] = [];
  for (const a of [...parsed].sort((x, y) => (x.relPath < y.relPath ? -1 : 1))) {
    const taken = first.get(a.slug);
    if (taken) {
      diagnostics.push(
        error(a.file, 'output/collision', `The slug "${a.slug}" is already used by ${taken.file}. Two articles cannot share a URL: set a different "slug:" in one of them.`, { line: 1, column: 1 }),
      );
      continue;
    }
    first.set(a.slug, a);
    out.push(a);
  }
  return out;
}

const PLACEHOLDER_LINK = new RegExp(`<a href="${LINK_PLACEHOLDER_PREFIX}([^"#]*)(#[^"]*)?"([^>]*)>([\\s\\S]*?)</a>`, 'g');

function reportLinks(article: Article, byRelPath: Map<string, ParsedArticle>, published: (relPath: string) => Article | null, diagnostics: Diagnostic[]): void {
  for (const link of article.links) {
    const target = byRelPath.get(link.target);
    if (!target) {
      diagnostics.push(error(article.file, 'link/missing-article', `The link to "${link.target}" points to no article. Check the file name (paths are relative to this file).`, link));
    } else if (!published(link.target) && !article.unpublished) {
      diagnostics.push(warning(article.file, 'link/unpublished-article', `The link to "${link.target}" points to a draft or embargoed article; it is shown as plain text until that article is published.`, link));
    }
  }
}

/** The body with its link placeholders (article-links.ts) turned into links to published articles, or into plain text. */
function resolveLinks(html: string, hasLinks: boolean, published: (relPath: string) => Article | null): string {
  if (!hasLinks) return html;
  return html.replace(PLACEHOLDER_LINK, (_all, encoded: string, fragment: string | undefined, attributes: string, inner: string) => {
    const target = published(decodeURIComponent(encoded));
    return target ? `<a href="${target.url}${fragment ?? ''}"${attributes}>${inner}</a>` : inner;
  });
}

interface ArticleIndex {
  bySlug: ReadonlyMap<string, Article>;
  /** The first article (newest first) whose title matches, see titleKey. */
  byTitle: (title: string) => Article | undefined;
  /** Slugs of every article, drafts and embargoed ones included. */
  allSlugs: ReadonlySet<string>;
  /** The published article of a content-relative path, or null. */
  published: (relPath: string) => Article | null;
}

function explicitRelated(article: Article, { bySlug, byTitle, allSlugs, published }: ArticleIndex, diagnostics: Diagnostic[]): RelatedLink[] {
  const links: RelatedLink[] = [];
  const seen = new Set<string>();
  const add = (link: RelatedLink) => {
    const key = link.url ?? link.title;
    if (!seen.has(key) && link.article !== article) {
      seen.add(key);
      links.push(link);
    }
  };
  for (const ref of article.related) {
    if (ref.kind === 'external') {
      add({ title: ref.title, url: ref.url, external: true, article: null, source: 'editor' });
    } else if (ref.kind === 'slug') {
      const target = bySlug.get(ref.slug);
      if (target) add(linkTo(target));
      else if (allSlugs.has(ref.slug)) {
        if (!article.unpublished) diagnostics.push(warning(article.file, 'related/unpublished', `The related article "${ref.slug}" is a draft or embargoed; it is left out until it is published.`, ref));
      } else {
        diagnostics.push(error(article.file, 'related/missing', `"related" names "${ref.slug}", but no article has that slug. Use the slug of an existing article (its file name without .md).`, ref));
      }
    } else {
      // `Mehr zum Thema – [Titel](datei.md)`: the link names the article (a missing file is already a link error).
      const linked = ref.url?.startsWith(LINK_PLACEHOLDER_PREFIX) ? published(decodeURIComponent(ref.url.slice(LINK_PLACEHOLDER_PREFIX.length).split('#')[0] ?? '')) : null;
      const target = linked ?? byTitle(ref.title) ?? bySlug.get(ref.title.trim());
      if (target) add(linkTo(target));
      else if (ref.url && /^https?:\/\//i.test(ref.url)) add({ title: ref.title, url: ref.url, external: true, article: null, source: 'editor' });
      else {
        diagnostics.push(
          warning(article.file, 'related/unmatched-title', `"Mehr zum Thema – ${ref.title}" matches no article title or slug; it is shown as text without a link. Correct the title or link it: Mehr zum Thema – [Titel](datei.md).`, ref),
        );
        add({ title: ref.title, url: null, external: false, article: null, source: 'editor' });
      }
    }
  }
  return links;
}

// A dev session folds the same titles on every rebuild: each is folded once.
const foldedTitles = new Map<string, string>();
const MAX_FOLDED_TITLES = 200_000;

/** Titles match when they are equal after folding case, quotation marks, dashes and spaces. */
export function titleKey(title: string): string {
  let key = foldedTitles.get(title);
  if (key === undefined) {
    if (foldedTitles.size > MAX_FOLDED_TITLES) foldedTitles.clear();
    foldedTitles.set(title, (key = foldTitle(title)));
  }
  return key;
}

function foldTitle(title: string): string {
  // Sources are NFC already (decode-source.ts); German has no locale-specific lower-casing.
  return title
    .toLowerCase()
    .replace(/[„“”"‚‘’'«»]|…|\.\.\./g, '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Groups names that slugify alike ("Außenpolitik", "Aussenpolitik") under the most used spelling. */
class TermIndex {
  private readonly spellings = new Map<string, Map<string, number>>();
  private readonly terms = new Map<string, Term>();
  constructor(private readonly urlOf: (slug: string) => string) {}

  add(name: string): Term {
    const slug = termSlug(name) || 'unbenannt';
    const counts = this.spellings.get(slug) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    this.spellings.set(slug, counts);
    let term = this.terms.get(slug);
    if (!term) {
      term = { name, slug, url: this.urlOf(slug) };
      this.terms.set(slug, term);
    }
    return term;
  }

  groups(articles: readonly Article[], termsOf: (a: Article) => Term[]): TermGroup[] {
    for (const [slug, counts] of this.spellings) {
      const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (best) (this.terms.get(slug) as Term).name = best[0];
    }
    const groups = new Map<string, TermGroup>();
    for (const a of articles) {
      for (const term of termsOf(a)) {
        let g = groups.get(term.slug);
        if (!g) groups.set(term.slug, (g = { term, articles: [] }));
        if (g.articles.at(-1) !== a) g.articles.push(a);
      }
    }
    return [...groups.values()].sort((a, b) => a.term.name.localeCompare(b.term.name, 'de') || (a.term.slug < b.term.slug ? -1 : 1));
  }
}

function groupByMonth(articles: readonly Article[]): MonthGroup[] {
  const months = new Map<string, MonthGroup>();
  for (const a of articles) {
    const key = `${a.date.year}-${a.date.month}`;
    let g = months.get(key);
    if (!g) months.set(key, (g = { year: a.date.year, month: a.date.month, url: monthUrl(a.date.year, a.date.month), articles: [] }));
    g.articles.push(a);
  }
  return [...months.values()];
}
