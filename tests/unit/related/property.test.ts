// After any sequence of changes, an updated state equals the state computed from scratch from the
// same documents: every document's choices, and the encoded bytes (also after a round trip
// through the encoding, and when updates go on from a decoded state). Small windows reach every
// edge of the posting lists with a few dozen documents; the default ones run on a larger corpus.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import fc from 'fast-check';
import { relatedParams, type RelatedParams } from '../../../src/site/related/index.js';
import { runScenario, type Stats } from './check.js';
import { SMALL, type CorpusShape } from './corpus.js';
import { OP_KINDS, type Op } from './scenario.js';

const op: fc.Arbitrary<Op> = fc.record({ kind: fc.nat({ max: OP_KINDS - 1 }), a: fc.nat({ max: 1000 }), b: fc.nat({ max: 1000 }), c: fc.nat({ max: 1000 }) });

function report(t: TestContext, name: string, stats: Stats): void {
  t.diagnostic(`${name}: ${JSON.stringify(stats)}`);
  const inPlace = stats.steps - stats.rebuilt;
  assert.ok(inPlace > 0.6 * stats.steps, `${name}: most steps update in place (${inPlace} of ${stats.steps})`);
  assert.ok(stats.reachedOthers > 0.1 * stats.steps, `${name}: steps in place change other documents' choices (${stats.reachedOthers} of ${stats.steps})`);
  assert.ok(stats.choices > stats.docs, `${name}: documents have choices (${stats.choices} for ${stats.docs})`);
}

/**
 * Runs `runs` scenarios of `initial` documents and up to `steps` changes each. A failure reports
 * its first counterexample; RELATED_SHRINK=1 shrinks it first (minutes, for a long one).
 */
function property(t: TestContext, name: string, params: RelatedParams, shape: CorpusShape, initial: [number, number], steps: number, seed: number, runs: number): void {
  const stats: Stats = { steps: 0, rebuilt: 0, reachedOthers: 0, choices: 0, docs: 0 };
  const scenario = fc.record({ initial: fc.integer({ min: initial[0], max: initial[1] }), seed: fc.nat({ max: 1 << 20 }), ops: fc.array(op, { minLength: 1, maxLength: steps }) });
  fc.assert(
    fc.property(scenario, (s) => runScenario(params, shape, s.initial, s.seed, s.ops, stats)),
    { seed, numRuns: runs, endOnFailure: process.env.RELATED_SHRINK === undefined },
  );
  report(t, name, stats);
}

test('small windows: random changes give the state computed from scratch', (t) => {
  const params = relatedParams({ tagPostings: 4, termPostings: 3, queryTerms: 3, rescore: 3, commonFrom: 8, maxDocumentShare: 0.3, maxChanged: 60 });
  property(t, 'small windows', params, SMALL, [0, 70], 30, 42, 400);
});

test('tiny windows, one query term, a lower minimum score: random changes give the state computed from scratch', (t) => {
  const params = relatedParams({ tagPostings: 2, termPostings: 2, queryTerms: 1, rescore: 1, commonFrom: 4, maxDocumentShare: 0.25, minScore: 0.5, maxChanged: 1000 });
  property(t, 'tiny windows', params, { clusters: 3, topics: 3, sections: 2, words: 6, general: 3 }, [0, 50], 30, 5, 200);
});

test('default parameters: random changes to a larger site give the state computed from scratch', (t) => {
  property(t, 'default parameters', relatedParams(), { clusters: 4, topics: 4, sections: 3, words: 14, general: 8 }, [150, 260], 20, 7, 60);
});
