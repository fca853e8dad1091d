// The one pass every build is: find what changed in the sources (and whether the build time
// crossed a moment the output depends on), parse the changed articles, update the site index,
// check the articles that reads reach, choose "Mehr zum Thema" again where it may change, build
// and render the pages whose facts changed, write the bytes that changed. Nothing changed is the
// empty change set: the pass finds no work. A cold build is the same pass over an empty store.
// User mistakes are diagnostics; only bugs throw.
import { resolve } from 'node:path';
import { error, hasErrors, sortDiagnostics } from '../diagnostics.js';
import { acquireOutputLock, type LockResult } from '../io/lock.js';
import { recoverOutput } from '../io/output.js';
import { readSettingsFile } from '../io/new-file.js';
import type { Templates } from '../render/templates.js';
import { isWithin } from '../site/time-window.js';
import { planAssets } from '../site/assets-plan.js';
import type { Store } from '../store/store.js';
import type { Diagnostic } from '../types.js';
import { FactStore, valueHash } from './fact-store.js';
import type { Head } from './head.js';
import type { BuildOptions, BuildResult, PassHints } from './options.js';
import { Readers } from './readers.js';
import type { RelatedState } from '../site/related/index.js';
import { packStamps, readSourceChanges, unpackStamps, type PackedStamps, type Stamps } from './sources.js';

export interface PassSession {
  store: Store;
  /** Compiled templates, kept while their sources stay the same (a dev session compiles them once). */
  templates: { key: string; templates: Templates } | null;
  /**
   * What this session's last pass committed and the next one reads again: the stamps and (once a
   * pass needed it) the related state. It is the store's while the target's head names that pass
   * (see Head.pass), so a dev session decodes neither after every save.
   */
  last: { pass: string; stamps: Stamps; related: RelatedState | null } | null;
}

export async function runPass(options: BuildOptions, session: PassSession, hints: PassHints = {}): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let last = performance.now();
  const mark = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - last;
    last = now;
  };
  const { store } = session;
  const cwd = resolve(options.cwd ?? '.');
  const folders = { content: resolve(cwd, options.contentDir), templates: resolve(cwd, options.templatesDir), cwd };
  const outDir = resolve(cwd, options.outDir);
  const write = options.write !== false;
  const includeDrafts = options.includeDrafts ?? false;
  const notes: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const stats = { articles: 0, pages: 0, rendered: 0, parsed: 0, cached: 0, timings, upToDate: false };
  const failed = (): BuildResult => {
    store.discard();
    return { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats, notes };
  };

  // The target: this output folder, built from these folders with these options and settings.
  const settingsText = readSettingsFile(folders.content, cwd)?.text ?? null;
  const targetKey = valueHash({ outDir, folders, baseUrl: options.baseUrl ?? null, includeDrafts, settings: settingsText });
  const tables = store.target(targetKey);
  const head = tables.meta.get('head') as Head | undefined;
  let lock: LockResult | null = null;
  let trusted = false;
  if (write) {
    lock = await acquireOutputLock(outDir, options.lockWaitMs).catch((e: NodeJS.ErrnoException) => {
      if (!isDiskError(e)) throw e;
      diagnostics.push(error(options.outDir, 'output/write-failed', `The output folder cannot be locked for writing (${e.code}: ${e.message}). Nothing was changed; free disk space or fix the permissions and build again.`));
      return null;
    });
    if (!lock) return failed();
    if (!lock.ok) {
      diagnostics.push(error(options.outDir, 'output/locked', `Another build (process ${lock.owner.pid}) is writing this folder and did not finish in time. Wait for it, or delete ${lock.lockPath} if no build is running.`));
      return failed();
    }
  }
  try {
    if (write) {
      const recovery = recoverOutput(outDir, targetKey, head?.generation ?? 0);
      trusted = recovery.trusted;
      if (recovery.interrupted === 'completed') notes.push(`An earlier build was interrupted after it had saved its work; its files were moved into ${options.outDir}/ now.`);
      if (recovery.interrupted === 'discarded') notes.push(`An earlier build was interrupted before it had saved its work; what it had staged was thrown away, and ${options.outDir}/ was not changed by it.`);
    }
    mark('lock');

    // 1. What changed in the sources.
    // Taken: a pass that changes what was kept hands it back only with its commit.
    const last = head && session.last?.pass === head.pass ? session.last : null;
    session.last = null;
    const before = last ? last.stamps : unpackStamps(tables.meta.get('stamps') as PackedStamps | undefined);
    const sources = readSourceChanges(folders, before, hints.changed);
    diagnostics.push(...sources.diagnostics);
    const assets = planAssets(sources.assets);
    const templatesKey = valueHash(sources.templates.map((t) => [t.relPath, t.text]));
    const assetsKey = valueHash([...assets.urls]);
    const facts = new FactStore(tables.facts as never);
    const readers = new Readers(tables.readers as never);
    const window = head ? { from: head.window.from ?? -Infinity, until: head.window.until ?? Infinity } : null;
    const clockMoved = !window || !isWithin(window, options.now);
    stats.articles = sources.articles;
    mark('read');
    const nothingChanged = head && !options.inspect && sources.changed.size === 0 && !clockMoved && head.templates === templatesKey && head.assets === assetsKey && (trusted || !write) && !options.force && !hasErrors(diagnostics);
    if (nothingChanged) {
      // The empty change set. Files touched without a change (a fresh checkout) get their new stamps.
      const restamped = write && sources.stampsChanged;
      if (restamped) {
        tables.meta.put('stamps', packStamps(sources.stamps));
        store.commit();
      } else store.discard();
      if (before) session.last = { pass: head.pass, stamps: restamped ? sources.stamps : before, related: last?.related ?? null };
      return { files: [], diagnostics: head.report, written: write ? { written: 0, removed: 0, changedPaths: [] } : null, stats: { ...stats, articles: head.articles, pages: head.pages, cached: sources.articles, upToDate: true }, notes };
    }
    // Work to do: the stages are loaded only now (a pass with none loads neither Markdown nor templates).
    const { work } = await import('./work.js');
    return await work({ options, hints, session, last, tables, head, sources, assets, templatesKey, assetsKey, facts, readers, trusted, targetKey, outDir, write, includeDrafts, diagnostics, notes, stats, mark, failed });
  } finally {
    if (lock?.ok) lock.release();
  }
}

/** Errors of the disk or the file system (full, read-only, no permission): the user's to fix, not bugs. */
export function isDiskError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code !== undefined && ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE'].includes(code);
}
