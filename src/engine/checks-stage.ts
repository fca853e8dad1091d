// The checks of the articles a pass must look at again: those whose entry or place changed, and
// those that read a fact that changed. Each check's reads are recorded like a page's; its
// matched "Mehr zum Thema" entries become the article's `editor` fact, which its page and the
// automatic choices read.
import { checkArticle } from '../site/article-checks.js';
import type { Entry } from '../site/entry.js';
import { factKey } from '../site/facts.js';
import type { Table } from '../store/table.js';
import type { Diagnostic } from '../types.js';
import type { FactStore } from './fact-store.js';
import { joinIds, splitIds, type Readers } from './readers.js';
import { Reads } from './reads.js';

interface CheckRecord {
  /** The fact keys it read, joined (readers.ts). */
  reads: string;
  diagnostics: Diagnostic[];
}

export const checkId = (relPath: string) => `c:${relPath}`;

/** Runs the checks of `relPaths`; returns each one's diagnostics (an empty list for an article that is gone). */
export function runChecks(relPaths: Iterable<string>, tables: { entries: Table<Entry>; records: Table<unknown> }, facts: FactStore, readers: Readers): Map<string, Diagnostic[]> {
  const results = new Map<string, Diagnostic[]>();
  for (const relPath of relPaths) {
    const id = checkId(relPath);
    const before = tables.records.get(id) as CheckRecord | undefined;
    const entry = tables.entries.get(relPath);
    if (!entry) {
      tables.records.remove(id);
      readers.record(id, splitIds(before?.reads), []);
      facts.remove(factKey.editor(relPath));
      results.set(relPath, []);
      continue;
    }
    const reads = new Reads(facts);
    const { diagnostics, editor } = checkArticle(entry, reads);
    const keys = reads.keys;
    tables.records.put(id, { reads: joinIds(keys), diagnostics } satisfies CheckRecord);
    readers.record(id, splitIds(before?.reads), keys);
    if (editor) facts.set(factKey.editor(relPath), editor);
    else facts.remove(factKey.editor(relPath));
    results.set(relPath, diagnostics);
  }
  return results;
}
