// Automatic "Mehr zum Thema": the editor's links come first; when there are fewer than
// `relatedCount`, the most related articles complete them (tags, section and text similarity,
// newer first on a tie). Deterministic, and near-linear through the inverted index.
import { hash } from 'node:crypto';
import { articleTerms, type ArticleTerms } from '../content/article-terms.js';
import { linkTo, type Article, type SiteModel } from './model.js';
import { buildRelatedIndex, candidateScores, exactScoreValue, explainScore, rememberBest, type RelatedIndex, type ScoreParts } from './related-index.js';
import { mayChooseAgain, updateTerms, watchersOf } from './related-update.js';

/** Below this score an article is not related enough to be suggested. */
export const MIN_SCORE = 1;
/** How many approximate candidates are scored exactly before choosing. */
const RESCORE = 12;

export interface RelatedChoice extends ScoreParts {
  article: Article;
}

export type TermsOf = (article: Article) => ArticleTerms;

/** The automatic choices of a whole site (slugs per article, in model order), with the signature of what they were chosen from. */
export interface RelatedMemo {
  signature: string;
  choices: string[][];
}

/**
 * Completes every article's "Mehr zum Thema". When `memo` was computed from the same inputs
 * (same signature) its choices are reused instead of computed: warm builds and edits that do not
 * touch titles, text, topics, sections or links skip the index entirely.
 */
export function completeRelated(model: SiteModel, termsOf: TermsOf = articleTerms, memo: RelatedMemo | null = null): RelatedMemo {
  const signature = relatedSignature(model, termsOf);
  if (memo?.signature === signature && memo.choices.length === model.articles.length) {
    model.articles.forEach((article, i) => {
      for (const slug of memo.choices[i] as string[]) article.relatedLinks.push(linkTo(model.bySlug.get(slug) as Article, 'automatic'));
    });
    return memo;
  }
  return chooseAllRelated(model, termsOf, signature).memo;
}

/** The automatic choices of every article, added to its links, and the index they were chosen from (null when no article wants any). */
export function chooseAllRelated(model: SiteModel, termsOf: TermsOf, signature = relatedSignature(model, termsOf)): { memo: RelatedMemo; index: RelatedIndex | null } {
  const { chosen, index } = chooseForAll(model, termsOf);
  model.articles.forEach((article, i) => {
    for (const choice of chosen[i] as Article[]) article.relatedLinks.push(linkTo(choice, 'automatic'));
  });
  return { memo: { signature, choices: chosen.map((list) => list.map((a) => a.slug)) }, index };
}

/**
 * The index the site's current choices come from, with each article's best candidates, for
 * updateRelated (null when no article wants automatic links). Leaves the links as they are.
 */
export function indexOfChoices(model: SiteModel, termsOf: TermsOf): RelatedIndex | null {
  return chooseForAll(model, termsOf).index;
}

/** Chooses for every article as many articles as its editor's links leave room for, from a new index. */
function chooseForAll(model: SiteModel, termsOf: TermsOf): { chosen: Article[][]; index: RelatedIndex | null } {
  const wanted = model.config.relatedCount;
  const chosen: Article[][] = model.articles.map(() => []);
  if (!model.articles.some((a) => roomFor(a, wanted) > 0)) return { chosen, index: null };
  const index = newIndex(model, termsOf);
  const acc = new Float64Array(model.articles.length);
  model.articles.forEach((article, i) => {
    const count = roomFor(article, wanted);
    if (count > 0) chosen[i] = chooseRelated(index, i, count, acc).map((j) => index.articles[j] as Article);
  });
  return { chosen, index };
}

/** The index of the whole site, keeping as many best candidates per article as chooseRelated rescores. */
const newIndex = (model: SiteModel, termsOf: TermsOf) => buildRelatedIndex(model.articles, model.articles.map(termsOf), Math.max(RESCORE, model.config.relatedCount));

const editorLinks = (article: Article) => article.relatedLinks.filter((l) => l.source === 'editor');

/** How many automatic links the article has room for, next to its editor's. */
const roomFor = (article: Article, wanted: number) => wanted - editorLinks(article).length;

/**
 * After articles (`edited`, model indexes) got new terms: updates the index in place
 * (related-index.ts, updateTerms) and chooses again for the articles whose choices may change:
 * the edited ones, those whose posting windows changed, those with a changed vector, and those
 * that had one of these among their best candidates or would have it now (mayChooseAgain).
 * Exactly what choosing for the whole site would give. Returns the new memo and the articles whose
 * choices changed, or null when the index cannot be updated (then choose for the whole site).
 */
