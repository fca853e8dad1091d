// The front-matter of an article, checked with zod. Every issue becomes a diagnostic at the line
// of the offending key, with a message that says what to write instead.
import { z } from 'zod';
import { error, warning } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import type { FrontMatter } from './front-matter.js';

const missing = (field: string, example: string) => `"${field}" is missing. Add a line ${field}: ${example} to the front-matter.`;
const text = (field: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing(field, '"…"') : `"${field}" must be text. Write it in quotes, e.g. ${field}: "…".`) }).trim();
const nonEmpty = (field: string) => text(field).min(1, { error: `"${field}" is empty. Write the ${field} in quotes.` });
const dateText = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? missing(field, '2025-04-01') : `"${field}" must be a date like 2025-04-01 or 2025-04-01T14:30.`) })
    .trim()
    .min(1, { error: `"${field}" is empty.` });
const listOfText = (field: string) =>
  z.union([text(field), z.array(text(field), { error: `"${field}" must be a list of texts.` })], {
    error: `"${field}" must be a text or a list of texts, e.g. ${field}: ["A", "B"].`,
  });

const relatedEntry = z.union(
  [
    text('related').min(1),
    z.strictObject({
      title: nonEmpty('related title'),
      url: nonEmpty('related url'),
    }),
  ],
  { error: '"related" entries are article slugs or {title, url} pairs for external links.' },
);

const image = z.union(
  [
    nonEmpty('image'),
    z.strictObject({
      src: nonEmpty('image.src'),
      alt: text('image.alt'),
      caption: text('image.caption').optional(),
      credit: text('image.credit').optional(),
      width: z.number().int().positive().optional(),
      height: z.number().int().positive().optional(),
    }, { error: '"image" needs "src" and "alt"; "caption", "credit", "width" and "height" are optional.' }),
  ],
  { error: '"image" needs "src" and "alt"; "caption", "credit", "width" and "height" are optional.' },
);

export const articleSchema = z.object({
  title: nonEmpty('title'),
  date: dateText('date'),
  updated: dateText('updated').optional(),
  summary: text('summary').optional(),
  author: listOfText('author').optional(),
  authors: listOfText('authors').optional(),
  tags: listOfText('tags').optional(),
  section: text('section').optional(),
  slug: text('slug').optional(),
  related: z.array(relatedEntry, { error: '"related" must be a list.' }).optional(),
  related_exclude: listOfText('related_exclude').optional(),
  draft: z.boolean({ error: '"draft" must be true or false.' }).optional(),
  image: image.optional(),
  canonical: text('canonical').optional(),
});

export type ArticleFrontMatter = z.infer<typeof articleSchema>;

const KNOWN = new Set(Object.keys(articleSchema.shape));
const STRING_FIELDS = ['title', 'summary', 'section', 'slug', 'author', 'canonical'];

export function validateArticleFrontMatter(
  file: string,
  fm: FrontMatter,
): { ok: true; value: ArticleFrontMatter; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const data: Record<string, unknown> = { ...fm.data };
  for (const key of Object.keys(data)) {
    if (!KNOWN.has(key)) {
      const suggestion = closest(key, [...KNOWN]);
      diagnostics.push(
        warning(file, 'front-matter/unknown-field', `Unknown field "${key}" is ignored.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, fm.positionOf([key])),
      );
      delete data[key];
    }
  }
  for (const key of STRING_FIELDS) {
    const source = fm.plainSource([key]);
    if (source !== null && data[key] !== null) {
      if (source !== String(data[key])) {
        diagnostics.push(
          warning(file, 'front-matter/type-coercion', `"${key}: ${source}" would be read by YAML as ${String(data[key])}; it is kept as the text "${source}". Put it in quotes.`, fm.positionOf([key])),
        );
      }
      data[key] = source;
    }
  }
  if (data.draft === null) delete data.draft;
  for (const key of Object.keys(data)) if (data[key] === null) delete data[key];
  const result = articleSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(error(file, `front-matter/${String(issue.path[0] ?? 'schema')}`.replace(/_/g, '-'), issue.message, fm.positionOf(issue.path as (string | number)[])));
    }
    return { ok: false, diagnostics };
  }
  if (result.data.author !== undefined && result.data.authors !== undefined) {
    diagnostics.push(error(file, 'front-matter/authors', 'Use either "author" or "authors", not both.', fm.positionOf(['authors'])));
    return { ok: false, diagnostics };
  }
  return { ok: true, value: result.data, diagnostics };
}

function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
