// What a build is asked to do and what it reports: the engine's types, in a module of their own
// so that every part of the engine (and the CLI, the dev server, the tests) imports them from
// here and nothing imports the engine in a circle.
import type { SiteQuery } from '../site/related-report.js';
import type { Diagnostic, OutputFile } from '../types.js';

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
  /** The cache folder, which holds the store; null for none (the store is then in memory). */
  cacheDir?: string | null;
  /** false: return the files without touching the output folder or the store (tests, `blatt check`). */
  write?: boolean;
  /** How long to wait for another build writing the same output folder (default 60 s). */
  lockWaitMs?: number;
  /** Render and write every page, whatever the store says. */
  force?: boolean;
  /** Called with the site once a pass succeeded, before it commits (`blatt related` reads it); the site can be asked only during the call. */
  inspect?: (site: SiteQuery) => void;
}

export interface WriteResult {
  written: number;
  removed: number;
  /** Output paths whose bytes changed or that were removed (what a browser must reload). */
  changedPaths: string[];
}

export interface BuildStats {
  articles: number;
  pages: number;
  /** Pages rendered by templates or producers in this pass (not those whose stored bytes were written again). */
  rendered: number;
  parsed: number;
  cached: number;
  timings: Record<string, number>;
  /** Nothing had changed: the pass found no work. */
  upToDate: boolean;
}

export interface BuildResult {
  /** With write: false the files this pass rendered (all of them without a store); after a write an empty list; null on errors. */
  files: OutputFile[] | null;
  diagnostics: Diagnostic[];
  written: WriteResult | null;
  stats: BuildStats;
  /** What the build did that the user may want to know and that is no problem of the content (a store of another version was cleared). */
  notes: string[];
}

/** Paths the dev server's watcher saw change since the last pass (absolute); the pass then reads only those. */
export interface PassHints {
  changed?: readonly string[];
  /** Output paths to render and write first (the page of the article just saved). */
  first?: readonly string[];
}
