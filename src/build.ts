// The build's entry point. A build first checks whether the output folder is already what these
// sources would give (build-record.ts): then it replays the last build's report and is done,
// without loading the cache, Markdown or templates. If only a few articles' contents changed, a
// quick build may revise them from the last build's snapshot (build-quick.ts). Otherwise the
// full pipeline runs (build-pipeline.ts, loaded only then).
import { resolve } from 'node:path';
import { articleAt } from './article-at.js';
import { asBuildRecord, inputKey, recordSettings, stampMap, type BuildRecord } from './build-record.js';
import { codeVersion } from './io/code-version.js';
import { readSite } from './io/read-site.js';
import { readOutput, type WriteResult } from './io/write-site.js';
import { hasErrors } from './diagnostics.js';
import type { PriorRead, SessionState } from './build-pipeline.js';
import type { SiteModel } from './site/model.js';
import { isWithin } from './site/time-window.js';
import type { Diagnostic, OutputFile } from './types.js';

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
  /** Render every page even when its fingerprint says it is unchanged. */
  force?: boolean;
  /** Called with the site model once it is collected (`blatt related` inspects it). */
  onModel?: (model: SiteModel) => void;
}

export interface BuildResult {
  /** With write: false every file of the site; after a write an empty list (the files are on disk); null on errors. */
  files: OutputFile[] | null;
  diagnostics: Diagnostic[];
  written: WriteResult | null;
  stats: { articles: number; pages: number; rendered: number; parsed: number; cached: number; timings: Record<string, number>; upToDate?: boolean };
}

/**
 * A build that can run again: the parse cache and what the output folder holds stay in memory
 * between runs (the dev server keeps one session; `blatt build` runs one build of a new session).
 */
export interface BuildSession {
  /**
   * `cacheDir: null` skips saving the cache for this run (the dev server saves it only at its
   * first build). `changed`: the files that changed since the last build of this session, when
   * the caller knows them all (the dev server's watcher); edits of article text then rebuild
   * without the whole pipeline (build-edit.ts).
   */
  build(overrides?: Partial<Pick<BuildOptions, 'now' | 'cacheDir'>> & { changed?: readonly string[] }): Promise<BuildResult>;
  /**
   * Writes the pages of edited articles (absolute paths) that can be shown before the next build
   * (build-preview.ts), and returns those whose bytes changed. Call build() after it: only that
   * brings the rest of the site up to date.
   */
  preview(paths: readonly string[]): Promise<OutputFile[]>;
  /**
   * After a build that found the output up to date (and so loaded nothing), runs the pipeline once
   * so the session holds the site model that preview() needs (writes nothing new). Then gets the
   * last build ready for edits: warms up the preview, builds the index of "Mehr zum Thema" and the
   * lookups of the edit-local rebuild. Cheap when the last build is ready already.
   */
  prepare(): Promise<void>;
  /** Whether the last build's site has an article read from this file (absolute path); false before a successful full build. */
  hasArticle(path: string): boolean;
}

export function createBuildSession(options: BuildOptions): BuildSession {
  let state: SessionState | null = null;
  // The cache module (and the word lists it brings, content/article-terms.ts) is loaded only by a
  // build that runs the pipeline: one that finds the output up to date needs neither.
  const newState = async (run: BuildOptions): Promise<SessionState> => {
    const { emptyBuildCache, loadBuildCache } = await import('./io/cache.js');
    return { ...(run.cacheDir ? loadBuildCache(resolve(run.cwd ?? process.cwd(), run.cacheDir), codeVersion()) : emptyBuildCache()), output: null };
  };
  let lastRun = options;
  return {
    async build({ changed, ...overrides } = {}) {
      const run = (lastRun = { ...options, ...overrides });
      if (state?.last && changed) {
        const { editLocalBuild } = await import('./build-edit.js');
        const result = editLocalBuild(state, changed, run);
        if (result) return result;
      }
      let read: PriorRead | undefined;
      if (!state) {
        const check = checkUpToDate(run);
        if (check.result) return check.result;
        read = check.read;
        if (check.record && read) {
          const result = await tryQuickBuild(run, read, check.record);
          if (result) return result;
        }
        state = await newState(run);
      }
      const { runBuild } = await import('./build-pipeline.js');
      return runBuild(run, state, read);
    },
    async prepare() {
      if (!state) {
        state = await newState(lastRun);
        const { runBuild } = await import('./build-pipeline.js');
        await runBuild(lastRun, state);
      }
      const { warmUp } = await import('./build-preview.js');
      warmUp(state);
      const { prepareEdits } = await import('./build-edit.js');
      prepareEdits(state);
    },
    hasArticle(path) {
      return state?.last ? articleAt(state.last, path) !== undefined : false;
    },
    async preview(paths) {
      if (!state?.last) return [];
      const { previewEdits } = await import('./build-preview.js');
      return previewEdits(state, paths);
    },
  };
}

/**
 * A quick build (build-quick.ts) when the changes allow one, else null. It never reports: anything
 * unexpected (an unreadable snapshot, a full disk) leaves the output as it was, and the full
 * build that runs instead reports it.
 */
async function tryQuickBuild(options: BuildOptions, read: PriorRead, record: BuildRecord): Promise<BuildResult | null> {
  try {
    const { quickBuild } = await import('./build-quick.js');
    return await quickBuild(options, read, record);
  } catch {
    return null;
  }
}

/**
 * Whether the output folder already holds what this build would write: the record of the build
 * that wrote it has the same input key and a time window that includes this build time, and every
 * file it wrote is still there, unchanged. Returns the result to report, or what it read (for the full build).
 */
function checkUpToDate(options: BuildOptions): { result: BuildResult | null; read?: PriorRead; record?: BuildRecord } {
  if (options.write === false || options.force) return { result: null };
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const output = readOutput(resolve(cwd, options.outDir));
  const record = asBuildRecord(output.record);
  const sources = readSite({ content: resolve(cwd, options.contentDir), templates: resolve(cwd, options.templatesDir), cwd }, record ? stampMap(record.stamps) : new Map());
  const read: PriorRead = { sources, output };
  if (!record || !output.intact || hasErrors(sources.diagnostics) || !isWithin(record.window, options.now)) return { result: null, read };
  // With the record, a quick build can tell whether only articles' contents changed (build-quick.ts).
  read.inputKey = inputKey(sources, recordSettings(options, codeVersion()));
  if (read.inputKey !== record.inputKey) return { result: null, read, record };
  const timings = { 'up-to-date check': performance.now() - started };
  return {
    result: {
      files: [],
      diagnostics: record.diagnostics,
      written: { written: 0, unchanged: output.state.size, removed: 0, changedPaths: [], state: output.state },
      stats: { articles: record.articles, pages: record.pages, rendered: 0, parsed: 0, cached: record.articles, timings, upToDate: true },
    },
  };
}

export function build(options: BuildOptions): Promise<BuildResult> {
  return createBuildSession(options).build();
}
