// The work of a pass that found changes: parse the changed articles, update the site index, check
// the articles that reads reach, choose "Mehr zum Thema" again where it may change, build and
// render the pages whose facts changed, then commit the journal, the store and the output.
// Loaded only by a pass with something to do.
import { randomUUID } from 'node:crypto';
import { error, hasErrors, sortDiagnostics } from '../diagnostics.js';
import { outputFiles, StagedOutput } from '../io/output.js';
import { parseConfig } from '../config.js';
import { compileTemplates } from '../render/templates.js';
import { checkPaths } from '../site/assets-plan.js';
import type { Entry } from '../site/entry.js';
import { factKey, type ListsFact } from '../site/facts.js';
import { HOME_LIST } from '../site/lists.js';
import type { BuildContext } from '../site/page-builders.js';
import { FIXED_RECIPES, type Recipe } from '../site/recipes.js';
import { updateSiteIndex } from '../site/site-index.js';
import type { TimeWindow } from '../site/time-window.js';
import { siteView, type LinkView } from '../site/views.js';
import type { TargetTables } from '../store/store.js';
import type { Config, Diagnostic, OutputFile, ParseResult } from '../types.js';
import { runChecks } from './checks-stage.js';
import { contentKeyOf } from './content-key.js';
import { valueHash, type FactStore } from './fact-store.js';
import type { Head } from './head.js';
import type { BuildOptions, BuildResult, BuildStats, PassHints } from './options.js';
import { pageId, runPages, type PageRecord } from './pages-stage.js';
import { parseChanged } from './parse-stage.js';
import { isDiskError, type PassSession } from './pass.js';
import type { Readers } from './readers.js';
import { addRef } from './refs.js';
import { relatedState, updateRelatedFacts } from './related-stage.js';
import type { RelatedState } from '../site/related/index.js';
import { packStamps, type SourceChanges } from './sources.js';

export interface WorkContext {
  options: BuildOptions;
  hints: PassHints;
  session: PassSession;
  /** What the session kept of the last pass, when it is the store's (see PassSession.last). */
  last: PassSession['last'];
  tables: TargetTables;
  head: Head | undefined;
  sources: SourceChanges;
  assets: { urls: Map<string, string>; recipes: Recipe[] };
  templatesKey: string;
  assetsKey: string;
  facts: FactStore;
  readers: Readers;
  trusted: boolean;
  targetKey: string;
  outDir: string;
  write: boolean;
  includeDrafts: boolean;
  diagnostics: Diagnostic[];
  notes: string[];
  stats: BuildStats;
  mark: (stage: string) => void;
  failed: () => BuildResult;
}

