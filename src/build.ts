// The build, as a pipeline of pure stages with I/O at the two ends (see DESIGN.md).
// User mistakes come back as diagnostics; only bugs throw.
import { resolve } from 'node:path';
import { parseConfig } from './config.js';
import { zonedDate } from './content/dates.js';
import type { MarkdownRenderer } from './content/markdown.js';
import { parseArticle, PARSER_VERSION } from './content/parse-article.js';
import { error, hasErrors, sortDiagnostics, warning } from './diagnostics.js';
import { loadParseCache, parseCacheKey, saveParseCache } from './io/cache.js';
import { acquireOutputLock } from './io/lock.js';
import { readSite } from './io/read-site.js';
import { writeSite, type WriteResult } from './io/write-site.js';
import { renderPages } from './render/render-pages.js';
import { compileTemplates } from './render/templates.js';
import { collect } from './site/collect.js';
import { plan, planAssets } from './site/plan.js';
import type { Diagnostic, OutputFile, ParseResult, ParsedArticle } from './types.js';

export interface BuildOptions {
  contentDir: string;
  templatesDir: string;
  outDir: string;
  /** Display paths in diagnostics are relative to this folder. */
  cwd?: string;
  baseUrl?: string;
  includeDrafts?: boolean;
  /** The build time in ms since the epoch: decides embargo and "recent" news. */
  now: number;
  /** Folder of the persistent cache; null for none. */
  cacheDir?: string | null;
  /** false: return the files without touching the output folder (tests, `blatt check`). */
  write?: boolean;
  /** How long to wait for another build writing the same output folder (default 60 s). */
  lockWaitMs?: number;
}

export interface BuildResult {
  /** The site's files, or null when there were errors. */
  files: OutputFile[] | null;
  diagnostics: Diagnostic[];
  written: WriteResult | null;
  stats: { articles: number; pages: number; parsed: number; cached: number };
}

/**
 * A build that can run again: the parse cache stays in memory between runs (the dev server keeps
 * one session; `blatt build` runs one build of a fresh session).
 */
export interface BuildSession {
  build(overrides?: Partial<Pick<BuildOptions, 'now'>>): Promise<BuildResult>;
}

export function createBuildSession(options: BuildOptions): BuildSession {
  let memory: Map<string, ParseResult> | null = null;
  return {
    async build(overrides = {}) {
      const cwd = options.cwd ?? process.cwd();
      memory ??= options.cacheDir ? loadParseCache(resolve(cwd, options.cacheDir)) : new Map();
      const result = await runBuild({ ...options, ...overrides }, memory);
      memory = result.cache;
      return result.result;
    },
  };
}

export function build(options: BuildOptions): Promise<BuildResult> {
  return createBuildSession(options).build();
}

async function runBuild(options: BuildOptions, cache: Map<string, ParseResult>): Promise<{ result: BuildResult; cache: Map<string, ParseResult> }> {
  const cwd = options.cwd ?? process.cwd();
  // 1. Read every source (the only disk reads).
  const sources = readSite({ content: resolve(cwd, options.contentDir), templates: resolve(cwd, options.templatesDir), cwd });
  const diagnostics: Diagnostic[] = [...sources.diagnostics];
  // 2. Settings.
  const { config, diagnostics: configDiagnostics } = parseConfig(sources.config, options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl });
  diagnostics.push(...configDiagnostics);
  // 3. Articles, each from the cache or parsed afresh.
  const nextCache = new Map<string, ParseResult>();
  let render: MarkdownRenderer | null = null;
  const parsed: ParsedArticle[] = [];
  let fromCache = 0;
  for (const source of sources.articles) {
    const key = parseCacheKey([PARSER_VERSION, config.timeZone, source.path, source.relPath, source.text]);
    let result = cache.get(key);
    if (result) fromCache++;
    else {
      render ??= (await import('./content/markdown.js')).createMarkdownRenderer();
      result = parseArticle(source, config.timeZone, render);
    }
    nextCache.set(key, result);
    diagnostics.push(...result.diagnostics);
    if (result.article) parsed.push(result.article);
  }
  // 4. The site model: drafts, embargo, URLs, links, related articles, groupings.
  const now = zonedDate(options.now, config.timeZone);
  const { model, diagnostics: collectDiagnostics } = collect(parsed, config, { includeDrafts: options.includeDrafts ?? false, now });
  diagnostics.push(...collectDiagnostics);
  // 5. Templates and assets.
  const assets = planAssets(sources.assets);
  const { templates, diagnostics: templateDiagnostics } = compileTemplates(sources.templates, { timeZone: config.timeZone, assets: assets.urls });
  diagnostics.push(...templateDiagnostics);
  // 6. Every output path, checked before anything is rendered.
  const { specs, diagnostics: planDiagnostics } = plan(model, assets);
  diagnostics.push(...planDiagnostics);
  const stats = { articles: model.articles.length, pages: specs.length, parsed: sources.articles.length - fromCache, cached: fromCache };
  if (options.cacheDir) {
    try {
      saveParseCache(resolve(cwd, options.cacheDir), nextCache);
    } catch (e) {
      diagnostics.push(warning(options.cacheDir, 'cache/write-failed', `The cache could not be saved (${(e as Error).message}); the next build parses every article again.`));
    }
  }
  if (!templates || hasErrors(diagnostics)) return { result: { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats }, cache: nextCache };
  // 7. Render every page in memory.
  const rendered = renderPages(specs, templates);
  diagnostics.push(...rendered.diagnostics);
  if (hasErrors(diagnostics)) return { result: { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats }, cache: nextCache };
  // 8. Write: staged, then swapped in (the only disk writes besides the cache), one writer at a time.
  let written: WriteResult | null = null;
  if (options.write !== false) {
    const outDir = resolve(cwd, options.outDir);
    const lock = await acquireOutputLock(outDir, options.lockWaitMs);
    if (!lock.ok) {
      diagnostics.push(error(options.outDir, 'output/locked', `Another build (process ${lock.owner.pid}) is writing this folder and did not finish in time. Wait for it, or delete ${lock.lockPath} if no build is running.`));
      return { result: { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats }, cache: nextCache };
    }
    try {
      written = writeSite(outDir, rendered.files);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code || !['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE'].includes(code)) throw e;
      diagnostics.push(error(options.outDir, 'output/write-failed', `The site could not be written (${code}: ${(e as Error).message}). Output is replaced only by a complete build, so the previous one stays in place (a move interrupted half-way is completed by the next run); free disk space or fix the permissions and build again.`));
      return { result: { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats }, cache: nextCache };
    } finally {
      lock.release();
    }
  }
  return { result: { files: rendered.files, diagnostics: sortDiagnostics(diagnostics), written, stats }, cache: nextCache };
}
