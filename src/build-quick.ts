// A build that revises single articles without making the site model again: the counterpart,
// across processes, of the dev server's edit-local rebuild (build-edit.ts). It runs when the
// up-to-date check (build.ts) finds the output intact, as the last build left it, and only the
// contents of a few articles changed (same paths, settings, templates and assets: the record's
// frame key). With the snapshot that build left (site/snapshot.ts), each changed article is parsed
// and compared with its stored identity. If every edit leaves the identity as it was (so URLs,
// dates, groupings, links and "Mehr zum Thema" stay; only summary, picture and body may change,
// and not the body's words), the pages that read the article are the only ones whose
// fingerprints can change: its own page, the lists that show its teaser and the feeds that carry
// it. Those are made again from the snapshot, and written with the same staged write, manifest
// and record as a full build, so the output is byte for byte what a full build would write.
// Anything else returns null, and the full pipeline runs (build-pipeline.ts).
import { resolve } from 'node:path';
import type { BuildOptions, BuildResult } from './build.js';
import type { PriorRead } from './build-pipeline.js';
import { frameKey, inputKey, recordSettings, stampColumns, stampMap, type BuildRecord } from './build-record.js';
import { zonedDate } from './content/dates.js';
import { parseMany } from './content/parse-pool.js';
import { PARSER_VERSION } from './content/parse-version.js';
import { hasErrors } from './diagnostics.js';
import { parseCacheKey } from './io/cache.js';
import { codeVersion } from './io/code-version.js';
import { acquireOutputLock } from './io/lock.js';
import { loadSnapshot, removeSnapshot, reviseSnapshot } from './io/snapshot-file.js';
import { manifestStamp, writeSite, type WriteResult } from './io/write-site.js';
import { feedFiles } from './render/feeds.js';
import { renderPage } from './render/render-pages.js';
import { compileTemplates } from './render/templates.js';
import { storedModelArticle } from './site/collect.js';
import { articleSignature, pageFingerprint, placeSignature, teaserInput, teaserSignature } from './site/fingerprint.js';
import type { Article, SiteModel } from './site/model.js';
import { articlePage, listPage, planAssets, type PageSpec } from './site/plan.js';
import { articleSource, identityHash, storedArticle, StoredArticles } from './site/snapshot.js';
import { teaserViews } from './site/view-model.js';
import type { ArticleSource, OutputFile, SourceStamp } from './types.js';

/** More changed articles than this: the full pipeline, which parses them on all cores. */
export const MAX_QUICK_EDITS = 16;

