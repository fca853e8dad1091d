// One article file → ParsedArticle or diagnostics. Pure: the bytes or text come in, nothing is read
// or written, so results can be cached by content hash and computed in worker threads.
import { error } from '../diagnostics.js';
import type { ArticleImage, ArticleSource, Diagnostic, ParseResult, ParsedArticle, RelatedRef, SourceFile } from '../types.js';
import { validateArticleFrontMatter, type ArticleFrontMatter } from './article-schema.js';
import { articleTerms } from './article-terms.js';
import { parseDate } from './dates.js';
import { decodeSource } from './decode-source.js';
import { readFrontMatter, type FrontMatter } from './front-matter.js';
import { checkMarkdownLimits } from './markdown-limits.js';
import type { MarkdownRenderer } from './markdown.js';
import { isCanonicalSlug, slugFromPath } from './slug.js';
import { isSafeUrl } from './remark/unsafe-urls.js';

export { PARSER_VERSION } from './parse-version.js';

/** How much of the plain text is kept (for excerpts); word count and terms are taken from all of it. */
export const TEXT_KEPT = 1000;

/** The file as read: its bytes are decoded first (a wrong encoding is this file's error). */
export function parseArticleFile(source: ArticleSource, timeZone: string, render: MarkdownRenderer): ParseResult {
  const decoded = decodeSource(source.path, source.bytes);
  if (!decoded.ok) return { article: null, diagnostics: [decoded.diagnostic] };
  return parseArticle({ path: source.path, relPath: source.relPath, text: decoded.text }, timeZone, render);
}

