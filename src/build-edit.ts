// The dev server's rebuild after an edit of articles' text, without the whole pipeline. When the
// watcher names only article files, and each edit leaves the article's URL, dates, teaser, topics
// and links as they were (collect.ts: isLocalRevision, sameTeaser), the last build's model, page
// specs and signatures stay valid except for what those articles' text reaches:
// - their own pages and the feeds that carry their text (the page specs with them as an input);
// - when their terms changed, "Mehr zum Thema" is chosen again (related.ts: for the whole site,
//   or, when the stems stayed the same, where the articles are looked at), and the pages of
//   articles whose choices changed.
// Those pages are made again, fingerprinted, and written if their bytes changed; nothing else is
// read, planned or rendered. The manifest is left to the next full build: until then the
// rewritten files do not match it, so a build that starts after an interruption rewrites them.
// Anything else (a new, deleted or broken file, templates, settings, the clock passing an
// embargo) returns null, and the session runs the full pipeline (build-pipeline.ts).
import { lstatSync, readFileSync } from 'node:fs';
import type { BuildOptions, BuildResult } from './build.js';
import type { LastBuild, SessionState } from './build-pipeline.js';
import { articleAt } from './article-at.js';
import { parseEdit } from './build-preview.js';
import { articleTerms } from './content/article-terms.js';
import { contentHash, statStamp } from './io/read-site.js';
import { replaceOutputFiles } from './io/write-site.js';
import { feedSpecs } from './render/feeds.js';
import { renderPage } from './render/render-pages.js';
import { applyRevision, isLocalRevision, sameTeaser } from './site/collect.js';
import { articleOfInput, articleSignature, pageFingerprint } from './site/fingerprint.js';
import type { Article } from './site/model.js';
import { articlePage, type PageSpec } from './site/plan.js';
import { chooseAllRelated, updateRelated, type RelatedMemo } from './site/related.js';
import { outputPathOf } from './site/permalinks.js';
import { isWithin } from './site/time-window.js';
import type { OutputFile, ParseResult, SourceStamp } from './types.js';

interface Edit {
  article: Article;
  result: ParseResult;
  key: string;
  stamp: SourceStamp;
}

/** Rebuilds after edits of the article files `changed` (absolute paths), or returns null when only the full pipeline can. */
export function editLocalBuild(session: SessionState, changed: readonly string[], options: BuildOptions): BuildResult | null {
  const started = performance.now();
  const last = session.last;
  const output = session.output;
  if (!last || !output || changed.length === 0 || !isWithin(last.window, options.now)) return null;
  const edits = readEdits(session, last, changed);
  if (!edits) return null;

  // Only now is anything changed: the session's model, cache and signatures, then the output.
  const termsOf = (a: Article) => a.terms ?? articleTerms(a);
  const termsChanged = edits.some((e) => e.result.article?.terms?.key !== termsOf(e.article).key);
  for (const { article, result, key, stamp } of edits) {
    session.parses.delete(last.parseKeys.get(article.relPath) as string);
    session.parses.set(key, result);
    session.stamps.set(article.file, stamp);
    last.parseKeys.set(article.relPath, key);
    applyRevision(article, result.article as NonNullable<ParseResult['article']>);
  }
  const { model } = last;
  const urlOf = (relPath: string) => last.byRelPath.get(relPath)?.url;
  for (const { article, key } of edits) last.signatures.set(article.relPath, articleSignature(article, key, urlOf));

  // Pages to make again: those that read an edited article, and those whose "Mehr zum Thema" changed.
  const paths = new Set<string>();
  const { readers, pageOf } = lookups(last);
  for (const { article } of edits) for (const path of readers.get(article.relPath) ?? []) paths.add(path);
  const timings: Record<string, number> = {};
  if (termsChanged) {
    const relatedStarted = performance.now();
    const before = session.related?.memo;
    const edited = edits.map((e) => model.articles.indexOf(e.article));
    // The same stems with other counts: only the articles that look at the edited ones choose again.
    const updated = before && last.relatedIndex !== undefined ? updateRelated(model, last.relatedIndex, before, edited, termsOf) : null;
    let memo = updated?.memo;
    if (updated) {
      for (const i of updated.changed) paths.add(outputPathOf((model.articles[i] as Article).url));
    } else {
      for (const a of model.articles) a.relatedLinks = a.relatedLinks.filter((l) => l.source === 'editor');
      const chosen = chooseAllRelated(model, termsOf);
      last.relatedIndex = chosen.index;
      memo = chosen.memo;
      model.articles.forEach((a, i) => {
        if ((chosen.memo.choices[i] ?? []).join('\u0000') !== (before?.choices[i] ?? []).join('\u0000')) paths.add(outputPathOf(a.url));
      });
    }
    session.related = { version: session.related?.version ?? '', memo: memo as RelatedMemo };
    timings[updated ? 'related, updated' : 'related, whole site'] = performance.now() - relatedStarted;
  }
  let feeds: Map<string, PageSpec> | null = null;
  const remade: PageSpec[] = [];
  for (let i = 0; i < last.specs.length; i++) {
    const spec = last.specs[i] as PageSpec;
    if (!paths.has(spec.path)) continue;
    const article = spec.kind === 'template' && spec.template === 'article' ? pageOf.get(spec.path) : undefined;
    // Feeds remember what they rendered: made again from the revised model.
    const again = article ? articlePage(model, last.site, article) : (feeds ??= new Map(feedSpecs(model).map((f) => [f.path, f]))).get(spec.path);
    if (!again) return fullBuildAfterAll(session);
    last.specs[i] = again;
    remade.push(again);
  }

  // Render what changed, write what differs.
  const files: OutputFile[] = [];
  for (const spec of remade) {
    const fingerprint = pageFingerprint(spec, last.global, last.signatures);
    const entry = output.get(spec.path);
    if (entry?.fingerprint === fingerprint) continue;
    try {
      files.push({ path: spec.path, contents: renderPage(spec, last.templates), fingerprint });
    } catch {
      return fullBuildAfterAll(session); // a template mistake: the full build reports it with its file and line
    }
  }
  const written = replaceOutputFiles(last.outDir, files, output);
  const changedPaths = written.map((f) => f.path).sort();
  return {
    files: [],
    diagnostics: last.diagnostics,
    written: { written: written.length, unchanged: output.size - written.length, removed: 0, changedPaths, state: output },
    stats: {
      articles: model.articles.length,
      pages: last.specs.length,
      rendered: files.length,
      parsed: edits.length,
      cached: model.articles.length - edits.length,
      timings: { 'edit-local rebuild': performance.now() - started, ...timings },
    },
  };
}

