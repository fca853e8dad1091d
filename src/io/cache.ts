// The persistent build cache: parse results keyed by a hash of everything a parse result depends
// on (code version, time zone, file path and text), the stamps of the sources they came from,
// and the last automatic "Mehr zum Thema". A cache that cannot be read is simply empty.
//
// Layout, chosen by measurement at 10,000 articles: the many small fields of each article are one
// JSON text (JSON.parse reads them three times faster than v8's deserializer reads objects), and
// the long ones (body HTML and plain text) are UTF-8 bytes in one buffer, sliced by offsets. The
// three go into one file written atomically, so a cache is never half-written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { RelatedMemo } from '../site/related.js';
import type { ParseResult, ParsedArticle, SourceStamp } from '../types.js';
import { writeAtomically } from './write-site.js';

const CACHE_FILE = 'build-cache.v9';
const FORMAT = 9;

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

/** A parse result without its long strings, which are in the body buffer (html, then text). */
type StoredResult = Omit<ParseResult, 'article'> & { article: Omit<ParsedArticle, 'html' | 'text'> | null };

interface StoredCache {
  format: number;
  /** JSON of the parse results, stamps and related choices. */
  meta: string;
  /** Per parse result with an article: end offsets of its html and of its text in `bodies`. */
  ends: Float64Array;
  bodies: Uint8Array;
}

interface Meta {
  parses: [string, StoredResult][];
  stamps: [string, SourceStamp][];
  related: BuildCache['related'];
}

const empty = (): BuildCache => ({ parses: new Map(), stamps: new Map(), related: null });

export function loadBuildCache(cacheDir: string): BuildCache {
  try {
    const stored = deserialize(readFileSync(join(cacheDir, CACHE_FILE))) as StoredCache;
    if (stored.format !== FORMAT) return empty();
    const meta = JSON.parse(stored.meta) as Meta;
    const bodies = Buffer.from(stored.bodies.buffer, stored.bodies.byteOffset, stored.bodies.byteLength);
    const parses = new Map<string, ParseResult>();
    let start = 0;
    let next = 0;
    const slice = () => {
      const end = stored.ends[next++] as number;
      const text = bodies.toString('utf8', start, end);
      start = end;
      return text;
    };
    for (const [key, result] of meta.parses) {
      const a = result.article;
      parses.set(key, { diagnostics: result.diagnostics, article: a ? ({ ...a, html: slice(), text: slice() } as ParsedArticle) : null });
    }
    if (next !== stored.ends.length || start !== bodies.byteLength) return empty();
    return { parses, stamps: new Map(meta.stamps), related: meta.related ?? null };
  } catch {
    // a missing or unreadable cache is an empty one
    return empty();
  }
}

export function saveBuildCache(cacheDir: string, cache: BuildCache): void {
  const parses: [string, StoredResult][] = [];
  const chunks: Buffer[] = [];
  const ends: number[] = [];
  let offset = 0;
  const add = (text: string) => {
    const bytes = Buffer.from(text);
    chunks.push(bytes);
    offset += bytes.byteLength;
    ends.push(offset);
  };
  for (const [key, result] of cache.parses) {
    const a = result.article;
    if (a) {
      const { html, text, ...rest } = a;
      add(html);
      add(text);
      parses.push([key, { diagnostics: result.diagnostics, article: rest }]);
    } else parses.push([key, { diagnostics: result.diagnostics, article: null }]);
  }
  const meta: Meta = { parses, stamps: [...cache.stamps], related: cache.related ?? null };
  const stored: StoredCache = { format: FORMAT, meta: JSON.stringify(meta), ends: Float64Array.from(ends), bodies: Buffer.concat(chunks, offset) };
  writeAtomically(join(cacheDir, CACHE_FILE), serialize(stored));
}
