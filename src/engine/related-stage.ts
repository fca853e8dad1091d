// Automatic "Mehr zum Thema" in the pass: the related state (site/related/) lives in the target's
// index, is updated with the articles whose part in it changed (their topics, section, terms,
// date, exclusions, or the editor's own entries), and sets the `auto` fact of each article whose
// choices changed. A pass that changes none of that does not even read the state.
import { choicesOf, decodeRelatedState, emptyRelatedState, encodeRelatedState, updateRelated, type RelatedDoc, type RelatedState } from '../site/related/index.js';
import type { Entry } from '../site/entry.js';
import { factKey, type ArticleFact, type EditorLink } from '../site/facts.js';
import type { TargetTables } from '../store/store.js';
import type { Config } from '../types.js';
import { valueHash, type FactStore } from './fact-store.js';

const STATE_KEY = 'related';
const DOC_PREFIX = 'related-doc/';
const EDITOR_PREFIX = factKey.editor('');

/**
 * `articles`: those whose entry or place in the site changed in this pass. `state`: the related
 * state as the store holds it, loaded only when it is needed (and then changed in place).
 */
export function updateRelatedFacts(tables: TargetTables, facts: FactStore, config: Config, articles: ReadonlySet<string>, state: () => RelatedState): { rescored: number } {
  const touched = new Set(articles);
  for (const key of facts.changed) if (key.startsWith(EDITOR_PREFIX)) touched.add(key.slice(EDITOR_PREFIX.length));
  if (touched.size === 0) return { rescored: 0 };
  const upsert: RelatedDoc[] = [];
  const remove: string[] = [];
  for (const relPath of [...touched].sort()) {
    const article = facts.get<ArticleFact>(factKey.article(relPath));
    const entry = tables.entries.get(relPath) as Entry | undefined;
    // What the choices read of an article; a new summary or text that keeps its terms changes none of it.
    const doc = article && entry ? docOf(entry, article, facts.get<EditorLink[]>(factKey.editor(relPath)) ?? [], config.relatedCount) : null;
    const signature = doc ? valueHash(doc) : null;
    if ((tables.index.get(`${DOC_PREFIX}${relPath}`) ?? null) === signature) continue;
    if (signature) tables.index.put(`${DOC_PREFIX}${relPath}`, signature);
    else tables.index.remove(`${DOC_PREFIX}${relPath}`);
    if (doc) upsert.push(doc);
    else remove.push(relPath);
  }
  if (upsert.length === 0 && remove.length === 0) return { rescored: 0 };
  const related = state();
  const { changed, rescored } = updateRelated(related, { upsert, remove });
  for (const relPath of remove) facts.remove(factKey.auto(relPath));
  for (const relPath of changed) {
    const choices = choicesOf(related, relPath);
    if (choices.length > 0) facts.set(factKey.auto(relPath), choices);
    else facts.remove(factKey.auto(relPath));
  }
  tables.index.put(STATE_KEY, encodeRelatedState(related));
  return { rescored };
}

/** The related state as the target's index holds it (with this pass's changes). */
export function relatedState(tables: TargetTables): RelatedState {
  const stored = tables.index.get(STATE_KEY) as Uint8Array | undefined;
  return stored ? decodeRelatedState(stored) : emptyRelatedState();
}

function docOf(entry: Entry, article: ArticleFact, editor: readonly EditorLink[], wanted: number): RelatedDoc {
  return {
    key: entry.relPath,
    slug: entry.slug,
    dateMs: entry.date.epochMs,
    tags: article.tags,
    section: article.section,
    terms: { stems: entry.terms.stems, counts: entry.terms.counts },
    exclude: entry.relatedExclude,
    linked: editor.flatMap((link) => ('article' in link ? [link.article] : [])),
    room: wanted - editor.length,
  };
}
