// Why a document's automatic choices are what they are, for `blatt related`: each choice's exact
// score with its parts (shared topics, the same section, the shared text terms strongest first).
import { listOf } from './ragged.js';
import { tagNamesOf } from './doc.js';
import { clearTermWeights, exactScore, fillTermWeights } from './score.js';
import { slotOf, type RelatedState } from './state.js';

export interface ScoreParts {
  /** The chosen document. */
  key: string;
  /** The exact score (the sum of the parts, added in the order the choice was scored in). */
  score: number;
  /** Topic slugs both have, in the order of the explained document's topics. */
  sharedTags: string[];
  /** The section slug when both have the same section. */
  sameSection: string | null;
  /** Shared text terms that count, strongest first, with their part of the score. */
  sharedTerms: { stem: string; score: number }[];
}

/** The automatic choices of `key`, best first, each with its score and why; [] for an unknown key. */
export function explain(state: RelatedState, key: string): ScoreParts[] {
  const i = slotOf(state, key);
  if (i === undefined) return [];
  const { docs, params } = state;
  const mine = tagNamesOf(state, i);
  fillTermWeights(state, i);
  const parts = Array.from(listOf(state.chosen.choices, i), (j): ScoreParts => {
    const theirs = new Set(tagNamesOf(state, j));
    const section = docs.section[i] as number;
    const sharedTerms: ScoreParts['sharedTerms'] = [];
    const ids = docs.terms.ints[0] as Int32Array;
    const weights = docs.terms.floats[0] as Float64Array;
    for (let k = docs.terms.start[j] as number, end = k + (docs.terms.length[j] as number); k < end; k++) {
      const w = state.scratch.termWeights[ids[k] as number] as number;
      if (w !== 0) sharedTerms.push({ stem: state.terms.names[ids[k] as number] as string, score: params.textWeight * w * (weights[k] as number) });
    }
    sharedTerms.sort((p, q) => q.score - p.score || (p.stem < q.stem ? -1 : 1));
    return {
      key: docs.keys[j] as string,
      score: exactScore(state, i, j),
      sharedTags: mine.filter((tag) => theirs.has(tag)),
      sameSection: section >= 0 && docs.section[j] === section ? (state.sections.names[section] as string) : null,
      sharedTerms,
    };
  });
  clearTermWeights(state, i);
  return parts;
}
