// The weighted inverted index behind automatic "Mehr zum Thema" (after Hugo's
// related/inverted_index.go): tags, section and stemmed text terms → the articles that have them.
// Scoring an article looks only at a bounded window of each posting list, the articles nearest
// in time, and skips text terms that most articles share, so the whole site is near-linear.
import type { ArticleTerms } from '../content/article-terms.js';
import type { Article } from './model.js';

export const WEIGHTS = { section: 0.5, text: 6 } as const;
/** At most this many postings of one topic or section, and of one text term, are looked at per article. */
export const MAX_POSTINGS = { tag: 64, term: 32 } as const;
/** Candidates are found through the strongest text terms of an article only (all count in the exact score). */
export const QUERY_TERMS = 15;
/** Text terms found in more than this share of the articles say nothing about relatedness. */
export const MAX_DOCUMENT_SHARE = 0.2;

interface Postings {
  docs: number[];
  /** The weight of the feature in each document (1 for topics and sections). */
  weights: number[];
  idf: number;
}

/** An article's text as a sparse unit vector: term ids ascending, tf-idf weights. */
interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface RelatedIndex {
  articles: readonly Article[];
  vectors: TermVector[];
  /** Stem of each term id. */
  stems: string[];
  /** Terms too common to count (by id). */
  common: Uint8Array;
  termPostings: Postings[];
  /** Topics (`t:slug`) and sections (`s:slug`). */
  postings: Map<string, Postings>;
}

const tagKey = (slug: string) => `t:${slug}`;
const sectionKey = (slug: string) => `s:${slug}`;
const newPostings = (): Postings => ({ docs: [], weights: [], idf: 0 });

/** `articles` newest first, as in the site model; `terms[i]` belongs to `articles[i]`. */
export function buildRelatedIndex(articles: readonly Article[], terms: readonly ArticleTerms[]): RelatedIndex {
  const n = articles.length;
  const postings = new Map<string, Postings>();
  const post = (key: string, doc: number) => {
    let p = postings.get(key);
    if (!p) postings.set(key, (p = newPostings()));
    p.docs.push(doc);
    p.weights.push(1);
  };
  const ids = new Map<string, number>();
  const stems: string[] = [];
  const termPostings: Postings[] = [];
  const docIds = articles.map((a, i) => {
    for (const t of a.tagTerms) post(tagKey(t.slug), i);
    if (a.sectionTerm) post(sectionKey(a.sectionTerm.slug), i);
    const t = terms[i] as ArticleTerms;
    return t.stems.map((stem) => {
      let id = ids.get(stem);
      if (id === undefined) {
        ids.set(stem, (id = stems.length));
        stems.push(stem);
        termPostings.push(newPostings());
      }
      (termPostings[id] as Postings).docs.push(i);
      return id;
    });
  });
  for (const p of [...postings.values(), ...termPostings]) p.idf = Math.log(1 + n / p.docs.length);
  const common = Uint8Array.from(termPostings, (p) => (n >= 20 && p.docs.length > MAX_DOCUMENT_SHARE * n ? 1 : 0));
  const vectors = docIds.map((list, i): TermVector => {
    const counts = (terms[i] as ArticleTerms).counts;
    const n = list.length;
    const ids = new Int32Array(n);
    const weights = new Float64Array(n);
    // Insertion sort by term id (an article has at most MAX_TERMS distinct stems), weights alongside.
    for (let k = 0; k < n; k++) {
      const id = list[k] as number;
      const weight = (1 + Math.log(counts[k] as number)) * (termPostings[id] as Postings).idf;
      let at = k;
      for (; at > 0 && (ids[at - 1] as number) > id; at--) {
        ids[at] = ids[at - 1] as number;
        weights[at] = weights[at - 1] as number;
      }
      ids[at] = id;
      weights[at] = weight;
    }
    const norm = Math.hypot(...weights) || 1;
    for (let k = 0; k < n; k++) weights[k] = (weights[k] as number) / norm;
    return { ids, weights };
  });
  // Postings were filled in document order, so each list is sorted; now add the weights.
  for (const v of vectors) {
    v.ids.forEach((id, k) => {
      (termPostings[id] as Postings).weights.push(v.weights[k] as number);
    });
  }
  return { articles, vectors, stems, common, termPostings, postings };
}

