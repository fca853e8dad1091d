// Automatic "Mehr zum Thema": the editor's links come first; when there are fewer than
// `relatedCount`, the most related articles complete them (tags, section and text similarity,
// newer first on a tie). Deterministic, and near-linear through the inverted index.
import { hash } from 'node:crypto';
import { articleTerms, type ArticleTerms } from '../content/article-terms.js';
import { linkTo, type Article, type SiteModel } from './model.js';
import { buildRelatedIndex, candidateScores, exactScore, exactScoreValue, type RelatedIndex, type ScoreParts } from './related-index.js';

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
  const wanted = model.config.relatedCount;
  const signature = relatedSignature(model, termsOf);
  if (memo?.signature === signature && memo.choices.length === model.articles.length) {
    model.articles.forEach((article, i) => {
      for (const slug of memo.choices[i] as string[]) article.relatedLinks.push(linkTo(model.bySlug.get(slug) as Article, 'automatic'));
    });
    return memo;
  }
  const choices: string[][] = model.articles.map(() => []);
  if (!model.articles.some((a) => a.relatedLinks.length < wanted)) return { signature, choices };
  const index = buildRelatedIndex(model.articles, model.articles.map(termsOf));
  const acc = new Float64Array(model.articles.length);
  model.articles.forEach((article, i) => {
    const missing = wanted - article.relatedLinks.length;
    if (missing <= 0) return;
    for (const j of chooseRelated(index, i, missing, acc)) {
      const choice = index.articles[j] as Article;
      article.relatedLinks.push(linkTo(choice, 'automatic'));
      (choices[i] as string[]).push(choice.slug);
    }
  });
  return { signature, choices };
}

/** Everything the choices depend on: order, slugs, topics, section, terms, exclusions and the editor's links of every article. */
function relatedSignature(model: SiteModel, termsOf: TermsOf): string {
  const parts: string[] = [String(model.config.relatedCount)];
  for (const a of model.articles) {
    const terms = termsOf(a);
    parts.push(
      a.slug,
      a.tagTerms.map((t) => t.slug).join(','),
      a.sectionTerm?.slug ?? '',
      a.relatedExclude.join(','),
      a.relatedLinks.map((l) => l.article?.slug ?? `~${l.url ?? l.title}`).join(','),
      terms.key,
    );
  }
  return hash('sha1', parts.join('\u0000'), 'base64url');
}

/** The automatic choices for one article, with the parts of each score (for `blatt related`). */
export function explainRelated(model: SiteModel, article: Article, termsOf: TermsOf = (a) => a.terms ?? articleTerms(a)): RelatedChoice[] {
  const i = model.articles.indexOf(article);
  if (i < 0) return [];
  const index = buildRelatedIndex(model.articles, model.articles.map(termsOf));
  const missing = model.config.relatedCount - article.relatedLinks.filter((l) => l.source === 'editor').length;
  if (missing <= 0) return [];
  return chooseRelated(index, i, missing, new Float64Array(model.articles.length)).map((j) => ({ article: index.articles[j] as Article, ...exactScore(index, i, j, true) }));
}

/** The indexes of the automatic choices for article i, best first. */
function chooseRelated(index: RelatedIndex, i: number, count: number, acc: Float64Array): number[] {
  const article = index.articles[i] as Article;
  // Most articles exclude nothing and link one or two articles themselves: no sets for those.
  const excluded = article.relatedExclude;
  const linked = article.relatedLinks.filter((l) => l.source === 'editor' && l.article !== null).map((l) => l.article);
  const touched: number[] = [];
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
  for (const j of touched) acc[j] = 0;
  return candidates
    .map((j) => ({ j, score: exactScoreValue(index, i, j) }))
    .filter((c) => c.score >= MIN_SCORE)
    .sort((x, y) => y.score - x.score || x.j - y.j)
    .slice(0, count)
    .map(({ j }) => j);
}