export function parseArticle(source: SourceFile, timeZone: string, render: MarkdownRenderer): ParseResult {
  const file = source.path;
  const fm = readFrontMatter(file, source.text);
  if (!fm.ok) return { article: null, diagnostics: fm.diagnostics };
  const checked = validateArticleFrontMatter(file, fm.value);
  const diagnostics: Diagnostic[] = [...fm.diagnostics, ...checked.diagnostics];
  if (!checked.ok) {
    // Report an impossible date too, so one run shows every problem of the file.
    const rawDate = fm.value.data.date;
    if (typeof rawDate === 'string' && !diagnostics.some((d) => d.rule === 'front-matter/date')) {
      const date = parseDate(rawDate, timeZone);
      if (!date.ok) diagnostics.push(error(file, 'front-matter/date', date.message, fm.value.positionOf(['date'])));
    }
    return { article: null, diagnostics };
  }
  const meta = checked.value;
  const at = (path: (string | number)[]) => fm.value.positionOf(path);

  const date = parseDate(meta.date, timeZone);
  if (!date.ok) diagnostics.push(error(file, 'front-matter/date', date.message, at(['date'])));
  const updated = meta.updated === undefined ? null : parseDate(meta.updated, timeZone);
  if (updated && !updated.ok) diagnostics.push(error(file, 'front-matter/updated', updated.message, at(['updated'])));
  if (date.ok && updated?.ok && updated.date.epochMs < date.date.epochMs) {
    diagnostics.push(error(file, 'front-matter/updated', `"updated" (${meta.updated}) is before "date" (${meta.date}). Correct one of them.`, at(['updated'])));
  }

  const slug = meta.slug ?? slugFromPath(source.relPath);
  if (!isCanonicalSlug(slug)) {
    const rule = meta.slug === undefined ? 'content/file-name' : 'front-matter/slug';
    const message =
      meta.slug === undefined
        ? `The file name gives no usable URL slug. Rename the file (letters, digits and hyphens) or set "slug:".`
        : `"slug: ${meta.slug}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "${slugFromPath(meta.slug + '.md') || 'meine-meldung'}".`;
    diagnostics.push(error(file, rule, message, meta.slug === undefined ? { line: 1, column: 1 } : at(['slug'])));
  }

  const image = readImage(file, meta, at, diagnostics);
  const related = readRelated(meta, at);
  const canonical = meta.canonical;
  if (canonical !== undefined && (!isSafeUrl(canonical) || !/^https?:\/\//i.test(canonical))) {
    diagnostics.push(error(file, 'front-matter/canonical', `"canonical" must be an absolute http(s) URL.`, at(['canonical'])));
  }
  for (const [i, r] of related.entries()) {
    if (r.kind === 'external' && (!isSafeUrl(r.url) || !/^https?:\/\//i.test(r.url))) {
      diagnostics.push(error(file, 'front-matter/related', `The related link "${r.url}" must be an absolute http(s) URL.`, at(['related', i, 'url'])));
    }
  }

  // Bodies that would stall or crash the parser are refused before it runs; anything remark still
  // throws (a stack overflow) becomes a diagnostic for this file, not the end of the build.
  const limits = checkMarkdownLimits(file, fm.value.body, fm.value.bodyLine - 1);
  if (limits.length > 0) return { article: null, diagnostics: [...diagnostics, ...limits] };
  let body: ReturnType<MarkdownRenderer>;
  try {
    body = render(fm.value.body, { file, relPath: source.relPath, lineOffset: fm.value.bodyLine - 1 });
  } catch (e) {
    const what = e instanceof RangeError ? 'it is nested too deeply' : (e as Error)?.message ?? String(e);
    diagnostics.push(error(file, 'markdown/failed', `The Markdown body could not be converted (${what}). Simplify the nesting of quotes, lists and emphasis.`, { line: fm.value.bodyLine, column: 1 }));
    return { article: null, diagnostics };
  }
  diagnostics.push(...body.diagnostics);
  if (diagnostics.some((d) => d.severity === 'error') || !date.ok) return { article: null, diagnostics };

  const article: ParsedArticle = {
    file,
    relPath: source.relPath,
    slug,
    title: meta.title,
    date: date.date,
    updated: updated?.ok ? updated.date : null,
    summary: meta.summary || null,
    authors: list(meta.authors ?? meta.author),
    tags: dedupe(list(meta.tags)),
    section: meta.section || null,
    related: [...related, ...body.related],
    relatedExclude: list(meta.related_exclude),
    draft: meta.draft ?? false,
    image,
    html: body.html,
    links: body.links,
    text: body.text.length > TEXT_KEPT ? body.text.slice(0, TEXT_KEPT) : body.text,
    wordCount: countWords(body.text),
  };
  article.terms = articleTerms({ title: article.title, text: body.text });
  return { article, diagnostics };
}

function readRelated(meta: ArticleFrontMatter, at: FrontMatter['positionOf']): RelatedRef[] {
  return (meta.related ?? []).map((entry, i) => {
    const { line, column } = at(['related', i]);
    return typeof entry === 'string'
      ? { kind: 'slug', slug: entry, line, column }
      : { kind: 'external', title: entry.title, url: entry.url, line, column };
  });
}

function readImage(file: string, meta: ArticleFrontMatter, at: FrontMatter['positionOf'], diagnostics: Diagnostic[]): ArticleImage | null {
  if (meta.image === undefined) return null;
  const image = typeof meta.image === 'string' ? { src: meta.image, alt: '' } : meta.image;
  if (!isSafeUrl(image.src)) {
    diagnostics.push(error(file, 'front-matter/image', `The image "${image.src}" must be an http(s) URL or a path.`, at(['image'])));
    return null;
  }
  if (typeof meta.image === 'string') {
    diagnostics.push(error(file, 'front-matter/image', 'The image needs a description for readers who cannot see it: write image: {src: "…", alt: "…"}.', at(['image'])));
    return null;
  }
  return {
    src: image.src,
    alt: image.alt,
    caption: meta.image.caption ?? null,
    credit: meta.image.credit ?? null,
    width: meta.image.width ?? null,
    height: meta.image.height ?? null,
  };
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

/** Words of the plain text, which has one space between words: what `text.split(' ').length` counts, without the array. */
function countWords(text: string): number {
  if (text === '') return 0;
  let words = 1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) words++;
  return words;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
