// The numbers of the scoring. The constants, as one value that a state carries and its encoding
// keeps: the site uses the defaults; tests shrink the windows so that a few dozen articles reach
// every edge a site of thousands reaches. And the stepped counts: every idf reads the number of
// articles and a feature's document frequency rounded to an eighth of an octave (9 %; each count
// below 12 is a step of its own), so a new or deleted article changes other articles' weights
// only where a count crosses a step; a step of the number of articles recomputes everything.

export interface RelatedParams {
  /** A shared section scores this share of the section's idf. */
  sectionWeight: number;
  /** Text similarity (cosine of the tf-idf vectors) scores up to this. */
  textWeight: number;
  /** Postings of one topic or section an article looks at, the nearest in time. */
  tagPostings: number;
  /** Postings of one text term an article looks at, the nearest in time. */
  termPostings: number;
  /** Candidates are found through this many strongest text terms of an article (all count in the exact score). */
  queryTerms: number;
  /** A text term in more than this share of the (stepped) number of articles says nothing and is ignored ... */
  maxDocumentShare: number;
  /** ... once the stepped number of articles reaches this. */
  commonFrom: number;
  /** The best approximate candidates scored exactly (at least as many as an article wants). */
  rescore: number;
  /** Below this exact score nothing is suggested. */
  minScore: number;
  /** An update that gives more documents than this new weights (a count crossed a step) recomputes everything instead. */
  maxChanged: number;
}

export const DEFAULT_PARAMS: Readonly<RelatedParams> = Object.freeze({
  sectionWeight: 0.5,
  textWeight: 6,
  tagPostings: 64,
  termPostings: 32,
  queryTerms: 15,
  maxDocumentShare: 0.2,
  commonFrom: 20,
  rescore: 12,
  minScore: 1,
  maxChanged: 3000,
});

/** The order in which an encoding stores the parameters (and decoding reads them). */
export const PARAM_NAMES: readonly (keyof RelatedParams)[] = Object.freeze(Object.keys(DEFAULT_PARAMS) as (keyof RelatedParams)[]);

const POSITIVE_INTEGERS: readonly (keyof RelatedParams)[] = ['tagPostings', 'termPostings', 'queryTerms', 'rescore'];

/** `overrides` on the defaults; a window or count that is not a positive integer is a bug of the caller. */
export function relatedParams(overrides: Partial<RelatedParams> = {}): RelatedParams {
  const params = { ...DEFAULT_PARAMS, ...overrides };
  for (const name of PARAM_NAMES) {
    const value = params[name];
    if (!Number.isFinite(value) || (POSITIVE_INTEGERS.includes(name) && !(Number.isInteger(value) && value > 0))) {
      throw new RangeError(`related parameter ${name} must be ${POSITIVE_INTEGERS.includes(name) ? 'a positive integer' : 'finite'}, not ${value}`);
    }
  }
  return params;
}

export const STEPS_PER_OCTAVE = 8;

/** The step of a count of at least 1. */
export const countStep = (count: number): number => Math.round(STEPS_PER_OCTAVE * Math.log2(count));

/** The count the weights read: 2 to the power of its step in octaves. */
export const steppedCount = (count: number): number => 2 ** (countStep(count) / STEPS_PER_OCTAVE);

/** The idf of a topic, section or text term found in `df` of `n` articles. */
export const idfOf = (n: number, df: number): number => Math.log(1 + steppedCount(n) / steppedCount(df));

/** Whether a text term found in `df` of `n` articles is too common to count (the stepped `n`, so it moves only with a step). */
export function isCommon(params: RelatedParams, n: number, df: number): boolean {
  if (n === 0) return false;
  const stepped = steppedCount(n);
  return stepped >= params.commonFrom && df > params.maxDocumentShare * stepped;
}
