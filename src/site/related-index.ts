// The weighted inverted index behind automatic "Mehr zum Thema" (after Hugo's
// related/inverted_index.go): tags, section and stemmed text terms → the articles that have them.
// Scoring an article looks only at a bounded window of each posting list, the articles nearest
// in time, and skips text terms that most articles share, so the whole site is near-linear.
import type { ArticleTerms } from './article-terms.js';
import type { Article } from './model.js';

export const WEIGHTS = { section: 0.5, text: 6 } as const;
/** At most this many postings of one feature are looked at per article. */
export const MAX_POSTINGS = 100;
/** Text terms found in more than this share of the articles say nothing about relatedness. */
export const MAX_DOCUMENT_SHARE = 0.2;

interface Postings {
  docs: number[];
  /** The weight of the feature in each document (1 for tags and sections). */
  weights: number[];
  idf: number;
}

export interface RelatedIndex {
  articles: readonly Article[];
  terms: readonly ArticleTerms[];
  /** Per article: the tf-idf weight of each of its stems (unit length), aligned with terms[i].stems. */
  vectors: Float64Array[];
  postings: Map<string, Postings>;
}

const tagKey = (slug: string) => `t:${slug}`;
const sectionKey = (slug: string) => `s:${slug}`;
const termKey = (stem: string) => `w:${stem}`;

/** `articles` newest first, as in the site model; `terms[i]` belongs to `articles[i]`. */
export function buildRelatedIndex(articles: readonly Article[], terms: readonly ArticleTerms[]): RelatedIndex {
  const postings = new Map<string, Postings>();
  const post = (key: string, doc: number, weight: number) => {
    let p = postings.get(key);
    if (!p) postings.set(key, (p = { docs: [], weights: [], idf: 0 }));
    p.docs.push(doc);
    p.weights.push(weight);
  };
  articles.forEach((a, i) => {
    for (const t of a.tagTerms) post(tagKey(t.slug), i, 1);
    if (a.sectionTerm) post(sectionKey(a.sectionTerm.slug), i, 1);
    for (const stem of (terms[i] as ArticleTerms).stems) post(termKey(stem), i, 0);
  });
  const n = articles.length;
  for (const p of postings.values()) p.idf = Math.log(1 + n / p.docs.length);
  const vectors = terms.map((t) => {
    const v = Float64Array.from(t.stems, (stem, k) => (1 + Math.log(t.counts[k] as number)) * (postings.get(termKey(stem)) as Postings).idf);
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  });
  terms.forEach((t, i) => t.stems.forEach((stem, k) => {
    const p = postings.get(termKey(stem)) as Postings;
    p.weights[lowerBound(p.docs, i)] = (vectors[i] as Float64Array)[k] as number;
  }));
  return { articles, terms, vectors, postings };
}

/** Approximate scores of the articles near `i` in each posting list: candidate index → score. */
export function candidateScores(index: RelatedIndex, i: number, acc: Float64Array, touched: number[]): void {
  const article = index.articles[i] as Article;
  const n = index.articles.length;
  const visit = (key: string, weight: number, skipCommon: boolean) => {
    const p = index.postings.get(key);
    if (!p || (skipCommon && n >= 20 && p.docs.length > MAX_DOCUMENT_SHARE * n)) return;
    const at = lowerBound(p.docs, i);
    const hi = Math.min(p.docs.length, Math.max(0, at - MAX_POSTINGS / 2) + MAX_POSTINGS);
    const lo = Math.max(0, hi - MAX_POSTINGS);
    for (let k = lo; k < hi; k++) {
      const j = p.docs[k] as number;
      if (j === i) continue;
      if (acc[j] === 0) touched.push(j);
      acc[j] = (acc[j] as number) + weight * (p.weights[k] as number) + 1e-9;
    }
  };
  for (const t of article.tagTerms) visit(tagKey(t.slug), index.postings.get(tagKey(t.slug))?.idf ?? 0, false);
  if (article.sectionTerm) visit(sectionKey(article.sectionTerm.slug), WEIGHTS.section * (index.postings.get(sectionKey(article.sectionTerm.slug))?.idf ?? 0), false);
  const terms = index.terms[i] as ArticleTerms;
  const vector = index.vectors[i] as Float64Array;
  terms.stems.forEach((stem, k) => visit(termKey(stem), WEIGHTS.text * (vector[k] as number), true));
}

export interface ScoreParts {
  score: number;
  sharedTags: string[];
  sameSection: string | null;
  /** Shared stems, strongest first, with their part of the score. */
  sharedTerms: { stem: string; score: number }[];
}

/** The exact score of `j` for `i`, part by part (used to rank the best candidates and to explain them). */
export function exactScore(index: RelatedIndex, i: number, j: number): ScoreParts {
  const a = index.articles[i] as Article;
  const b = index.articles[j] as Article;
  const idf = (key: string) => index.postings.get(key)?.idf ?? 0;
  const bTags = new Set(b.tagTerms.map((t) => t.slug));
  const sharedTags = a.tagTerms.filter((t) => bTags.has(t.slug));
  const sameSection = a.sectionTerm && b.sectionTerm?.slug === a.sectionTerm.slug ? a.sectionTerm : null;
  const ta = index.terms[i] as ArticleTerms;
  const tb = index.terms[j] as ArticleTerms;
  const va = index.vectors[i] as Float64Array;
  const vb = index.vectors[j] as Float64Array;
  const sharedTerms: { stem: string; score: number }[] = [];
  for (let x = 0, y = 0; x < ta.stems.length && y < tb.stems.length; ) {
    const sa = ta.stems[x] as string;
    const sb = tb.stems[y] as string;
    if (sa === sb) {
      const common = (index.postings.get(termKey(sa))?.docs.length ?? 0) > MAX_DOCUMENT_SHARE * index.articles.length && index.articles.length >= 20;
      if (!common) sharedTerms.push({ stem: sa, score: WEIGHTS.text * (va[x] as number) * (vb[y] as number) });
      x++;
      y++;
    } else if (sa < sb) x++;
    else y++;
  }
  sharedTerms.sort((p, q) => q.score - p.score || (p.stem < q.stem ? -1 : 1));
  const score =
    sharedTags.reduce((s, t) => s + idf(tagKey(t.slug)), 0) +
    (sameSection ? WEIGHTS.section * idf(sectionKey(sameSection.slug)) : 0) +
    sharedTerms.reduce((s, t) => s + t.score, 0);
  return { score, sharedTags: sharedTags.map((t) => t.name), sameSection: sameSection?.name ?? null, sharedTerms };
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
