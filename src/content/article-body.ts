// An article's body (HTML and plain text) held as UTF-8 bytes: that is how parse workers send it
// and how the cache stores it, so a body crosses threads and the disk without being re-encoded,
// and is decoded only when a page that shows it is rendered.
import { copyWithout, defineComputed } from '../lazy.js';
import type { ParsedArticle } from '../types.js';

export interface BodyBytes {
  html: Uint8Array;
  text: Uint8Array;
}

const bodies = new WeakMap<ParsedArticle, BodyBytes>();
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The article with `html` and `text` decoded from `body` whenever they are read. */
export function withBodyBytes(fields: Omit<ParsedArticle, 'html' | 'text'>, body: BodyBytes): ParsedArticle {
  const article = fields as ParsedArticle;
  defineComputed(article, 'html', () => decoder.decode(body.html));
  defineComputed(article, 'text', () => decoder.decode(body.text));
  bodies.set(article, body);
  return article;
}

/** The article's body as bytes: those it was made from, or freshly encoded. */
export function bodyBytesOf(article: ParsedArticle): BodyBytes {
  return bodies.get(article) ?? { html: encoder.encode(article.html), text: encoder.encode(article.text) };
}

/** The article's fields without the body (nothing is decoded). */
export function withoutBody(article: ParsedArticle): Omit<ParsedArticle, 'html' | 'text'> {
  return copyWithout(article, ['html', 'text']);
}