/** Adds approximate scores of the articles near `i` in each posting list to `acc`; lists them in `touched`. */
export function candidateScores(index: RelatedIndex, i: number, acc: Float64Array, touched: number[]): void {
  const article = index.articles[i] as Article;
  const visit = (p: Postings | undefined, weight: number, max: number) => {
    if (!p) return;
    const at = lowerBound(p.docs, i);
    const hi = Math.min(p.docs.length, Math.max(0, at - max / 2) + max);
    for (let k = Math.max(0, hi - max); k < hi; k++) {
      const j = p.docs[k] as number;
      if (j === i) continue;
      if (acc[j] === 0) touched.push(j);
      acc[j] = (acc[j] as number) + weight * (p.weights[k] as number) + 1e-9;
    }
  };
  for (const t of article.tagTerms) {
    const p = index.postings.get(tagKey(t.slug));
    visit(p, p?.idf ?? 0, MAX_POSTINGS.tag);
  }
  if (article.sectionTerm) {
    const p = index.postings.get(sectionKey(article.sectionTerm.slug));
    visit(p, WEIGHTS.section * (p?.idf ?? 0), MAX_POSTINGS.tag);
  }
  const v = index.vectors[i] as TermVector;
  const strongest = Array.from(v.ids.keys()).filter((k) => !index.common[v.ids[k] as number]);
  strongest.sort((x, y) => (v.weights[y] as number) - (v.weights[x] as number) || x - y);
  for (const k of strongest.slice(0, QUERY_TERMS)) visit(index.termPostings[v.ids[k] as number], WEIGHTS.text * (v.weights[k] as number), MAX_POSTINGS.term);
}

export interface ScoreParts {
  score: number;
  sharedTags: string[];
  sameSection: string | null;
  /** Shared stems, strongest first, with their part of the score. */
  sharedTerms: { stem: string; score: number }[];
}

/** The exact score of `j` for `i`; with `explain`, part by part. */
export function exactScore(index: RelatedIndex, i: number, j: number, explain = false): ScoreParts {
  const a = index.articles[i] as Article;
  const b = index.articles[j] as Article;
  let score = 0;
  const sharedTags: string[] = [];
  for (const t of a.tagTerms) {
    if (b.tagTerms.some((u) => u.slug === t.slug)) {
      score += index.postings.get(tagKey(t.slug))?.idf ?? 0;
      if (explain) sharedTags.push(t.name);
    }
  }
  const sameSection = a.sectionTerm && b.sectionTerm?.slug === a.sectionTerm.slug ? a.sectionTerm : null;
  if (sameSection) score += WEIGHTS.section * (index.postings.get(sectionKey(sameSection.slug))?.idf ?? 0);
  const va = index.vectors[i] as TermVector;
  const vb = index.vectors[j] as TermVector;
  const sharedTerms: { stem: string; score: number }[] = [];
  for (let x = 0, y = 0; x < va.ids.length && y < vb.ids.length; ) {
    const ia = va.ids[x] as number;
    const ib = vb.ids[y] as number;
    if (ia === ib) {
      if (!index.common[ia]) {
        const part = WEIGHTS.text * (va.weights[x] as number) * (vb.weights[y] as number);
        score += part;
        if (explain) sharedTerms.push({ stem: index.stems[ia] as string, score: part });
      }
      x++;
      y++;
    } else if (ia < ib) x++;
    else y++;
  }
  sharedTerms.sort((p, q) => q.score - p.score || (p.stem < q.stem ? -1 : 1));
  return { score, sharedTags, sameSection: sameSection?.name ?? null, sharedTerms };
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
