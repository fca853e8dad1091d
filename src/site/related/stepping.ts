// Every idf reads stepped counts: the number of articles and a feature's document frequency,
// rounded to an eighth of an octave (9 %; each count below 12 is a step of its own). A new or
// deleted article then changes another article's weights only where a count crosses a step, so
// an update stays near the change; a step of the number of articles recomputes everything.
import type { RelatedParams } from './params.js';

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
