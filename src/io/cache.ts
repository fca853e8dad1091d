// The persistent build cache: parse results keyed by a hash of everything a parse result depends
// on (code version, time zone, file path and text), the stamps of the sources they came from,
// and the last automatic "Mehr zum Thema". A cache that cannot be read is simply empty.
//
// Layout, chosen by measurement at 10,000 articles: the many small fields of each article are one
// JSON text (JSON.parse reads them three times faster than v8's deserializer reads objects), and
// the long ones (body HTML and plain text) are UTF-8 bytes, in any order, found by their offsets.
// Loading reads the small fields only; the bodies stay in the file until a page needs one
// (io/body-file.ts). The file is written in chunks (no copy of the whole cache in memory) to a
// temporary file that replaces the old one only when complete, so a cache is never half-written:
//
//   "BLATTC12" | version bytes (u32) | version | bodies | meta JSON | terms JSON | per article: body start, end of HTML, end of text (f64 each) | meta bytes (u32) | terms bytes (u32) | article count (u32)
//
// The terms of each article ("Mehr zum Thema") are split: their key is among the small fields,
// their stems and counts are in a section of their own, read only when some build needs them
// (io/stored-terms.ts). Most rebuilds reuse the related choices and need only the keys.
//
// A cold build begins its new cache file before parsing (beginBaseCache) and appends each body to
// it as it comes from a parse worker, so the bodies (47 MB at 10,000 articles) are never all in
// memory; saving then adds what is missing, the small fields and the offsets.
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
import { hash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { RelatedMemo } from '../site/related.js';
import type { ParseResult, ParsedArticle, SourceStamp } from '../types.js';
import { BodyFile, type StoredBody } from './body-file.js';
import { isRunning } from './lock.js';
import { StoredTerms, TermsSection, termsEntry, type TermsEntry } from './stored-terms.js';
import { bodyBytesOf, storedBodyOf, withBody, withoutBody } from '../content/article-body.js';

const CACHE_FILE = 'build-cache.v11';
const DELTA_FILE = 'build-cache.v11.delta';
/** A delta may hold this many entries, or this share of all entries if that is more. */
const DELTA_ENTRIES = 64;
const DELTA_SHARE = 0.05;
const MAGIC = Buffer.from('BLATTC12', 'latin1');
const TRAILER = 12;
/** The small fields are written in chunks of about this many characters. */
const CHUNK = 1 << 20;
/** Offsets of one article's body: start, end of HTML, end of text. */
const RANGE = 24;

/** A hash of `parts`, each followed by a NUL (one call: 10,000 keys in 20-30 ms instead of 50-80). */
export function parseCacheKey(parts: readonly (string | number)[]): string {
  return hash('sha256', `${parts.join('\0')}\0`, 'base64url');
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

/** A parse result without its long strings, which are among the bodies (html, then text), and with only the key of its terms. */
type StoredResult = Omit<ParseResult, 'article'> & { article: (Omit<ParsedArticle, 'html' | 'text' | 'terms'> & { terms?: { key: string } }) | null };

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
  let file: BodyFile | null = null;
  try {
    const expected = header(version);
    file = BodyFile.open(path);
    const size = file.length;
    // Another version's file: nothing in it could be used, so nothing more is read.
    if (size < expected.byteLength + TRAILER || !file.read(0, expected.byteLength).equals(expected)) throw new Error('another version');
    const trailer = file.read(size - TRAILER, size);
    const metaBytes = trailer.readUInt32LE(0);
    const termsBytes = trailer.readUInt32LE(4);
    const count = trailer.readUInt32LE(8);
    const rangesStart = size - TRAILER - RANGE * count;
    const termsStart = rangesStart - termsBytes;
    const metaStart = termsStart - metaBytes;
    if (metaStart < expected.byteLength) throw new Error('offsets out of range');
    const meta = JSON.parse(file.read(metaStart, termsStart).toString('utf8')) as Meta;
    const ranges = file.read(rangesStart, rangesStart + RANGE * count);
    const bodyFile = file;
    const terms = new TermsSection(() => bodyFile.read(termsStart, rangesStart).toString('utf8'));
    let next = 0;
    const body = (): StoredBody => {
      if (next >= count) throw new Error('more articles than bodies');
      const at = RANGE * next++;
      const start = ranges.readDoubleLE(at);
      const htmlEnd = ranges.readDoubleLE(at + 8);
      const end = ranges.readDoubleLE(at + 16);
      if (!(expected.byteLength <= start && start <= htmlEnd && htmlEnd <= end && end <= metaStart)) throw new Error('body out of range');
      return { file: bodyFile, start, htmlEnd, end };
    };
    const parses = new Map<string, ParseResult>();
    meta.parses.forEach(([key, result], i) => {
      const stored = result.article;
      // The bodies stay in the file, read and decoded when a page shows them: a rebuild reads few of them.
      const article = stored ? withBody(stored as Omit<ParsedArticle, 'html' | 'text'>, body()) : null;
      if (article && stored?.terms) article.terms = new StoredTerms(stored.terms.key, terms, i, article);
      parses.set(key, { diagnostics: result.diagnostics, article });
    });
    if (next !== count) throw new Error('fewer articles than bodies');
    if (count === 0) file.close();
    return { meta, parses };
  } catch {
    // a missing or unreadable cache is an empty one
    file?.close();
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

/**
 * A new base cache file, begun before a cold build parses: the parse workers' bodies are appended
 * to it as they come (content/parse-pool.ts), and saveBuildCache finishes it. Null when the cache
 * folder cannot be written (the bodies then stay in memory, and saving fails with a warning).
 */
export function beginBaseCache(cacheDir: string, version: string): BodyFile | null {
  try {
    mkdirSync(cacheDir, { recursive: true });
    removeLeftovers(cacheDir);
    return BodyFile.create(temporaryPath(join(cacheDir, CACHE_FILE)), header(version));
  } catch {
    return null;
  }
}

/**
 * Saves the cache of code version `version`: only the entries its base file lacks, into the delta
 * file, when they are few; otherwise all of it as a new base, into `draft` when given
 * (beginBaseCache). Returns what the base file holds now. A draft that does not become the base
 * loses its name; its bodies stay readable.
 */
export function saveBuildCache(cacheDir: string, cache: BuildCache, version: string, draft?: BodyFile | null): StoredBase {
  try {
    const stored = cache.stored;
    if (stored) {
      const missing = [...cache.parses].filter(([key]) => !stored.keys.has(key));
      if (missing.length <= Math.max(DELTA_ENTRIES, DELTA_SHARE * cache.parses.size)) {
        writeCacheFile(join(cacheDir, DELTA_FILE), missing, cache, { base: stored.id }, version);
        return stored;
      }
    }
    const id = randomUUID();
    writeCacheFile(join(cacheDir, CACHE_FILE), cache.parses, cache, { id }, version, draft);
    draft = null;
    rmSync(join(cacheDir, DELTA_FILE), { force: true });
    removeLeftovers(cacheDir);
    return { id, keys: new Set(cache.parses.keys()) };
  } finally {
    draft?.unlink();
  }
}

/** Writes a cache file to `path`, through `draft` (which holds some of the bodies already) or a new temporary file. */
function writeCacheFile(path: string, entries: Iterable<[string, ParseResult]>, cache: BuildCache, ids: Pick<Meta, 'id' | 'base'>, version: string, draft?: BodyFile | null): void {
  mkdirSync(dirname(path), { recursive: true });
  const file = draft ?? BodyFile.create(temporaryPath(path), header(version));
  try {
    const parses: [string, StoredResult][] = [];
    const terms: TermsEntry[] = [];
    const ranges: number[] = [];
    for (const [key, result] of entries) {
      const a = result.article;
      if (a) {
        const inFile = storedBodyOf(a);
        const body = inFile?.file === file ? inFile : file.store(bodyBytesOf(a));
        ranges.push(body.start, body.htmlEnd, body.end);
        const { terms: articleTerms, ...fields } = withoutBody(a);
        parses.push([key, { diagnostics: result.diagnostics, article: articleTerms ? { ...fields, terms: { key: articleTerms.key } } : fields }]);
        terms.push(termsEntry(articleTerms));
      } else {
        parses.push([key, { diagnostics: result.diagnostics, article: null }]);
        terms.push(0);
      }
    }
    let metaBytes = 0;
    for (const chunk of metaChunks({ ...ids, parses, stamps: [...cache.stamps], related: cache.related ?? null })) {
      metaBytes += chunk.byteLength;
      file.append(chunk);
    }
    let termsBytes = 0;
    for (const chunk of jsonArrayChunks(terms)) {
      termsBytes += chunk.byteLength;
      file.append(chunk);
    }
    const trailer = Buffer.alloc(8 * ranges.length + TRAILER);
    ranges.forEach((offset, i) => trailer.writeDoubleLE(offset, 8 * i));
    trailer.writeUInt32LE(metaBytes, 8 * ranges.length);
    trailer.writeUInt32LE(termsBytes, 8 * ranges.length + 4);
    trailer.writeUInt32LE(ranges.length / 3, 8 * ranges.length + 8);
    file.append(trailer);
    file.commit(path);
  } catch (e) {
    file.unlink();
    throw e;
  } finally {
    // A draft stays open: the build reads its bodies. A file written here has no body anyone reads.
    if (file !== draft) file.close();
  }
}

/** A name beside `path` no other writer uses: this machine, this process, a number. */
let temporaryFiles = 0;
const temporaryPath = (path: string) => `${path}.${hostname()}-${process.pid}-${++temporaryFiles}.tmp`;
const TEMPORARY = /^(?:build-cache|articles)\.v\d+(?:\.delta)?\.(.+)-(\d+)-\d+\.tmp$/;

/**
 * Files nothing reads any more: cache files of earlier formats (an upgrade of Blatt changes the
 * name), and temporary files of builds on this machine that no longer run (a cold build killed
 * or interrupted while parsing leaves its draft, as large as the cache).
 */
function removeLeftovers(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    const temporary = TEMPORARY.exec(name);
    const stale = temporary
      ? !isRunning({ host: temporary[1] as string, pid: Number(temporary[2]) })
      : /^(build-cache|articles)\.v\d+(\.delta)?$/.test(name) && name !== CACHE_FILE && name !== DELTA_FILE;
    if (stale) rmSync(join(cacheDir, name), { force: true });
  }
}

/**
 * JSON.stringify(meta), byte for byte, in pieces of about CHUNK characters: at 10,000 articles
 * the whole text is 21 million characters (42 MB as a JavaScript string, German quotes make it
 * two bytes a character), which a cold build would otherwise hold next to its site model.
 */
function* metaChunks(meta: Meta): Generator<Uint8Array> {
  const { parses, stamps, related, ...ids } = meta;
  const head = JSON.stringify(ids);
  yield Buffer.from(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"parses":`);
  yield* jsonArrayChunks(parses);
  yield Buffer.from(`,"stamps":${JSON.stringify(stamps)},"related":${JSON.stringify(related)}}`);
}

/** JSON.stringify(items), byte for byte, in pieces of about CHUNK characters. */
function* jsonArrayChunks(items: readonly unknown[]): Generator<Uint8Array> {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    text += (i > 0 ? ',' : '') + JSON.stringify(items[i]);
    if (text.length >= CHUNK) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(`${text}]`);
}
