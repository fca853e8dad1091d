// The changed article files, parsed: each result is looked up in the store by a key of the
// file's bytes and what parsing depends on, and only the others are parsed (on worker threads
// when there are many). Results go to the store as they come, so a cold build never holds every
// body; the pass keeps only each article's entry (entry.ts) and diagnostics.
import { parseMany, WORKER_THRESHOLD } from '../content/parse-pool.js';
import { limitHeapGrowth } from '../heap-growth.js';
import { contentKeyOf } from './content-key.js';
import { entryOf, type Entry } from '../site/entry.js';
import type { Store } from '../store/store.js';
import type { ArticleSource, Config, Diagnostic, ParseResult } from '../types.js';

export interface ParsedChange {
  contentKey: string;
  /** Null when the file has an error that leaves no article. */
  entry: Entry | null;
  diagnostics: Diagnostic[];
}

export async function parseChanged(changed: ReadonlyMap<string, { source: ArticleSource; hash: string }>, store: Store, config: Config): Promise<{ parsed: Map<string, ParsedChange>; misses: number }> {
  const parsed = new Map<string, ParsedChange>();
  const toParse: (ArticleSource | null)[] = [];
  const keys: string[] = [];
  // Each worker's result brings its own copy of every stem: at 10,000 articles 400,000 strings for a few thousand stems. They share one copy each.
  const stems = new Map<string, string>();
  const shared = (stem: string) => stems.get(stem) ?? (stems.set(stem, stem), stem);
  const done = (relPath: string, contentKey: string, result: ParseResult) => {
    const a = result.article;
    const terms = a?.terms ? { stems: a.terms.stems.map(shared), counts: a.terms.counts, key: a.terms.key } : null;
    parsed.set(relPath, { contentKey, entry: a && terms ? entryOf(a, contentKey, terms, config) : null, diagnostics: result.diagnostics });
  };
  for (const [relPath, { source, hash }] of changed) {
    const contentKey = contentKeyOf(source, hash, config.timeZone);
    const stored = store.memo.get(contentKey) as ParseResult | undefined;
    if (stored) done(relPath, contentKey, stored);
    else {
      toParse.push(source);
      keys.push(contentKey);
    }
  }
  const misses = toParse.length;
  if (misses >= WORKER_THRESHOLD) limitHeapGrowth();
  const relPaths = toParse.map((s) => (s as ArticleSource).relPath);
  await parseMany(toParse, config.timeZone, (i, result) => {
    const contentKey = keys[i] as string;
    // Plain data: a worker's body arrives as bytes behind getters, which the store would not see.
    const plain: ParseResult = { article: result.article ? { ...result.article, html: result.article.html, text: result.article.text } : null, diagnostics: result.diagnostics };
    store.memo.put(contentKey, plain);
    done(relPaths[i] as string, contentKey, plain);
  });
  return { parsed, misses };
}
