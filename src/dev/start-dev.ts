// `blatt dev`: one build session, a preview server and a watcher, wired together. The first build
// runs before the server answers; every later change goes through the scheduler (debounced, one
// build at a time). A failed build leaves the last good pages on disk and in the browser and
// shows its errors in the overlay and the terminal; the next good build removes the overlay.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createBuildSession } from '../engine/session.js';
import { hasErrors } from '../diagnostics.js';
import { stateDirOf } from '../io/output.js';
import type { Diagnostic } from '../types.js';
import { createLiveReload } from './live-reload.js';
import { contentsFrom, editedStylesheets, outputPaths } from './output-files.js';
import { createPageTracker } from './page-changes.js';
import { createScheduler } from './scheduler.js';
import { createPreviewServer } from './server.js';
import { settleSources } from './settle.js';
import { watchFolders } from './watcher.js';

export interface DevOptions {
  contentDir: string;
  templatesDir: string;
  outDir: string;
  cwd: string;
  /** 0 picks a free port. */
  port: number;
  baseUrl?: string;
  cacheDir: string | null;
  /** The build time of each build (the clock, or a fixed time). */
  now: () => number;
  /** Quiet time before a rebuild, in ms (default 100: a burst of saves gives one build; 5 when only articles changed). */
  quietMs?: number;
  /** Wait before reading a half-written file again, in ms. */
  retryMs?: number;
  report(event: DevEvent): void;
}

export type DevEvent =
  | { kind: 'listening'; url: string }
  | { kind: 'build'; ok: boolean; first: boolean; ms: number; trigger: string[]; changedPaths: string[]; reloaded: number; diagnostics: Diagnostic[]; pages: number; articles: number; notes: string[] }
  | { kind: 'incomplete'; paths: string[] }
  | { kind: 'watch-error'; message: string }
  /** A bug in Blatt (not in the content): the server keeps running with the last good pages. */
  | { kind: 'build-crash'; message: string };

export interface DevServer {
  url: string;
  port: number;
  /** Resolves when no rebuild is waiting or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a rebuild waits for more saves. A saved article costs a pass of a few milliseconds,
 * so waiting to group such saves only delays the page: its pass starts after ARTICLE_QUIET_MS.
 * Anything else (templates, settings, assets, files copied in) waits `quietMs`, so a burst of
 * them (a `git checkout`) gives one pass.
 */
const ARTICLE_QUIET_MS = 5;

export function quietTime(quietMs: number, isArticle: (path: string) => boolean): (pending: ReadonlySet<string>) => number {
  return (pending) => {
    for (const path of pending) if (!isArticle(path)) return quietMs;
    return Math.min(ARTICLE_QUIET_MS, quietMs);
  };
}

export async function startDev(options: DevOptions): Promise<DevServer> {
  const abs = (p: string) => resolve(options.cwd, p);
  const outDir = abs(options.outDir);
  const live = createLiveReload(outDir);
  const assetsDir = join(abs(options.templatesDir), 'assets');
  const server = createPreviewServer(outDir, assetsDir, live);
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const session = createBuildSession({
    contentDir: options.contentDir,
    templatesDir: options.templatesDir,
    outDir: options.outDir,
    cwd: options.cwd,
    baseUrl: options.baseUrl ?? url,
    includeDrafts: true,
    now: options.now(),
    cacheDir: options.cacheDir,
    write: true,
  });
  const tracker = createPageTracker();
  /** A bug in Blatt, not in the content: reported, and the server goes on with the last good pages. */
  const reportCrash = (e: unknown) => options.report({ kind: 'build-crash', message: (e as Error)?.stack ?? String(e) });
  let built = false;

  const rebuild = async (trigger: string[]) => {
    try {
      await buildOnce(trigger);
    } catch (e) {
      reportCrash(e);
    }
  };
  const buildOnce = async (trigger: string[]) => {
    const incomplete = await settleSources(trigger, options.retryMs ?? 100);
    if (incomplete.length > 0) options.report({ kind: 'incomplete', paths: incomplete });
    const started = performance.now();
    const result = await session.build(trigger.length === 0 ? { now: options.now() } : { now: options.now(), changed: trigger });
    const ms = performance.now() - started;
    const ok = result.files !== null && !hasErrors(result.diagnostics);
    let reloaded = 0;
    if (ok) {
      const contentsOf = contentsFrom(result, outDir);
      const changedPaths = result.written?.changedPaths ?? [];
      let changes;
      if (built) changes = tracker.update(changedPaths, contentsOf);
      else {
        // The first good build: remember every page; pages opened before it (on an older output,
        // or on the placeholder while the first build failed) reload if their file was written.
        tracker.reset(outputPaths(outDir), contentsOf);
        changes = { pages: new Set(changedPaths), stylesheets: new Map<string, string>() };
        built = true;
      }
      reloaded = changes.pages.size;
      live.changed(changes);
    } else {
      live.problems(result.diagnostics);
    }
    options.report({
      kind: 'build', ok, first: trigger.length === 0, ms, trigger, changedPaths: result.written?.changedPaths ?? [], reloaded,
      diagnostics: result.diagnostics, pages: result.stats.pages, articles: result.stats.articles, notes: result.notes,
    });
  };

  await rebuild([]);
  const contentDir = abs(options.contentDir);
  const isArticle = (path: string) => path.startsWith(contentDir) && /\.(md|markdown)$/i.test(path);
  const scheduler = createScheduler(quietTime(options.quietMs ?? 100, isArticle), (paths) => rebuild(paths));
  // Right after a save, before the rebuild: an edited stylesheet is shown straight from
  // templates/assets/ (a CSS change re-renders every page, their links carry its hash).
  const early = createScheduler(5, async (paths) => {
    const stylesheets = editedStylesheets(assetsDir, paths);
    if (stylesheets.length > 0) live.stylesheetsEdited(stylesheets);
  });
  const watcher = watchFolders({
    folders: [abs(options.contentDir), abs(options.templatesDir)],
    exclude: [outDir, stateDirOf(outDir), ...(options.cacheDir ? [abs(options.cacheDir)] : [])],
    onChange: (path) => {
      early.notify(path);
      scheduler.notify(path);
    },
    onError: (e) => options.report({ kind: 'watch-error', message: e.message }),
  });
  await watcher.ready;
  options.report({ kind: 'listening', url });

  return {
    url,
    port,
    idle: () => scheduler.idle(),
    async close() {
      scheduler.close();
      early.close();
      await watcher.close();
      await scheduler.idle();
      session.close();
      live.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