/** The edits, parsed; null unless every changed path is an existing article whose edit is local and error-free (before and after). */
function readEdits(session: SessionState, last: LastBuild, changed: readonly string[]): Edit[] | null {
  const edits: Edit[] = [];
  const withDiagnostics = new Set(last.diagnostics.map((d) => d.file));
  for (const path of new Set(changed)) {
    const article = articleAt(last, path);
    if (!article || withDiagnostics.has(article.file)) return null;
    let bytes: Buffer;
    let stat: string;
    try {
      bytes = readFileSync(path);
      const s = lstatSync(path);
      if (!s.isFile()) return null; // a symbolic link now: the full build reports it
      stat = statStamp(s);
    } catch {
      return null;
    }
    const hash = contentHash(bytes);
    const before = session.stamps.get(article.file);
    if (before?.hash === hash) {
      session.stamps.set(article.file, { stat, hash }); // saved again unchanged
      continue;
    }
    const result = parseEdit(article, bytes, hash, last.model.config.timeZone);
    const parsed = result.article;
    if (!parsed || result.diagnostics.length > 0 || !isLocalRevision(article, parsed) || !sameTeaser(article, parsed)) return null;
    edits.push({ article, result, key: last.parseKeyOf(article.file, article.relPath, hash), stamp: { stat, hash } });
  }
  return edits;
}

interface Lookups {
  /** Output paths of the pages that read each article (its relPath is an input, not only its teaser). */
  readers: Map<string, string[]>;
  /** The article of each article page. */
  pageOf: Map<string, Article>;
}

const lookupsOf = new WeakMap<LastBuild, Lookups>();

/** Makes the lookups of the last build ahead of the first edit (the dev server calls it when idle). */
export function prepareEdits(session: SessionState): void {
  if (session.last) lookups(session.last);
}

/** Made once per full build, on its first edit-local rebuild (an edit changes neither: same URLs, same feed items). */
function lookups(last: LastBuild): Lookups {
  let found = lookupsOf.get(last);
  if (!found) {
    const readers = new Map<string, string[]>();
    for (const spec of last.specs) {
      for (const input of spec.inputs) {
        if (articleOfInput(input)?.kind !== 'article') continue;
        const list = readers.get(input);
        if (list) list.push(spec.path);
        else readers.set(input, [spec.path]);
      }
    }
    lookupsOf.set(last, (found = { readers, pageOf: new Map(last.model.articles.map((a) => [outputPathOf(a.url), a])) }));
  }
  return found;
}

/** A page this module cannot make again: the session forgets its last build, so the full pipeline runs (and reports). */
function fullBuildAfterAll(session: SessionState): null {
  session.last = null;
  return null;
}
