// The persistent build cache: parse results keyed by a hash of everything a parse result depends
// on (code version, time zone, file path and text), the stamps of the sources they came from,
// and the last automatic "Mehr zum Thema". A cache that cannot be read is simply empty.
//
// Layout, chosen by measurement at 10,000 articles: the many small fields of each article are one
// JSON text (JSON.parse reads them three times faster than v8's deserializer reads objects), and
// the long ones (body HTML and plain text) are UTF-8 bytes one after the other, found by their
// end offsets. The file is written in chunks (no copy of the whole cache in memory) to a temporary
// file that replaces the old one only when complete, so a cache is never half-written:
//
//   "BLATTC09" | bodies | meta JSON | body end offsets (f64 each) | meta bytes (u32) | body count (u32)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RelatedMemo } from '../site/related.js';
import type { ParseResult, ParsedArticle, SourceStamp } from '../types.js';
import { writeAtomically } from './write-site.js';
import { bodyBytesOf, withBodyBytes, withoutBody } from '../content/article-body.js';

const CACHE_FILE = 'build-cache.v9';
const MAGIC = Buffer.from('BLATTC09', 'latin1');
const TRAILER = 8;
/** Bodies are written in chunks of about this many bytes. */
const CHUNK = 1 << 20;

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

/** A parse result without its long strings, which are among the bodies (html, then text). */
type StoredResult = Omit<ParseResult, 'article'> & { article: Omit<ParsedArticle, 'html' | 'text'> | null };

interface Meta {
  parses: [string, StoredResult][];
  stamps: [string, SourceStamp][];
  related: BuildCache['related'];
}

export const emptyBuildCache = (): BuildCache => ({ parses: new Map(), stamps: new Map(), related: null });

export function loadBuildCache(cacheDir: string): BuildCache {
  try {
    const file = readFileSync(join(cacheDir, CACHE_FILE));
    if (file.byteLength < MAGIC.byteLength + TRAILER || !file.subarray(0, MAGIC.byteLength).equals(MAGIC)) return emptyBuildCache();
    const metaBytes = file.readUInt32LE(file.byteLength - TRAILER);
    const count = file.readUInt32LE(file.byteLength - TRAILER + 4);
    const endsStart = file.byteLength - TRAILER - 8 * count;
    const metaStart = endsStart - metaBytes;
    if (metaStart < MAGIC.byteLength) return emptyBuildCache();
    const meta = JSON.parse(file.toString('utf8', metaStart, endsStart)) as Meta;
    let next = 0;
    let start = MAGIC.byteLength;
    const body = (): Uint8Array => {
      if (next >= count) throw new Error('more articles than bodies');
      const end = file.readDoubleLE(endsStart + 8 * next++);
      if (end < start || end > metaStart) throw new Error('body out of range');
      const bytes = file.subarray(start, end);
      start = end;
      return bytes;
    };
    const parses = new Map<string, ParseResult>();
    for (const [key, result] of meta.parses) {
      const stored = result.article;
      // The bodies stay bytes, decoded when a page reads them: a rebuild reads few of them.
      const article = stored ? withBodyBytes(stored, { html: body(), text: body() }) : null;
      parses.set(key, { diagnostics: result.diagnostics, article });
    }
    if (next !== count || start !== metaStart) return emptyBuildCache();
    return { parses, stamps: new Map(meta.stamps), related: meta.related ?? null };
  } catch {
    // a missing or unreadable cache is an empty one
    return emptyBuildCache();
  }
}

export function saveBuildCache(cacheDir: string, cache: BuildCache): void {
  writeAtomically(join(cacheDir, CACHE_FILE), cacheChunks(cache));
}

/** The cache file, chunk by chunk: bodies (bytes already, unless freshly parsed on the main thread) in buffers of about CHUNK bytes. */
function* cacheChunks(cache: BuildCache): Generator<Uint8Array> {
  yield MAGIC;
  const parses: [string, StoredResult][] = [];
  const ends: number[] = [];
  let offset = MAGIC.byteLength;
  let pending: Uint8Array[] = [];
  let size = 0;
  const add = (bytes: Uint8Array) => {
    pending.push(bytes);
    size += bytes.byteLength;
    ends.push((offset += bytes.byteLength));
  };
  for (const [key, result] of cache.parses) {
    const a = result.article;
    if (a) {
      const body = bodyBytesOf(a);
      add(body.html);
      add(body.text);
      parses.push([key, { diagnostics: result.diagnostics, article: withoutBody(a) }]);
    } else parses.push([key, { diagnostics: result.diagnostics, article: null }]);
    if (size >= CHUNK) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  yield Buffer.concat(pending, size);
  const meta = Buffer.from(JSON.stringify({ parses, stamps: [...cache.stamps], related: cache.related ?? null } satisfies Meta));
  yield meta;
  const trailer = Buffer.alloc(8 * ends.length + TRAILER);
  ends.forEach((end, i) => trailer.writeDoubleLE(end, 8 * i));
  trailer.writeUInt32LE(meta.byteLength, 8 * ends.length);
  trailer.writeUInt32LE(ends.length, 8 * ends.length + 4);
  yield trailer;
}
