// The record a build leaves beside its output: a key of every input it was made from, the window
// of build times its output holds for (site/time-window.ts), and what it reported. A later build
// whose sources give the same key, at a build time inside that window, onto an output folder that
// is exactly as that build left it, would write the same bytes: it replays the record and stops
// (like make or Bazel, a build with nothing to do does nothing). Any doubt means a full build.
import { hash } from 'node:crypto';
import { resolve } from 'node:path';
import type { TimeWindow } from './site/time-window.js';
import type { Diagnostic, SiteSources, SourceStamp } from './types.js';

export const RECORD_FORMAT = 3;

export interface BuildRecord {
  format: typeof RECORD_FORMAT;
  inputKey: string;
  /** The key of every input but the articles' contents (see frameKey): a build where only this stays the same may revise single articles (build-quick.ts). */
  frameKey: string;
  window: TimeWindow;
  /** What the build reported, replayed by a build that finds nothing to do. */
  diagnostics: Diagnostic[];
  articles: number;
  pages: number;
  /** Stamps of the article files (see read-site.ts), so an up-to-date check reads none of them. */
  stamps: StampColumns;
}

/**
 * Stamps as three lists of strings, one entry per article file. A pair per file ([path, {stat,
 * hash}]) made the manifest a fifth larger, and JSON reads lists of strings at a fraction of the
 * time of as many small objects: the manifest is read and written by every build.
 */
export interface StampColumns {
  paths: string[];
  stats: string[];
  hashes: string[];
}

export function stampColumns(stamps: ReadonlyMap<string, SourceStamp>): StampColumns {
  const columns: StampColumns = { paths: [], stats: [], hashes: [] };
  for (const [path, stamp] of stamps) {
    columns.paths.push(path);
    columns.stats.push(stamp.stat);
    columns.hashes.push(stamp.hash);
  }
  return columns;
}

export function stampMap(columns: StampColumns): Map<string, SourceStamp> {
  const stamps = new Map<string, SourceStamp>();
  for (let i = 0; i < columns.paths.length; i++) stamps.set(columns.paths[i] as string, { stat: columns.stats[i] as string, hash: columns.hashes[i] as string });
  return stamps;
}

/** Everything besides the sources that decides the output. */
export interface RecordSettings {
  codeVersion: string;
  /** Working directory, content and templates folders (display paths and URLs come from them). */
  folders: readonly string[];
  baseUrl: string | null;
  includeDrafts: boolean;
}

export function recordSettings(options: { cwd?: string; contentDir: string; templatesDir: string; baseUrl?: string; includeDrafts?: boolean }, codeVersion: string): RecordSettings {
  const cwd = resolve(options.cwd ?? process.cwd());
  return { codeVersion, folders: [cwd, resolve(cwd, options.contentDir), resolve(cwd, options.templatesDir)], baseUrl: options.baseUrl ?? null, includeDrafts: options.includeDrafts ?? false };
}

/** A key of every input of a build: settings, templates, assets and the content hash of each article. */
export function inputKey(sources: SiteSources, settings: RecordSettings): string {
  const parts = frameParts(sources, settings);
  for (const [path, stamp] of sources.stamps) parts.push(path, stamp.hash);
  return hash('sha256', parts.join('\u0000'), 'base64url');
}

/** A key of every input of a build except what the articles say: settings, templates, assets and the articles' paths. */
export function frameKey(sources: SiteSources, settings: RecordSettings): string {
  const parts = frameParts(sources, settings);
  for (const path of sources.stamps.keys()) parts.push(path);
  return hash('sha256', parts.join('\u0000'), 'base64url');
}

function frameParts(sources: SiteSources, settings: RecordSettings): string[] {
  const parts: string[] = [`record:${RECORD_FORMAT}`, JSON.stringify(settings), sources.config?.text ?? '\u0000none'];
  for (const t of sources.templates) parts.push(t.relPath, t.text);
  for (const a of sources.assets) parts.push(a.relPath, hash('sha1', a.bytes, 'base64url'));
  return parts;
}

/** The record read back from the manifest, or null when it is missing or of another format. */
export function asBuildRecord(value: unknown): BuildRecord | null {
  const r = value as BuildRecord | null;
  if (!r || r.format !== RECORD_FORMAT || typeof r.inputKey !== 'string' || typeof r.frameKey !== 'string' || !areStampColumns(r.stamps) || !Array.isArray(r.diagnostics)) return null;
  // JSON has no Infinity: an open end of the window is stored as null.
  return { ...r, window: { from: r.window.from ?? -Infinity, until: r.window.until ?? Infinity } };
}

function areStampColumns(value: unknown): value is StampColumns {
  const c = value as StampColumns | null;
  return !!c && Array.isArray(c.paths) && Array.isArray(c.stats) && Array.isArray(c.hashes) && c.stats.length === c.paths.length && c.hashes.length === c.paths.length;
}

/** Diagnostics that describe the build's inputs (not its environment, like a cache that could not be saved). */
export function replayable(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !d.rule.startsWith('cache/'));
}
