// One document's automatic choices: approximate scores through its posting windows, the best
// `rescore` of them (ties to the newer document, exclusions and the editor's links skipped)
// scored exactly, the best of those that reach the minimum score. Its best approximate
// candidates are kept: they tell an update whether a changed document can change the choices.
import { listOf, reserve, type Ragged } from './ragged.js';
import { candidateScores, clearTermWeights, exactScore, fillTermWeights } from './score.js';
import type { RelatedState } from './state.js';

/** How many approximate candidates `slot` keeps and scores exactly. */
export const keepFor = (state: RelatedState, slot: number): number => Math.max(state.params.rescore, state.docs.room[slot] as number);

/** Chooses anew for `i` and stores its best candidates and choices; returns whether the choices changed. */
export function chooseFor(state: RelatedState, i: number): boolean {
  const room = state.docs.room[i] as number;
  if (room <= 0) {
    writeList(state.chosen.best, i, [], null);
    return writeChoices(state, i, []);
  }
  const { acc, touched } = state.scratch;
  touched.length = 0;
  candidateScores(state, i);
  const best = bestCandidates(state, i, keepFor(state, i));
  writeList(state.chosen.best, i, best, acc);
  for (const j of touched) acc[j] = 0;
  fillTermWeights(state, i);
  const scored = best.map((j) => ({ j, score: exactScore(state, i, j) }));
  clearTermWeights(state, i);
  const rank = state.order.rank;
  const chosen = scored
    .filter((c) => c.score >= state.params.minScore)
    .sort((x, y) => y.score - x.score || (rank[x.j] as number) - (rank[y.j] as number))
    .slice(0, room)
    .map((c) => c.j);
  return writeChoices(state, i, chosen);
}

/** The best `keep` of the touched documents by approximate score (ties: the newer), without sorting them all. */
function bestCandidates(state: RelatedState, i: number, keep: number): number[] {
  const { acc, touched } = state.scratch;
  const rank = state.order.rank;
  const { slugs, keys } = state.docs;
  const excluded = state.docs.exclude.get(i);
  const linked = state.docs.linked.get(i);
  const better = (x: number, y: number) => (acc[x] as number) > (acc[y] as number) || (acc[x] === acc[y] && (rank[x] as number) < (rank[y] as number));
  const best: number[] = [];
  for (const j of touched) {
    if (best.length === keep && !better(j, best[keep - 1] as number)) continue;
    if (excluded?.includes(slugs[j] as string) || linked?.includes(keys[j] as string)) continue;
    let at = best.length === keep ? keep - 1 : best.length;
    while (at > 0 && better(j, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = j;
  }
  return best;
}

function writeList(ragged: Ragged, slot: number, list: readonly number[], scores: Float64Array | null): void {
  const at = reserve(ragged, slot, list.length);
  const ids = ragged.ints[0] as Int32Array;
  const values = ragged.floats[0];
  list.forEach((j, k) => {
    ids[at + k] = j;
    if (values && scores) values[at + k] = scores[j] as number;
  });
}

function writeChoices(state: RelatedState, slot: number, chosen: readonly number[]): boolean {
  const old = listOf(state.chosen.choices, slot);
  const same = old.length === chosen.length && chosen.every((j, k) => old[k] === j);
  if (!same) writeList(state.chosen.choices, slot, chosen, null);
  return !same;
}
