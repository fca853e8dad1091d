// The full build, as a pipeline of pure stages with I/O at the two ends (see DESIGN.md).
// User mistakes come back as diagnostics; only bugs throw. build.ts loads this module only when
// the output is not already up to date.
import { resolve } from 'node:path';
import { parseConfig } from './config.js';
import { zonedDate } from './content/dates.js';
import { PARSER_VERSION } from './content/parse-version.js';
import { parseMany, WORKER_THRESHOLD } from './content/parse-pool.js';
import { limitHeapGrowth } from './heap-growth.js';
import { error, hasErrors, sortDiagnostics, warning } from './diagnostics.js';
import { beginBaseCache, parseCacheKey, saveBuildCache, type BuildCache } from './io/cache.js';
import type { BodyFile } from './io/body-file.js';
import { acquireOutputLock, type LockResult } from './io/lock.js';
import { contentHash, readArticle, readSite } from './io/read-site.js';
import { frameKey, inputKey, RECORD_FORMAT, recordSettings, replayable, stampColumns, type BuildRecord } from './build-record.js';
import { outputTimeWindow, type TimeWindow } from './site/time-window.js';
import type { BuildOptions, BuildResult } from './build.js';
import { codeVersion } from './io/code-version.js';
import { loadSnapshot, removeSnapshot, saveSnapshot } from './io/snapshot-file.js';
import { takeSnapshot } from './site/snapshot.js';
import { manifestStamp, readOutputState, writeSite, type OutputSnapshot, type OutputState, type WriteResult } from './io/write-site.js';
import { feedSpecs } from './render/feeds.js';
import { renderEach } from './render/render-pages.js';
import { sitemapSpecs } from './render/sitemaps.js';
import { compileTemplates, type Templates } from './render/templates.js';
import { collect } from './site/collect.js';
import type { RelatedIndex } from './site/related-index.js';
import { articleSignatures, globalSignature, pageFingerprint } from './site/fingerprint.js';
import { plan, planAssets, type PageSpec } from './site/plan.js';
import { siteView } from './site/view-model.js';
import type { Article, SiteModel } from './site/model.js';
import type { ArticleSource, Diagnostic, OutputFile, ParseResult, ParsedArticle, SiteSources, SourceStamp } from './types.js';

export interface SessionState extends BuildCache {
  /** What this session last wrote to the output folder, or null before its first write. */
  output: OutputState | null;
  /** What the last full build left for early previews of edits (build-preview.ts); null after a failed one. */
  last?: LastBuild | null;
  /** Output paths an early preview wrote while the running build was under way (build-preview.ts). */
  previewedSince?: Set<string>;
}

/** What the last successful full build of a session leaves for the dev server's early previews and edit-local rebuilds. */
export interface LastBuild {
  model: SiteModel;
  /** The model's articles by content-relative path. */
  byRelPath: ReadonlyMap<string, Article>;
  templates: Templates;
  site: ReturnType<typeof siteView>;
  /** Absolute folders. */
  contentDir: string;
  outDir: string;
  /** Every output file as planned; an edit-local rebuild replaces the specs it makes again. */
  specs: PageSpec[];
  /** Article signatures by page input (fingerprint.ts), and the signature of everything global. */
  signatures: Map<string, string>;
  global: string;
  /** The parse cache key of each article's source, by relPath. */
  parseKeys: Map<string, string>;
  parseKeyOf: (path: string, relPath: string, hash: string) => string;
  /** As the build reported them. */
  diagnostics: Diagnostic[];
  /** Build times that give this output (time-window.ts). */
  window: TimeWindow;
  /** The index "Mehr zum Thema" was last chosen from, once an edit-local rebuild chose (null: no article wants automatic links). */
  relatedIndex?: RelatedIndex | null;
}