/** Revises the changed articles of `read` in the output `record` describes, or returns null when only the full pipeline can. */
export async function quickBuild(options: BuildOptions, read: PriorRead, record: BuildRecord): Promise<BuildResult | null> {
  const started = performance.now();
  const { sources, output } = read;
  if (!options.cacheDir || options.write === false || options.force) return null;
  const cwd = options.cwd ?? process.cwd();
  const version = codeVersion();
  const settings = recordSettings(options, version);
  if (frameKey(sources, settings) !== record.frameKey) return null;
  const before = stampMap(record.stamps);
  const changed = sources.articles.filter((a) => (before.get(a.path) as SourceStamp | undefined)?.hash !== (sources.stamps.get(a.path) as SourceStamp).hash);
  if (changed.length === 0 || changed.length > MAX_QUICK_EDITS) return null;
  // An article the last build reported on may be reported differently (positions move with the text).
  const reported = new Set(record.diagnostics.map((d) => d.file));
  if (changed.some((a) => reported.has(a.path))) return null;
  const cacheDir = resolve(cwd, options.cacheDir);
  const file = loadSnapshot(cacheDir, version);
  if (!file) return null;
  try {
    if (file.index.recordKey !== record.inputKey) return null;
    const snapshot = file.index;
    const stored = new StoredArticles(snapshot, file);
    const indexes = changed.map((a) => stored.index(a.relPath));
    if (indexes.some((i) => i === undefined)) return null;

    // Parse the changed articles; each must keep its identity.
    const { config } = snapshot;
    const hashes = changed.map((a) => (sources.stamps.get(a.path) as SourceStamp).hash);
    const keys = changed.map((a, i) => parseCacheKey([version, PARSER_VERSION, config.timeZone, a.path, a.relPath, hashes[i] as string]));
    const results = await parseMany([...changed] as (ArticleSource | null)[], config.timeZone);
    const edited = new Map<number, Article>();
    const linkUrlOf = new Map<string, string | null>();
    for (const [n, result] of results.entries()) {
      const parsed = result.article;
      const i = indexes[n] as number;
      const old = stored.get(i);
      if (!parsed || result.diagnostics.length > 0 || identityHash(parsed) !== old.identity) return null;
      for (const [target, url] of old.linkUrls) linkUrlOf.set(target, url);
      edited.set(i, storedModelArticle(parsed, stored.fields(i), new Map(old.linkUrls)));
    }
    const parseTime = performance.now() - started;

    // Their new signatures; everything else's are the stored ones.
    const fresh = new Map<string, string>();
    const urlOf = { get: (relPath: string) => linkUrlOf.get(relPath) ?? undefined };
    for (const [n, [i, article]] of [...edited].entries()) {
      if (placeSignature(article) !== stored.get(i).place) return null; // the identity covers it: a bug, but not worth a wrong page
      fresh.set(article.relPath, articleSignature(article, keys[n] as string, (relPath) => urlOf.get(relPath)));
      fresh.set(teaserInput(article.relPath), teaserSignature(article));
    }
    const signatures = { get: (input: string) => fresh.get(input) ?? stored.signature(input) };

    // The pages that read them: their own, the lists with their teasers, the feeds with their text.
    const model = { config, now: zonedDate(options.now, config.timeZone), articles: [] } as unknown as SiteModel;
    const articleAt = (i: number) => edited.get(i) ?? stored.teaserArticle(i);
    const touches = (items: readonly number[]) => items.some((i) => edited.has(i));
    const teaser = teaserViews();
    const specs: PageSpec[] = [...edited.values()].map((a) => articlePage(model, snapshot.site as never, a));
    for (const [j, list] of snapshot.lists.entries()) {
      if (touches(list.items)) specs.push(listPage(snapshot.site, teaser, list.path, list.template, list.items.map(articleAt), () => stored.head(j), list.key));
    }
    for (const feed of snapshot.feeds) {
      if (touches(feed.items)) specs.push(...feedFiles(model, feed.recipe, feed.items.map(articleAt)));
    }
    if (specs.some((spec) => !output.state.has(spec.path))) return null;

    const assets = planAssets(sources.assets);
    const { templates, diagnostics } = compileTemplates(sources.templates, { timeZone: config.timeZone, assets: assets.urls });
    if (!templates || hasErrors(diagnostics)) return null;
    const files: OutputFile[] = [];
    for (const spec of specs) {
      const fingerprint = pageFingerprint(spec, snapshot.global, signatures);
      if (output.state.get(spec.path)?.fingerprint === fingerprint) continue;
      try {
        files.push({ path: spec.path, contents: renderPage(spec, templates), fingerprint });
      } catch {
        return null; // a template mistake: the full build reports it with its file and line
      }
    }

    // Written as a full build writes: staged, with the manifest and the record of these inputs;
    // then the snapshot describes this output (before the lock is released, as a full build does).
    const outDir = resolve(cwd, options.outDir);
    const lock = await acquireOutputLock(outDir, options.lockWaitMs);
    if (!lock.ok) return null; // the full build reports who holds it
    let written: WriteResult;
    try {
      if (read.output.manifest === null || manifestStamp(outDir) !== read.output.manifest) return null; // another build wrote since the check
      const recordKey = read.inputKey ?? inputKey(sources, settings);
      const rendered = new Set(files.map((f) => f.path));
      const kept = [...output.state.keys()].filter((path) => !rendered.has(path));
      written = writeSite(outDir, files, { kept, state: output.state, scan: false, record: (): BuildRecord => ({ ...record, inputKey: recordKey, stamps: stampColumns(sources.stamps) }) });
      const records = new Map<number, unknown>();
      const recordSources = new Map<number, string>();
      for (const [i, article] of edited) {
        const inFeed = stored.get(i).body !== null;
        records.set(i, storedArticle(article, { signatures, urls: urlOf }, inFeed));
        recordSources.set(i, articleSource(article, signatures, inFeed));
      }
      try {
        reviseSnapshot(cacheDir, file, { recordKey, sources: recordSources, records });
      } catch {
        removeSnapshot(cacheDir);
      }
    } finally {
      lock.release();
    }
    return {
      files: [],
      diagnostics: record.diagnostics,
      written,
      stats: {
        articles: record.articles,
        pages: record.pages,
        rendered: files.length,
        parsed: edited.size,
        cached: record.articles - edited.size,
        timings: { 'quick rebuild': performance.now() - started, 'snapshot and parse': parseTime },
      },
    };
  } finally {
    file.close();
  }
}