export function updateRelated(model: SiteModel, index: RelatedIndex | null, memo: RelatedMemo, edited: readonly number[], termsOf: TermsOf): { memo: RelatedMemo; changed: number[] } | null {
  if (!index) return { memo: laterSignature(model, termsOf, memo.choices), changed: [] };
  const again = new Set<number>();
  const changedVectors = new Set<number>();
  const countsOf = (j: number) => termsOf(model.articles[j] as Article).counts;
  for (const i of edited) {
    const update = updateTerms(index, i, termsOf(model.articles[i] as Article), countsOf);
    if (!update) return null;
    for (const j of update.vectors) changedVectors.add(j);
    for (const j of update.windows) again.add(j);
  }
  for (const d of changedVectors) {
    again.add(d);
    for (const j of watchersOf(index, d)) if (!again.has(j) && mayChooseAgain(index, j, d)) again.add(j);
  }
  const wanted = model.config.relatedCount;
  const choices = memo.choices.slice();
  const changed: number[] = [];
  const acc = new Float64Array(model.articles.length);
  for (const i of [...again].sort((a, b) => a - b)) {
    const article = model.articles[i] as Article;
    const editors = editorLinks(article);
    const missing = wanted - editors.length;
    const chosen = missing <= 0 ? [] : chooseRelated(index, i, missing, acc).map((j) => index.articles[j] as Article);
    const slugs = chosen.map((a) => a.slug);
    if (slugs.join('\u0000') === (choices[i] ?? []).join('\u0000')) continue;
    choices[i] = slugs;
    article.relatedLinks = [...editors, ...chosen.map((a) => linkTo(a, 'automatic'))];
    changed.push(i);
  }
  return { memo: laterSignature(model, termsOf, choices), changed };
}

/**
 * A memo whose signature is computed when first read (30 ms at 10,000 articles, which an edit
 * need not wait for), from the model as it is then: a dev session's next full build reads it,
 * and no other edit changes the model before (an edit-local rebuild makes a new memo).
 */
function laterSignature(model: SiteModel, termsOf: TermsOf, choices: string[][]): RelatedMemo {
  let signature: string | null = null;
  let from: SiteModel | null = model; // let go once read: a memo may outlive its model
  return {
    get signature() {
      if (signature === null) {
        signature = relatedSignature(from as SiteModel, termsOf);
        from = null;
      }
      return signature;
    },
    choices,
  };
}

/** Everything the choices depend on: order, slugs, topics, section, terms, exclusions and the editor's links of every article (automatic ones may be there already). */
function relatedSignature(model: SiteModel, termsOf: TermsOf): string {
  const parts: string[] = [String(model.config.relatedCount)];
  for (const a of model.articles) {
    const terms = termsOf(a);
    parts.push(
      a.slug,
      a.tagTerms.map((t) => t.slug).join(','),
      a.sectionTerm?.slug ?? '',
      a.relatedExclude.join(','),
      a.relatedLinks
        .filter((l) => l.source === 'editor')
        .map((l) => l.article?.slug ?? `~${l.url ?? l.title}`)
        .join(','),
      terms.key,
    );
  }
  return hash('sha1', parts.join('\u0000'), 'base64url');
}

/** The automatic choices for one article, with the parts of each score (for `blatt related`). */
export function explainRelated(model: SiteModel, article: Article, termsOf: TermsOf = (a) => a.terms ?? articleTerms(a)): RelatedChoice[] {
  const i = model.articles.indexOf(article);
  if (i < 0) return [];
  const missing = roomFor(article, model.config.relatedCount);
  if (missing <= 0) return [];
  const index = newIndex(model, termsOf);
  return chooseRelated(index, i, missing, new Float64Array(model.articles.length)).map((j) => ({ article: index.articles[j] as Article, ...explainScore(index, i, j) }));
}

/** The articles whose approximate score chooseRelated is adding up (one list for all articles: hundreds each). */
const touchedScratch: number[] = [];

/** The indexes of the automatic choices for article i, best first. */
function chooseRelated(index: RelatedIndex, i: number, count: number, acc: Float64Array): number[] {
  const article = index.articles[i] as Article;
  // Most articles exclude nothing and link one or two articles themselves: no sets for those.
  const excluded = article.relatedExclude;
  const linked: Article[] = [];
  for (const l of article.relatedLinks) if (l.source === 'editor' && l.article !== null) linked.push(l.article);
  const touched = touchedScratch;
  touched.length = 0;
  candidateScores(index, i, acc, touched);
  // The best approximate scores (ties: the newer article, a lower index), without sorting them all.
  const keep = Math.max(RESCORE, count);
  const best: number[] = [];
  const better = (x: number, y: number) => (acc[x] as number) > (acc[y] as number) || (acc[x] === acc[y] && x < y);
  for (const j of touched) {
    if (best.length === keep && !better(j, best[keep - 1] as number)) continue;
    const b = index.articles[j] as Article;
    if ((excluded.length > 0 && excluded.includes(b.slug)) || (linked.length > 0 && linked.includes(b))) continue;
    let at = best.length === keep ? keep - 1 : best.length;
    while (at > 0 && better(j, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = j;
    if (best.length > keep) best.length = keep;
  }
  const candidates = best;
  rememberBest(index, i, best, acc);
  for (const j of touched) acc[j] = 0;
  return candidates
    .map((j) => ({ j, score: exactScoreValue(index, i, j) }))
    .filter((c) => c.score >= MIN_SCORE)
    .sort((x, y) => y.score - x.score || x.j - y.j)
    .slice(0, count)
    .map(({ j }) => j);
}