/** The sources and the output folder as the up-to-date check read them (build.ts), so they are not read twice. */
export interface PriorRead {
  sources: SiteSources;
  output: OutputSnapshot;
  /** The input key of `sources` (build-record.ts), when the check got as far as computing it. */
  inputKey?: string;
}

/** Builds the site; `read`: what the caller has read already. */
export async function runBuild(options: BuildOptions, session: SessionState, read?: PriorRead): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const version = codeVersion();
  const timings: Record<string, number> = {};
  // A preview that runs while this build is under way shows a newer edit than this build read.
  const previewed = (session.previewedSince = new Set());
  let last = performance.now();
  const mark = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - last;
    last = now;
  };
  // 1. Read every source (the only disk reads besides the cache and the output manifest);
  //    articles whose stamp is unchanged are not even read.
  const sources = read?.sources ?? readSite({ content: resolve(cwd, options.contentDir), templates: resolve(cwd, options.templatesDir), cwd }, session.stamps);
  const diagnostics: Diagnostic[] = [...sources.diagnostics];
  mark('read');
  await betweenStages();
  // 2. Settings.
  const { config, diagnostics: configDiagnostics } = parseConfig(sources.config, options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl });
  diagnostics.push(...configDiagnostics);
  // 3. Articles: from the cache by content hash, the rest parsed on all cores.
  const keyFor = (path: string, relPath: string, hash: string) => parseCacheKey([version, PARSER_VERSION, config.timeZone, path, relPath, hash]);
  const entries: { relPath: string; key: string }[] = [];
  const toParse: (ArticleSource | null)[] = [];
  for (const source of sources.articles) {
    const key = keyFor(source.path, source.relPath, (sources.stamps.get(source.path) as SourceStamp).hash);
    entries.push({ relPath: source.relPath, key });
    if (!session.parses.has(key)) toParse.push(source);
  }
  for (const unread of sources.unread) {
    const key = keyFor(unread.path, unread.relPath, unread.hash);
    if (session.parses.has(key)) {
      entries.push({ relPath: unread.relPath, key });
      continue;
    }
    const source = readArticle(cwd, unread);
    const hash = contentHash(source.bytes);
    sources.stamps.set(source.path, { stat: (sources.stamps.get(source.path) as SourceStamp).stat, hash });
    entries.push({ relPath: source.relPath, key: keyFor(source.path, source.relPath, hash) });
    toParse.push(source);
  }
  entries.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  // Cached results no source asks for (deleted files, or all of them after an upgrade of Blatt or
  // a dependency) go before parsing: they would hold the whole cache file (65 MB at 10,000
  // articles) in memory next to the parse workers.
  const wanted = new Set(entries.map((e) => e.key));
  let dropped = 0;
  for (const key of session.parses.keys()) if (!wanted.has(key) && session.parses.delete(key)) dropped++;
  mark('settings and keys');
  // The pool takes the files over and lets each go once it is handed out.
  const parseOrder = toParse.map((source) => (source as ArticleSource).relPath);
  const parsedCount = toParse.length;
  // Any article read from disk has a new stamp, so the cache changes too.
  let cacheChanged = parsedCount > 0 || sources.articles.length > 0 || dropped > 0;
  sources.articles.length = 0;
  // Many articles to parse: a cold build. Their bodies go to the new cache file as they come.
  let draft: BodyFile | null = null;
  if (parsedCount >= WORKER_THRESHOLD) {
    limitHeapGrowth();
    if (options.cacheDir) draft = beginBaseCache(resolve(cwd, options.cacheDir), version);
  }
  const fresh = parsedCount > 0 ? await parseMany(toParse, config.timeZone, { bodies: draft }).catch((e) => {
    draft?.unlink();
    throw e;
  }) : [];
  mark('parse');
  await betweenStages();
  const freshByPath = new Map(parseOrder.map((relPath, i) => [relPath, fresh[i] as ParseResult]));
  const parses = new Map<string, ParseResult>();
  const keyOf = new Map<string, string>();
  const parsed: ParsedArticle[] = [];
  for (const { relPath, key } of entries) {
    const result = freshByPath.get(relPath) ?? (session.parses.get(key) as ParseResult);
    parses.set(key, result);
    diagnostics.push(...result.diagnostics);
    if (result.article) {
      parsed.push(result.article);
      keyOf.set(relPath, key);
    }
  }
  cacheChanged ||= parses.size !== session.parses.size;
  session.parses = parses;
  session.stamps = sources.stamps;
  // 4. The site model: drafts, embargo, URLs, links, related articles, groupings.
  const now = zonedDate(options.now, config.timeZone);
  const relatedMemo = session.related?.version === version ? session.related.memo : null;
  const collected = collect(parsed, config, { includeDrafts: options.includeDrafts ?? false, now, relatedMemo });
  const model = collected.model;
  diagnostics.push(...collected.diagnostics);
  if (collected.related !== relatedMemo) {
    session.related = { version, memo: collected.related };
    cacheChanged = true;
  }
  if (options.cacheDir && cacheChanged) {
    try {
      session.stored = saveBuildCache(resolve(cwd, options.cacheDir), { parses, stamps: sources.stamps, related: session.related, stored: session.stored }, version, draft);
    } catch (e) {
      diagnostics.push(warning(options.cacheDir, 'cache/write-failed', `The cache could not be saved (${(e as Error).message}); the next build parses every article again.`));
    }
  }
  options.onModel?.(model);
  mark('collect, related and cache');
  await betweenStages();
  // 5. Templates and assets.
  const assets = planAssets(sources.assets);
  const { templates, diagnostics: templateDiagnostics } = compileTemplates(sources.templates, { timeZone: config.timeZone, assets: assets.urls });
  diagnostics.push(...templateDiagnostics);
  // 6. Every output path, checked before anything is rendered.
  const { specs, diagnostics: planDiagnostics } = plan(model, assets, [...feedSpecs(model), ...sitemapSpecs(model)]);
  diagnostics.push(...planDiagnostics);
  mark('templates and plan');
  await betweenStages();
  const stats = { articles: model.articles.length, pages: specs.length, rendered: 0, parsed: parsedCount, cached: entries.length - parsedCount, timings };
  const failed = (): BuildResult => {
    session.last = null;
    return { files: null, diagnostics: sortDiagnostics(diagnostics), written: null, stats };
  };
  if (!templates || hasErrors(diagnostics)) return failed();

  const write = options.write !== false;
  const outDir = resolve(cwd, options.outDir);
  let lock: LockResult | null = null;
  try {
    lock = write ? await acquireOutputLock(outDir, options.lockWaitMs) : null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!isDiskError(e)) throw e;
    diagnostics.push(error(options.outDir, 'output/write-failed', `The output folder cannot be locked for writing (${code}: ${(e as Error).message}). Nothing was changed; free disk space or fix the permissions and build again.`));
    return failed();
  }
  if (lock && !lock.ok) {
    diagnostics.push(error(options.outDir, 'output/locked', `Another build (process ${lock.owner.pid}) is writing this folder and did not finish in time. Wait for it, or delete ${lock.lockPath} if no build is running.`));
    return failed();
  }
  try {
    mark('lock');
    // 7. Choose the pages to render: those whose fingerprint differs from what the output holds.
    // What the output holds: known to the session, or read before (if no build wrote since), or read now.
    const readBefore = read?.output.manifest && read.output.manifest === manifestStamp(outDir) ? read.output.state : null;
    const output = write ? session.output ?? readBefore ?? readOutputState(outDir) : new Map() as OutputState;
    const site = siteView(model, assets.urls);
    const global = globalSignature({ templates: sources.templates, assets: sources.assets, assetUrls: assets.urls, config, site, codeVersion: version });
    const signatures = articleSignatures(model, keyOf);
    const toRender: { spec: PageSpec; fingerprint: string }[] = [];
    const kept: string[] = [];
    for (const spec of specs) {
      // Left as the preview wrote it, without a fingerprint: the build the same edit queued renders it.
      if (previewed.has(spec.path)) {
        kept.push(spec.path);
        continue;
      }
      const fingerprint = pageFingerprint(spec, global, signatures);
      if (!options.force && output.get(spec.path)?.fingerprint === fingerprint) kept.push(spec.path);
      else toRender.push({ spec, fingerprint });
    }
    mark('fingerprints');
    const fingerprintOf = new Map(toRender.map((r) => [r.spec.path, r.fingerprint]));
    const pages = function* (): Generator<OutputFile> {
      for (const file of renderEach(toRender.map((r) => r.spec), templates, diagnostics)) {
        stats.rendered++;
        yield { ...file, fingerprint: fingerprintOf.get(file.path) };
      }
    };
    if (!write) {
      const files = [...pages()];
      mark('render');
      if (hasErrors(diagnostics)) return failed();
      return { files, diagnostics: sortDiagnostics(diagnostics), written: null, stats };
    }
    // 8. Write, streaming each page from the renderer to a staging folder (so a huge site is never
    //    all in memory); only a complete, error-free site is swapped in. Unchanged files stay.
    let written: WriteResult | null = null;
    const window = outputTimeWindow(parsed, options.now);
    const settings = recordSettings(options, version);
    const recordKey = inputKey(sources, settings);
    try {
      const record = (): BuildRecord => ({
        format: RECORD_FORMAT,
        inputKey: recordKey,
        frameKey: frameKey(sources, settings),
        window,
        diagnostics: replayable(sortDiagnostics(diagnostics)),
        articles: stats.articles,
        pages: stats.pages,
        stamps: stampColumns(sources.stamps),
      });
      written = writeSite(outDir, pages(), { kept, state: output, scan: output.size === 0, beforeCommit: () => !hasErrors(diagnostics), record });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!isDiskError(e)) throw e;
      session.output = null;
      diagnostics.push(error(options.outDir, 'output/write-failed', `The site could not be written (${code}: ${(e as Error).message}). Output is replaced only by a complete build, so the previous one stays in place (a move interrupted half-way is completed by the next run); free disk space or fix the permissions and build again.`));
      return failed();
    }
    mark('render and write');
    if (!written) return failed();
    session.output = written.state;
    // For a later build in another process that revises single articles (build-quick.ts).
    if (options.cacheDir) {
      const cacheDir = resolve(cwd, options.cacheDir);
      try {
        const earlier = loadSnapshot(cacheDir, version);
        try {
          const snapshot = takeSnapshot({ model, specs, signatures, global, site, recordKey, codeVersion: version, earlier });
          saveSnapshot(cacheDir, snapshot.index, snapshot.records);
        } finally {
          earlier?.close();
        }
      } catch {
        removeSnapshot(cacheDir); // a stale one would not match the output's record anyway
      }
      mark('snapshot');
    }
    const reported = sortDiagnostics(diagnostics);
    session.last = {
      model,
      byRelPath: new Map(model.articles.map((a) => [a.relPath, a])),
      templates,
      site,
      contentDir: resolve(cwd, options.contentDir),
      outDir,
      specs,
      signatures,
      global,
      parseKeys: keyOf,
      parseKeyOf: keyFor,
      diagnostics: reported,
      window,
    };
    return { files: [], diagnostics: reported, written, stats };
  } finally {
    lock?.release();
  }
}

/**
 * Lets events in between two stages: the dev server's early preview of an edit (build-preview.ts)
 * then waits for one stage of a running rebuild, not for all of it.
 */
function betweenStages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Errors of the disk or the file system (full, read-only, no permission): the user's to fix, not bugs. */
function isDiskError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code !== undefined && ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE'].includes(code);
}
