// The dev server's early preview of an edit: the edited article's own page, parsed, rendered and
// written on its own, in milliseconds, before the full rebuild. The full rebuild follows at once
// and decides everything else (lists, feeds, sitemaps, other articles' "Mehr zum Thema"); it
// finds the early page's bytes already in place, so the page is not written or reloaded twice.
// An edit the early preview cannot show exactly on its own (new URL, date, topics, links, an
// error) is left to the full rebuild.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors } from './diagnostics.js';
import { createMarkdownRenderer, type MarkdownRenderer } from './content/markdown.js';
import { articleTerms } from './content/article-terms.js';
import { parseArticleFile } from './content/parse-article.js';
import { articleAt } from './article-at.js';
import { looksIncomplete } from './dev/incomplete.js';
import { contentHash } from './io/read-site.js';
import { replaceOutputFiles } from './io/write-site.js';
import { reviseArticle } from './site/collect.js';
import { articlePage } from './site/plan.js';
import { indexOfChoices } from './site/related.js';
import type { LastBuild, SessionState } from './build-pipeline.js';
import type { Article } from './site/model.js';
import type { OutputFile, ParseResult } from './types.js';

let renderer: MarkdownRenderer | null = null;
let lastParse: { key: string; result: ParseResult } | null = null;

/**
 * An edited article's file parsed in the main thread (the few articles an edit touches). The
 * rebuild after a preview parses the same bytes: it gets the preview's result.
 */
export function parseEdit(article: Article, bytes: Uint8Array, hash: string, timeZone: string): ParseResult {
  const key = `${article.file}\u0000${hash}\u0000${timeZone}`;
  if (lastParse?.key !== key) {
    renderer ??= createMarkdownRenderer();
    lastParse = { key, result: parseArticleFile({ path: article.file, relPath: article.relPath, bytes }, timeZone, renderer) };
  }
  return lastParse.result;
}

/** The pages of edited articles (absolute `paths`) that can be shown before the full rebuild, rendered; nothing is written. */
export function earlyPages(last: LastBuild, paths: readonly string[]): OutputFile[] {
  const { model } = last;
  const files: OutputFile[] = [];
  for (const path of paths) {
    const article = articleAt(last, path);
    if (!article) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // deleted or unreadable: the full rebuild reports it
    }
    if (looksIncomplete(bytes.toString('utf8'))) continue;
    const parsed = parseEdit(article, bytes, contentHash(bytes), model.config.timeZone);
    if (!parsed.article || hasErrors(parsed.diagnostics)) continue;
    const revised = reviseArticle(article, parsed.article);
    if (!revised) continue;
    const spec = articlePage(model, last.site, revised);
    if (spec.kind !== 'template') continue;
    try {
      files.push({ path: spec.path, contents: last.templates.render(spec.template, spec.context()) });
    } catch {
      continue; // a template mistake: the full rebuild reports it
    }
  }
  return files;
}

/**
 * Gets a session ready for edits: renders the newest article's page once without writing it (the
 * first preview would otherwise wait for remark to load and compile, about 300 ms), and builds
 * the index "Mehr zum Thema" was chosen from, so that an edit's rebuild updates it
 * (build-edit.ts) instead of choosing for the whole site (300 ms at 10,000 articles).
 */
export function warmUp(session: SessionState): void {
  const last = session.last;
  if (!last || warm.has(last)) return;
  warm.add(last);
  const newest = last.model.articles[0];
  if (newest) earlyPages(last, [resolve(last.contentDir, newest.relPath)]);
  if (last.relatedIndex === undefined) last.relatedIndex = indexOfChoices(last.model, (a) => a.terms ?? articleTerms(a));
}

/** The builds warmUp has got ready. */
const warm = new WeakSet<LastBuild>();

/** Renders and writes the early pages of `paths`; returns the files whose bytes changed. */
export function previewEdits(session: SessionState, paths: readonly string[]): OutputFile[] {
  const last = session.last;
  if (!last || !session.output) return [];
  const files = earlyPages(last, paths);
  if (files.length === 0) return [];
  const changed = replaceOutputFiles(last.outDir, files, session.output);
  for (const file of changed) session.previewedSince?.add(file.path);
  return changed;
}
