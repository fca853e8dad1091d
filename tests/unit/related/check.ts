// Runs a scenario of changes on an updated state and compares it after every step with the state
// computed from scratch from the same documents (property.test.ts draws the scenarios).
import assert from 'node:assert/strict';
import {
  buildRelatedState,
  choicesOf,
  decodeRelatedState,
  encodeRelatedState,
  keysOf,
  updateRelated,
  type RelatedParams,
  type RelatedState,
} from '../../../src/site/related/index.js';
import type { CorpusShape } from './corpus.js';
import { Scenario, type Op } from './scenario.js';

export interface Stats {
  steps: number;
  rebuilt: number;
  /** Steps in place whose changed keys include documents the step did not upsert. */
  reachedOthers: number;
  choices: number;
  docs: number;
}

function sameAsFromScratch(state: RelatedState, scenario: Scenario, params: RelatedParams, stats: Stats, label: string): RelatedState {
  const reference = buildRelatedState([...scenario.docs.values()], params);
  assert.deepEqual(keysOf(state), keysOf(reference), `${label}: the documents`);
  for (const key of keysOf(reference)) {
    const choices = choicesOf(reference, key);
    assert.deepEqual(choicesOf(state, key), choices, `${label}: the choices of ${key}`);
    stats.choices += choices.length;
    stats.docs++;
  }
  const bytes = encodeRelatedState(state);
  assert.ok(Buffer.from(bytes).equals(Buffer.from(encodeRelatedState(reference))), `${label}: the encoded state`);
  const decoded = decodeRelatedState(bytes);
  assert.ok(Buffer.from(encodeRelatedState(decoded)).equals(Buffer.from(bytes)), `${label}: decoded and encoded again`);
  return decoded;
}

export function runScenario(params: RelatedParams, shape: CorpusShape, initial: number, seed: number, ops: Op[], stats: Stats): void {
  const scenario = new Scenario(seed, shape, initial);
  let state = buildRelatedState([...scenario.docs.values()], params);
  sameAsFromScratch(state, scenario, params, stats, 'built');
  ops.forEach((step, s) => {
    const before = new Map(keysOf(state).map((key) => [key, choicesOf(state, key).join(' ')]));
    const changes = scenario.changesFor(step, state);
    const result = updateRelated(state, changes);
    const label = `step ${s} (${JSON.stringify(step)}, ${result.rebuilt ? 'rebuilt' : 'in place'})`;
    const expected = keysOf(state).filter((key) => choicesOf(state, key).join(' ') !== (before.get(key) ?? ''));
    assert.deepEqual(result.changed, expected, `${label}: the changed keys`);
    stats.steps++;
    if (result.rebuilt) stats.rebuilt++;
    const upserted = new Set(changes.upsert.map((d) => d.key));
    if (!result.rebuilt && result.changed.some((key) => !upserted.has(key))) stats.reachedOthers++;
    const decoded = sameAsFromScratch(state, scenario, params, stats, label);
    // Every third step goes on from the decoded state, as the next process would.
    if (step.c % 3 === 0) state = decoded;
  });
}

