// An article's body (HTML and plain text) held as UTF-8 bytes: that is how parse workers send it
// and how the cache stores it, so a body crosses threads and the disk without being re-encoded,
// and is decoded only when a page that shows it is rendered.
import type { ParsedArticle } from '../types.js';
import { shareStems } from './article-terms.js';

export interface BodyBytes {
  html: Uint8Array;
  text: Uint8Array;
}

const bodies = new WeakMap<ParsedArticle, BodyBytes>();
const decoder = new TextDecoder();
const encoder = new TextEncoder();

// Every such article is an instance of this class, whose getters decode the body on each read.
// Getters on one shared prototype (not on each object) keep one hidden class with fast properties
// for all articles, so reading their fields stays fast.
class ArticleWithBodyBytes {
  get html(): string {
    return decoder.decode((bodies.get(this as unknown as ParsedArticle) as BodyBytes).html);
  }
  get text(): string {
    return decoder.decode((bodies.get(this as unknown as ParsedArticle) as BodyBytes).text);
  }
}

/** The article with `html` and `text` decoded from `body` whenever they are read. */
export function withBodyBytes(fields: Omit<ParsedArticle, 'html' | 'text'>, body: BodyBytes): ParsedArticle {
  // The fields come from a worker or the cache, as copies: their stems are shared again.
  if (fields.terms) shareStems(fields.terms);
  const article = Object.assign(new ArticleWithBodyBytes(), fields) as unknown as ParsedArticle;
  bodies.set(article, body);
  return article;
}

/** The article's body as bytes: those it was made from, or freshly encoded. */
export function bodyBytesOf(article: ParsedArticle): BodyBytes {
  return bodies.get(article) ?? { html: encoder.encode(article.html), text: encoder.encode(article.text) };
}

/** The article's fields without the body (nothing is decoded). */
export function withoutBody(article: ParsedArticle): Omit<ParsedArticle, 'html' | 'text'> {
  if (bodies.has(article)) return { ...article }; // html and text live on the prototype
  const { html: _html, text: _text, ...fields } = article;
  return fields;
}
