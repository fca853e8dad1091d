// The key of an article's parse result in the store: everything it depends on besides the code
// (a store holds the results of one code version).
import { createHash } from 'node:crypto';
import { PARSER_VERSION } from '../content/parse-version.js';
import type { ArticleSource } from '../types.js';

export function contentKeyOf(source: Pick<ArticleSource, 'path' | 'relPath'>, hash: string, timeZone: string): string {
  return createHash('sha256').update(`${PARSER_VERSION}\0${timeZone}\0${source.path}\0${source.relPath}\0${hash}\0`).digest('base64url');
}
