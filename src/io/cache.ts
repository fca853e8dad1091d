// The persistent parse cache: one file per cache folder, keyed by a hash of everything a parse
// result depends on (parser version, time zone, file path and text). v8 serialization keeps
// loading fast; a cache that cannot be read is simply empty.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParseResult } from '../types.js';
import { writeAtomically } from './write-site.js';

const CACHE_FILE = 'articles.v8';

export function parseCacheKey(parts: readonly (string | number)[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(String(part)).update('\0');
  return h.digest('base64url');
}

export function loadParseCache(cacheDir: string): Map<string, ParseResult> {
  try {
    const value = deserialize(readFileSync(join(cacheDir, CACHE_FILE)));
    return value instanceof Map ? (value as Map<string, ParseResult>) : new Map();
  } catch {
    return new Map();
  }
}

export function saveParseCache(cacheDir: string, entries: Map<string, ParseResult>): void {
  writeAtomically(join(cacheDir, CACHE_FILE), serialize(entries));
}
