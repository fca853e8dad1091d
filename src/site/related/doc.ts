// A document as the caller gives it, and as the state stores it in its slot: checked, copied
// (the caller may change its arrays later), topics without repeats; read back for a rebuild.
import { idFor } from './postings.js';
import { reserve } from './ragged.js';
import type { RelatedState } from './state.js';

export interface RelatedDoc {
  /** Stable identity: the article's content-relative path. */
  key: string;
  slug: string;
  /** The order is newest first: dateMs descending, then slug, then key. */
  dateMs: number;
  /** Topic slugs in the article's order (a repeated one counts once). */
  tags: readonly string[];
  /** Section slug. */
  section: string | null;
  /** Stemmed text terms (src/content/article-terms.ts): distinct stems in the article's order (alphabetical there), and their weighted counts, positive integers. */
  terms: { readonly stems: readonly string[]; readonly counts: readonly number[] };
  /** Slugs never chosen for this article (related_exclude). */
  exclude: readonly string[];
  /** Keys of the articles the editor links in "Mehr zum Thema" already (never chosen automatically). */
  linked: readonly string[];
  /** How many automatic choices the article wants; 0 or less: none. */
  room: number;
}

/** A checked copy of `doc`; what cannot come from an article (a repeated stem, a count that is no positive integer) is a bug of the caller. */
export function normalizeDoc(doc: RelatedDoc): RelatedDoc {
  const { stems, counts } = doc.terms;
  const problem =
    !Number.isFinite(doc.dateMs) ? 'dateMs is not a finite number'
    : !Number.isInteger(doc.room) || Math.abs(doc.room) > 0x7fffffff ? 'room is not an integer'
    : stems.length !== counts.length ? 'terms have not as many counts as stems'
    : counts.some((c) => !Number.isInteger(c) || c < 1 || c > 0x7fffffff) ? 'a term count is not a positive integer'
    : new Set(stems).size !== stems.length ? 'a stem is repeated'
    : null;
  if (problem) throw new TypeError(`related document ${doc.key}: ${problem}`);
  return {
    key: doc.key,
    slug: doc.slug,
    dateMs: doc.dateMs + 0, // -0 is 0 in the order, and must be in the bytes too
    tags: [...new Set(doc.tags)],
    section: doc.section,
    terms: { stems: [...stems], counts: [...counts] },
    exclude: [...doc.exclude],
    linked: [...doc.linked],
    room: doc.room,
  };
}

/** Stores `doc` (normalized) in `slot`: its inputs only; weights and postings are the caller's. */
export function writeDoc(state: RelatedState, slot: number, doc: RelatedDoc): void {
  const docs = state.docs;
  docs.slugs[slot] = doc.slug;
  docs.dateMs[slot] = doc.dateMs;
  docs.room[slot] = doc.room;
  docs.section[slot] = doc.section === null ? -1 : idFor(state.sections, doc.section);
  const tagsAt = reserve(docs.tags, slot, doc.tags.length);
  doc.tags.forEach((tag, k) => ((docs.tags.ints[0] as Int32Array)[tagsAt + k] = idFor(state.tags, tag)));
  const { stems, counts } = doc.terms;
  const termsAt = reserve(docs.terms, slot, stems.length);
  const ids = docs.terms.ints[0] as Int32Array;
  const countColumn = docs.terms.ints[1] as Int32Array;
  stems.forEach((stem, k) => {
    ids[termsAt + k] = idFor(state.terms, stem);
    countColumn[termsAt + k] = counts[k] as number;
  });
  setSparse(docs.exclude, slot, doc.exclude);
  setSparse(docs.linked, slot, doc.linked);
}

function setSparse(map: Map<number, readonly string[]>, slot: number, list: readonly string[]): void {
  if (list.length > 0) map.set(slot, list);
  else map.delete(slot);
}

/** The document stored in `slot`. */
export function readDoc(state: RelatedState, slot: number): RelatedDoc {
  const docs = state.docs;
  const section = docs.section[slot] as number;
  const termsAt = docs.terms.start[slot] as number;
  const termCount = docs.terms.length[slot] as number;
  const ids = Array.from((docs.terms.ints[0] as Int32Array).subarray(termsAt, termsAt + termCount));
  return {
    key: docs.keys[slot] as string,
    slug: docs.slugs[slot] as string,
    dateMs: docs.dateMs[slot] as number,
    tags: tagNamesOf(state, slot),
    section: section < 0 ? null : (state.sections.names[section] as string),
    terms: { stems: ids.map((id) => state.terms.names[id] as string), counts: Array.from((docs.terms.ints[1] as Int32Array).subarray(termsAt, termsAt + termCount)) },
    exclude: docs.exclude.get(slot) ?? [],
    linked: docs.linked.get(slot) ?? [],
    room: docs.room[slot] as number,
  };
}

export function tagNamesOf(state: RelatedState, slot: number): string[] {
  const tags = state.docs.tags;
  const at = tags.start[slot] as number;
  return Array.from((tags.ints[0] as Int32Array).subarray(at, at + (tags.length[slot] as number)), (id) => state.tags.names[id] as string);
}

/** What differs between the document in `slot` and `doc`: null when nothing does. */
export interface DocChange {
  /** Date or slug: its place in the order. */
  order: boolean;
  tags: boolean;
  section: boolean;
  terms: boolean;
  /** Exclusions, editor's links or room: what only its own choices read. */
  own: boolean;
}

export function changeOf(state: RelatedState, slot: number, doc: RelatedDoc): DocChange | null {
  const old = readDoc(state, slot);
  const same = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((x, k) => x === b[k]);
  const change: DocChange = {
    order: old.dateMs !== doc.dateMs || old.slug !== doc.slug,
    tags: !same(old.tags, doc.tags),
    section: old.section !== doc.section,
    terms: !same(old.terms.stems, doc.terms.stems) || !same(old.terms.counts, doc.terms.counts),
    own: !same(old.exclude, doc.exclude) || !same(old.linked, doc.linked) || old.room !== doc.room,
  };
  return change.order || change.tags || change.section || change.terms || change.own ? change : null;
}
