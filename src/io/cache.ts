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
//   "BLATTC10" | version bytes (u32) | version | bodies | meta JSON | body end offsets (f64 each) | meta bytes (u32) | body count (u32)
//
// The version is the code version (io/code-version.ts) of the build that wrote the file. Every
// parse key contains it too, so a file from another version holds nothing a build could use: it
// is not even read (after an upgrade, loading it would hold 65 MB at 10,000 articles in memory
// next to the parse workers for nothing).
//
// A build that parsed few articles does not rewrite the whole cache (65 MB at 10,000 articles):
// it writes the entries the base file lacks, with the current stamps and related choices, to a
// delta file of the same layout that names its base by id. Loading reads the base, then the
// delta if it belongs to that base. Once the delta would hold more than a twentieth of the
// entries, the next save writes a new base and removes the delta. A lost or stale delta costs
// only time: parse keys are content hashes, and stamps are checked against the files anyway.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RelatedMemo } from '../site/related.js';
import type { ParseResult, ParsedArticle, SourceStamp } from '../types.js';
import { writeAtomically } from './write-site.js';
import { bodyBytesOf, withBodyBytes, withoutBody } from '../content/article-body.js';

const CACHE_FILE = 'build-cache.v9';
const DELTA_FILE = 'build-cache.v9.delta';
/** A delta may hold this many entries, or this share of all entries if that is more. */
const DELTA_ENTRIES = 64;
const DELTA_SHARE = 0.05;
const MAGIC = Buffer.from('BLATTC10', 'latin1');
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
  /** The base file in the cache folder: its id and the parse keys it holds (null: none to add to). */
  stored?: StoredBase | null;
}

export interface StoredBase {
  id: string;
  keys: ReadonlySet<string>;
}

/** A parse result without its long strings, which are among the bodies (html, then text). */
type StoredResult = Omit<ParseResult, 'article'> & { article: Omit<ParsedArticle, 'html' | 'text'> | null };

interface Meta {
  /** This file's id; a delta also names the id of its base. */
  id?: string;
  base?: string;
  parses: [string, StoredResult][];
  stamps: [string, SourceStamp][];
  related: BuildCache['related'];
}

export const emptyBuildCache = (): BuildCache => ({ parses: new Map(), stamps: new Map(), related: null, stored: null });

/** The cache in `cacheDir`, if the build of code version `version` wrote it; else an empty one. */
export function loadBuildCache(cacheDir: string, version: string): BuildCache {
  const base = readCacheFile(join(cacheDir, CACHE_FILE), version);
  if (!base || base.meta.base !== undefined) return emptyBuildCache();
  const { meta, parses } = base;
  const cache: BuildCache = { parses, stamps: new Map(meta.stamps), related: meta.related ?? null, stored: meta.id ? { id: meta.id, keys: new Set(parses.keys()) } : null };
  const delta = meta.id ? readCacheFile(join(cacheDir, DELTA_FILE), version) : null;
  if (delta && delta.meta.base === meta.id) {
    for (const [key, result] of delta.parses) parses.set(key, result);
    cache.stamps = new Map(delta.meta.stamps);
    cache.related = delta.meta.related ?? null;
  }
  return cache;
}

function readCacheFile(path: string, version: string): { meta: Meta; parses: Map<string, ParseResult> } | null {
  try {
    const expected = header(version);
    if (!startsWith(path, expected)) return null;
    const file = readFileSync(path);
    if (file.byteLength < expected.byteLength + TRAILER) return null;
    const metaBytes = file.readUInt32LE(file.byteLength - TRAILER);
    const count = file.readUInt32LE(file.byteLength - TRAILER + 4);
    const endsStart = file.byteLength - TRAILER - 8 * count;
    const metaStart = endsStart - metaBytes;
    if (metaStart < expected.byteLength) return null;
    const meta = JSON.parse(file.toString('utf8', metaStart, endsStart)) as Meta;
    let next = 0;
    let start = expected.byteLength;
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
    if (next !== count || start !== metaStart) return null;
    return { meta, parses };
  } catch {
    // a missing or unreadable cache is an empty one
    return null;
  }
}

/** The first bytes of a cache file written by code version `version`. */
function header(version: string): Buffer {
  const bytes = Buffer.from(version, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.byteLength);
  return Buffer.concat([MAGIC, length, bytes]);
}

/** Whether the file at `path` begins with `expected` (reads only that much). */
function startsWith(path: string, expected: Buffer): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(expected.byteLength);
    return readSync(fd, head, 0, head.byteLength, 0) === head.byteLength && head.equals(expected);
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves the cache of code version `version`: only the entries its base file lacks, into the delta
 * file, when they are few; otherwise all of it as a new base. Returns what the base file holds now.
 */
export function saveBuildCache(cacheDir: string, cache: BuildCache, version: string): StoredBase {
  const stored = cache.stored;
  if (stored) {
    const missing = [...cache.parses].filter(([key]) => !stored.keys.has(key));
    if (missing.length <= Math.max(DELTA_ENTRIES, DELTA_SHARE * cache.parses.size)) {
      writeAtomically(join(cacheDir, DELTA_FILE), cacheChunks(missing, cache, { base: stored.id }, version));
      return stored;
    }
  }
  const id = randomUUID();
  writeAtomically(join(cacheDir, CACHE_FILE), cacheChunks(cache.parses, cache, { id }, version));
  rmSync(join(cacheDir, DELTA_FILE), { force: true });
  return { id, keys: new Set(cache.parses.keys()) };
}

/** A cache file, chunk by chunk: bodies (bytes already, unless freshly parsed on the main thread) in buffers of about CHUNK bytes. */
function* cacheChunks(entries: Iterable<[string, ParseResult]>, cache: BuildCache, ids: Pick<Meta, 'id' | 'base'>, version: string): Generator<Uint8Array> {
  const head = header(version);
  yield head;
  const parses: [string, StoredResult][] = [];
  const ends: number[] = [];
  let offset = head.byteLength;
  let pending: Uint8Array[] = [];
  let size = 0;
  const add = (bytes: Uint8Array) => {
    pending.push(bytes);
    size += bytes.byteLength;
    ends.push((offset += bytes.byteLength));
  };
  for (const [key, result] of entries) {
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
  let metaBytes = 0;
  for (const chunk of metaChunks({ ...ids, parses, stamps: [...cache.stamps], related: cache.related ?? null })) {
    metaBytes += chunk.byteLength;
    yield chunk;
  }
  const trailer = Buffer.alloc(8 * ends.length + TRAILER);
  ends.forEach((end, i) => trailer.writeDoubleLE(end, 8 * i));
  trailer.writeUInt32LE(metaBytes, 8 * ends.length);
  trailer.writeUInt32LE(ends.length, 8 * ends.length + 4);
  yield trailer;
}

/**
 * JSON.stringify(meta), byte for byte, in pieces of about CHUNK characters: at 10,000 articles
 * the whole text is 21 million characters (42 MB as a JavaScript string, German quotes make it
 * two bytes a character), which a cold build would otherwise hold next to its site model.
 */
function* metaChunks(meta: Meta): Generator<Uint8Array> {
  const { parses, stamps, related, ...ids } = meta;
  const head = JSON.stringify(ids);
  let text = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"parses":[`;
  for (let i = 0; i < parses.length; i++) {
    text += (i > 0 ? ',' : '') + JSON.stringify(parses[i]);
    if (text.length >= CHUNK) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(`${text}],"stamps":${JSON.stringify(stamps)},"related":${JSON.stringify(related)}}`);
}
