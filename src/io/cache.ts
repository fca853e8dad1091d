// The persistent build cache: parse results keyed by a hash of everything a parse result depends
// on (code version, time zone, file path and text), and the stamps of the sources they came from. v8 serialization keeps
// loading fast; a cache that cannot be read is simply empty.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { RelatedMemo } from '../site/related.js';
import type { ParseResult, ParsedArticle, SourceStamp } from '../types.js';
import { writeAtomically } from './write-site.js';

const CACHE_FILE = 'build-cache.v8';

export function parseCacheKey(parts: readonly (string | number)[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(String(part)).update('\0');
  return h.digest('base64url');
}

export interface BuildCache {
  /** Parse results by parse key. */
  parses: Map<string, ParseResult>;
  /** Source stamps by display path: which files need not be read again. */
  stamps: Map<string, SourceStamp>;
  /** The automatic "Mehr zum Thema" of the last build, and the code version that chose them. */
  related?: { version: string; memo: RelatedMemo } | null;
}

// German text is not Latin-1, so v8 would store it as UTF-16: the long strings of an article are
// stored as UTF-8 bytes instead, which halves the cache and the time to read it.
type StoredResult = Omit<ParseResult, 'article'> & { article: (Omit<ParsedArticle, 'html' | 'text'> & { html: Uint8Array; text: Uint8Array }) | null };

const decoder = new TextDecoder();

export function loadBuildCache(cacheDir: string): BuildCache {
  try {
    const value = deserialize(readFileSync(join(cacheDir, CACHE_FILE))) as { parses?: Map<string, StoredResult>; stamps?: Map<string, SourceStamp>; related?: BuildCache['related'] };
    if (value.parses instanceof Map && value.stamps instanceof Map) {
      const parses = new Map<string, ParseResult>();
      for (const [key, stored] of value.parses) {
        const a = stored.article;
        parses.set(key, { ...stored, article: a ? { ...a, html: decoder.decode(a.html), text: decoder.decode(a.text) } : null });
      }
      return { parses, stamps: value.stamps, related: value.related ?? null };
    }
  } catch {
    // a missing or unreadable cache is an empty one
  }
  return { parses: new Map(), stamps: new Map(), related: null };
}

export function saveBuildCache(cacheDir: string, cache: BuildCache): void {
  const parses = new Map<string, StoredResult>();
  for (const [key, result] of cache.parses) {
    const a = result.article;
    parses.set(key, { ...result, article: a ? { ...a, html: Buffer.from(a.html), text: Buffer.from(a.text) } : null });
  }
  writeAtomically(join(cacheDir, CACHE_FILE), serialize({ ...cache, parses }));
}