export async function work(ctx: WorkContext): Promise<BuildResult> {
  const { options, hints, session, last, tables, head, sources, assets, templatesKey, assetsKey, facts, readers, trusted, targetKey, outDir, write, includeDrafts, diagnostics, notes, stats, mark, failed } = ctx;
  const { store } = session;
  const { config, diagnostics: configDiagnostics } = parseConfig(sources.config, options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl });
  diagnostics.push(...configDiagnostics);

  // A target without a head holds nothing yet (or what a cold pass that stopped early left,
  // which is thrown away): its state is written out as the pass goes, and the head last.
  const fresh = !head;
  if (fresh && tables.meta.get('fresh')) for (const table of Object.values(tables)) table.clear();
  if (fresh) tables.meta.put('fresh', true);
  if (fresh && write) store.streamFresh(tables);
  // Written out between stages (and every few thousand pages): what readers were recorded,
  // the facts read so far, and the store's mapped pages are let go.
  const flushIfFresh = async () => {
    if (!fresh || !write) return;
    readers.save();
    facts.forget();
    await store.relieve();
  };

  // 2. The changed articles, parsed (or found in the store); 3. the site index, and the facts it sets.
  const byFile = { ...((tables.meta.get('diagnostics') as Record<string, { parse: Diagnostic[]; check: Diagnostic[] }> | undefined) ?? {}) };
  const indexed = updateSiteIndex(tables.index, tables.entries as never, facts, { config, includeDrafts, now: options.now }, await parsedDeltas(ctx, config, byFile));
  mark('parse and site index');
  await flushIfFresh();

  // 4. Checks of what changed or read what changed; then "Mehr zum Thema".
  const toCheck = new Set(indexed.articles);
  // (A target that held nothing checks and builds everything anyway: no reader to look up.)
  if (!fresh) for (const key of facts.changed) for (const id of readers.of(key)) if (id.startsWith('c:')) toCheck.add(id.slice(2));
  for (const [relPath, checked] of runChecks(toCheck, { entries: tables.entries as never, records: tables.records }, facts, readers)) {
    const parse = byFile[relPath]?.parse ?? [];
    if (!tables.entries.get(relPath) && parse.length === 0) delete byFile[relPath];
    else byFile[relPath] = { parse, check: checked };
  }
  for (const [relPath, d] of Object.entries(byFile)) if (d.parse.length === 0 && d.check.length === 0) delete byFile[relPath];
  // Changed in place: only the commit makes it the store's again (see PassSession.last).
  let related: RelatedState | null = last?.related ?? null;
  const loadRelated = () => (related ??= relatedState(tables));
  updateRelatedFacts(tables, facts, config, indexed.articles, loadRelated);
  await flushIfFresh();
  mark('checks and related');

  // 5. The pages whose facts changed, new pages and gone ones.
  const nav = facts.get<LinkView[]>(factKey.nav) ?? [];
  const site = siteView(config, assets.urls, nav);
  const global = valueHash([templatesKey, assetsKey, site, config]);
  const renderAll = !head || head.global !== global || options.force === true;
  const dirty = new Map<string, Recipe>();
  const removed = new Set(indexed.removed);
  const assetPaths = assets.recipes.map((r) => r.path);
  for (const path of head?.assetPaths ?? []) if (!assetPaths.includes(path)) removed.add(path);
  const added = [...indexed.added, ...(head ? [] : FIXED_RECIPES), ...assets.recipes.filter((r) => !head?.assetPaths.includes(r.path))];
  for (const recipe of added) {
    removed.delete(recipe.path);
    dirty.set(recipe.path, recipe);
  }
  for (const path of removed) dirty.delete(path);
  const pathsOf = (key: string) => readers.of(key).filter((id) => id.startsWith('p:')).map((id) => id.slice(2));
  for (const key of fresh ? [] : facts.changed) {
    for (const path of pathsOf(key)) {
      if (dirty.has(path) || removed.has(path)) continue;
      const record = tables.records.get(pageId(path)) as PageRecord | undefined;
      if (record) dirty.set(path, record.recipe);
    }
  }
  if (renderAll) {
    for (const [key, value] of tables.records.entries()) {
      const path = key.slice(2);
      if (key.startsWith('p:') && !dirty.has(path) && !removed.has(path)) dirty.set(path, (value as PageRecord).recipe);
    }
  }
  diagnostics.push(...checkPaths(added, (relPath) => (tables.entries.get(relPath) as Entry | undefined)?.file));
  for (const d of Object.values(byFile)) diagnostics.push(...d.parse, ...d.check);
  mark('plan');
  if (hasErrors(diagnostics)) return failed();

  // 6. Render what changed; stage (or collect) the bytes that changed.
  const files: OutputFile[] = [];
  const staged = write ? new StagedOutput(outDir) : null;
  const context: BuildContext = {
    config,
    site,
    body: (contentKey) => {
      const article = (store.memo.get(contentKey) as ParseResult | undefined)?.article;
      if (!article) throw new Error(`the store has no parse result ${contentKey}`);
      return article;
    },
    asset: (name) => (sources.assets.find((a) => a.relPath === `assets/${name}`) as { bytes: Uint8Array }).bytes,
  };
  const templates = () => {
    if (session.templates?.key !== `${templatesKey}\u0000${assetsKey}\u0000${config.timeZone}`) {
      const compiled = compileTemplates(sources.templates, { timeZone: config.timeZone, assets: assets.urls });
      diagnostics.push(...compiled.diagnostics);
      if (!compiled.templates) throw new TemplatesFailed();
      session.templates = { key: `${templatesKey}\u0000${assetsKey}\u0000${config.timeZone}`, templates: compiled.templates };
    }
    return session.templates.templates;
  };
  const writeAll = write && (!trusted || options.force === true);
  if (writeAll) for (const path of outputFiles(outDir)) staged?.remove(path);
  let pages;
  try {
    pages = await runPages(
      { dirty, removed, first: hints.first ?? [], writeAll, force: options.force === true, global, pagesBefore: head?.pages ?? 0 },
      { records: tables.records, outputs: tables.outputs, blobs: tables.blobs, facts, readers, context, templates, relieve: fresh && write ? flushIfFresh : null },
      {
        write: (path, bytes) => (staged ? staged.write(path, bytes) : files.push({ path, contents: bytes })),
        remove: (path) => staged?.remove(path),
      },
      diagnostics,
    );
  } catch (e) {
    if (!(e instanceof TemplatesFailed) && !isDiskError(e)) throw e;
    if (isDiskError(e)) diagnostics.push(writeFailed(options.outDir, e));
    staged?.discard();
    return failed();
  }
  stats.rendered = pages.rendered;
  stats.articles = (facts.get<ListsFact>(factKey.lists) as ListsFact).counts[HOME_LIST] ?? 0;
  stats.pages = pages.pages;
  mark('render');
  if (hasErrors(diagnostics)) {
    staged?.discard();
    return failed();
  }

  options.inspect?.({ config, fact: (key) => facts.get(key), related: loadRelated });

  // 7. Commit: the journal, the store, then the output.
  readers.save();
  await flushIfFresh();
  tables.meta.remove('fresh');
  const report = sortDiagnostics(diagnostics);
  const generation = (head?.generation ?? 0) + 1;
  const next: Head = {
    generation,
    pass: randomUUID(),
    window: storedWindow(indexed.window),
    templates: templatesKey,
    assets: assetsKey,
    assetPaths,
    global,
    report,
    articles: (facts.get<ListsFact>(factKey.lists) as ListsFact).counts[HOME_LIST] ?? 0,
    pages: pages.pages,
  };
  tables.meta.put('head', next);
  tables.meta.put('stamps', packStamps(sources.stamps));
  tables.meta.put('diagnostics', byFile);
  let written = null;
  if (staged) {
    try {
      staged.prepare(generation);
    } catch (e) {
      if (!isDiskError(e)) throw e;
      diagnostics.push(writeFailed(options.outDir, e));
      staged.discard();
      return failed();
    }
    store.commit();
    session.last = { pass: next.pass, stamps: sources.stamps, related };
    staged.apply(targetKey, generation);
    const changedPaths = [...new Set([...staged.moves, ...staged.deletes])].sort();
    written = { written: staged.moves.length, removed: staged.deletes.length, changedPaths };
  } else if (store.persistent) store.discard();
  else {
    store.commit();
    session.last = { pass: next.pass, stamps: sources.stamps, related };
  }
  mark('write');
  return { files: write ? [] : files, diagnostics: report, written, stats, notes };
}

