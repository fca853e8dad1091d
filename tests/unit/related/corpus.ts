// Synthetic documents for the tests of src/site/related/: each belongs to a cluster whose topics,
// section and words it mostly shares, with a few general words that many documents have (some
// become too common) and words of its own, so that choices are many and scores tie now and then.
import type { RelatedDoc } from '../../../src/site/related/index.js';

/** A small deterministic generator (mulberry32): the tests never depend on Math.random. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusShape {
  clusters: number;
  topics: number;
  sections: number;
  /** Words per cluster. */
  words: number;
  general: number;
}

export const SMALL: CorpusShape = { clusters: 5, topics: 6, sections: 3, words: 10, general: 6 };

export const BASE_MS = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;

/** Document number `id`, drawn from `seed`, dated `minutes` after BASE_MS. */
export function makeDoc(id: number, seed: number, minutes: number, shape: CorpusShape = SMALL): RelatedDoc {
  const next = random(seed * 7919 + id);
  const pick = (n: number) => Math.floor(next() * n);
  const cluster = pick(shape.clusters);
  const tags = new Set<string>();
  for (let k = pick(4); k > 0; k--) tags.add(`t${next() < 0.7 ? (cluster + pick(2)) % shape.topics : pick(shape.topics)}`);
  const stems = new Map<string, number>();
  for (let k = 2 + pick(9); k > 0; k--) stems.set(`c${next() < 0.85 ? cluster : pick(shape.clusters)}w${pick(shape.words)}`, 1 + pick(6));
  for (let k = pick(4); k > 0; k--) stems.set(`g${pick(shape.general)}`, 1 + pick(3));
  if (next() < 0.3) stems.set(`own${id}x${seed % 97}`, 1 + pick(4));
  return {
    key: `content/${id}.md`,
    slug: `meldung-${id}`,
    dateMs: BASE_MS + minutes * MINUTE,
    tags: [...tags],
    section: next() < 0.8 ? `s${cluster % shape.sections}` : null,
    terms: termsOf(stems),
    exclude: [],
    linked: [],
    room: next() < 0.1 ? 0 : 1 + pick(4),
  };
}

/** Stems sorted as article-terms.ts sorts them, with their counts. */
export function termsOf(stems: Map<string, number>): RelatedDoc['terms'] {
  const sorted = [...stems].sort(([a], [b]) => (a < b ? -1 : 1));
  return { stems: sorted.map(([stem]) => stem), counts: sorted.map(([, count]) => count) };
}
