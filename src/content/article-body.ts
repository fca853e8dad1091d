// An article's body (HTML and plain text) held as UTF-8 bytes, in memory or in a file of bodies
// (io/body-file.ts): that is how parse workers send it and how the cache stores it, so a body
// crosses threads and the disk without being re-encoded, and is decoded (and read from its file)
// only when a page that shows it is rendered.
import type { ParsedArticle } from '../types.js';
import type { StoredBody } from '../io/body-file.js';

export interface BodyBytes {
  html: Uint8Array;
  text: Uint8Array;
}

/** A body in memory, or where it is in a file. */
export type Body = BodyBytes | StoredBody;

const bodies = new WeakMap<ParsedArticle, Body>();
const decoder = new TextDecoder();
const encoder = new TextEncoder();

const isStored = (body: Body): body is StoredBody => 'file' in body;
const htmlBytes = (body: Body) => (isStored(body) ? body.file.read(body.start, body.htmlEnd) : body.html);
const textBytes = (body: Body) => (isStored(body) ? body.file.read(body.htmlEnd, body.end) : body.text);

// Every such article is an instance of this class, whose getters decode the body on each read.
// Getters on one shared prototype (not on each object) keep one hidden class with fast properties
// for all articles, so reading their fields stays fast.
class ArticleWithBody {
  get html(): string {
    return decoder.decode(htmlBytes(bodies.get(this as unknown as ParsedArticle) as Body));
  }
  get text(): string {
    return decoder.decode(textBytes(bodies.get(this as unknown as ParsedArticle) as Body));
  }
}

/** The article with `html` and `text` decoded from `body` whenever they are read. */
export function withBody(fields: Omit<ParsedArticle, 'html' | 'text'>, body: Body): ParsedArticle {
  const article = Object.assign(new ArticleWithBody(), fields) as unknown as ParsedArticle;
  bodies.set(article, body);
  return article;
}

/** The article's body as bytes: those it was made from (read from their file if stored), or freshly encoded. */
export function bodyBytesOf(article: ParsedArticle): BodyBytes {
  const body = bodies.get(article);
  if (!body) return { html: encoder.encode(article.html), text: encoder.encode(article.text) };
  if (!isStored(body)) return body;
  const bytes = body.file.read(body.start, body.end);
  return { html: bytes.subarray(0, body.htmlEnd - body.start), text: bytes.subarray(body.htmlEnd - body.start) };
}

/** Where the article's body is stored, if it is in a file. */
export function storedBodyOf(article: ParsedArticle): StoredBody | undefined {
  const body = bodies.get(article);
  return body && isStored(body) ? body : undefined;
}

/** The article's fields without the body (nothing is decoded). */
export function withoutBody(article: ParsedArticle): Omit<ParsedArticle, 'html' | 'text'> {
  if (bodies.has(article)) return { ...article }; // html and text live on the prototype
  const { html: _html, text: _text, ...fields } = article;
  return fields;
}
