// What changed in the sources since the target's last pass: the article files (by their stamp,
// then by the hash of their bytes: a file saved without a change is no change), the settings,
// the templates and the assets.
import { readSite, readSiteAt, type SiteFolders } from '../io/read-site.js';
import type { ArticleSource, AssetFile, Diagnostic, SourceFile, SourceStamp } from '../types.js';

/** The stamps of a target's article files, one list per field. */
export interface StampColumns {
  paths: string[];
  relPaths: string[];
  stats: string[];
  hashes: string[];
}

/** Stamps as the store keeps them: each column one string, joined by NUL (no path holds one); four strings decode far faster than 40,000. */
export type PackedStamps = { count: number } & Record<keyof StampColumns, string>;

export function packStamps(stamps: StampColumns): PackedStamps {
  const join = (column: string[]) => column.join('\u0000');
  return { count: stamps.paths.length, paths: join(stamps.paths), relPaths: join(stamps.relPaths), stats: join(stamps.stats), hashes: join(stamps.hashes) };
}

export function unpackStamps(packed: PackedStamps | undefined): StampColumns | null {
  if (!packed) return null;
  const split = (column: string) => (packed.count === 0 ? [] : column.split('\u0000'));
  return { paths: split(packed.paths), relPaths: split(packed.relPaths), stats: split(packed.stats), hashes: split(packed.hashes) };
}

export interface SourceChanges {
  config: SourceFile | null;
  templates: SourceFile[];
  assets: AssetFile[];
  /** Article files whose bytes changed, by content-relative path: the new bytes and their hash, or null when the file is gone. */
  changed: Map<string, { source: ArticleSource; hash: string } | null>;
  /** The stamps as the last pass stored them. */
  before: StampColumns | null;
  /** The stamps as they are now; `stampsChanged` when they differ from the stored ones. */
  stamps: StampColumns;
  stampsChanged: boolean;
  articles: number;
  diagnostics: Diagnostic[];
}

/** `hint`: the only files that may have changed (absolute paths, as the dev server's watcher names them); otherwise every file is looked at. */
export function readSourceChanges(folders: SiteFolders, stored: StampColumns | null, hint?: readonly string[]): SourceChanges {
  const before = new Map<string, SourceStamp & { relPath: string }>();
  const relPathOf = new Map<string, string>();
  if (stored) {
    stored.paths.forEach((path, i) => {
      before.set(path, { stat: stored.stats[i] as string, hash: stored.hashes[i] as string, relPath: stored.relPaths[i] as string });
      relPathOf.set(path, stored.relPaths[i] as string);
    });
  }
  const site = (hint && stored ? readSiteAt(folders, before, hint) : null) ?? readSite(folders, before);
  const changed: SourceChanges['changed'] = new Map();
  const stamps: StampColumns = { paths: [], relPaths: [], stats: [], hashes: [] };
  const relPaths = new Map<string, string>();
  for (const a of site.articles) relPaths.set(a.path, a.relPath);
  for (const u of site.unread) relPaths.set(u.path, u.relPath);
  let stampsChanged = site.stamps.size !== before.size;
  for (const [path, stamp] of site.stamps) {
    stamps.paths.push(path);
    stamps.relPaths.push(relPaths.get(path) as string);
    stamps.stats.push(stamp.stat);
    stamps.hashes.push(stamp.hash);
    if (before.get(path)?.stat !== stamp.stat) stampsChanged = true;
  }
  for (const source of site.articles) {
    const hash = (site.stamps.get(source.path) as SourceStamp).hash;
    if (before.get(source.path)?.hash !== hash) changed.set(source.relPath, { source, hash });
  }
  for (const [path] of before) if (!site.stamps.has(path)) changed.set(relPathOf.get(path) as string, null);
  return { config: site.config, templates: site.templates, assets: site.assets, changed, before: stored, stamps, stampsChanged, articles: site.stamps.size, diagnostics: site.diagnostics };
}