/**
 * The changed articles parsed, as the site index takes them: each one's new entry, or null when
 * it is gone or has an error that leaves no article. Counts the parse results the target refers
 * to and notes each file's parse diagnostics in `byFile`. (A function of its own, so that the
 * parse results are let go before the site index runs.)
 */
async function parsedDeltas(ctx: WorkContext, config: Config, byFile: Record<string, { parse: Diagnostic[]; check: Diagnostic[] }>): Promise<Map<string, Entry | null>> {
  const { sources, tables, session, stats, mark } = ctx;
  const changedFiles = new Map([...sources.changed].filter((c): c is [string, NonNullable<(typeof c)[1]>] => c[1] !== null));
  const { parsed, misses } = await parseChanged(changedFiles, session.store, config);
  stats.parsed = misses;
  stats.cached = sources.articles - misses;
  mark('parse');
  const deltas = new Map<string, Entry | null>();
  for (const [relPath, change] of sources.changed) {
    const was = sources.was.get(relPath);
    if (was) addRef(tables.refs, contentKeyOf({ path: was.path, relPath }, was.hash, config.timeZone), -1);
    const result = change ? (parsed.get(relPath) as NonNullable<ReturnType<typeof parsed.get>>) : null;
    if (result) addRef(tables.refs, result.contentKey, 1);
    deltas.set(relPath, result?.entry ?? null);
    byFile[relPath] = { parse: result?.diagnostics ?? [], check: byFile[relPath]?.check ?? [] };
  }
  return deltas;
}

class TemplatesFailed extends Error {}

const writeFailed = (outDir: string, e: NodeJS.ErrnoException) =>
  error(outDir, 'output/write-failed', `The site could not be written (${e.code}: ${e.message}). Output is replaced only by a complete build, so the previous one stays in place; free disk space or fix the permissions and build again.`);

/** JSON has no Infinity: an open end of the window is stored as null. */
function storedWindow(window: TimeWindow): Head['window'] {
  return { from: Number.isFinite(window.from) ? window.from : null, until: Number.isFinite(window.until) ? window.until : null };
}
