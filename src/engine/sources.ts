// What changed in the sources since the target's last pass: the article files (by their stamp,
// then by the hash of their bytes: a file saved without a change is no change), the settings,
// the templates and the assets.
import { readSite, readSiteAt, type SiteFolders } from '../io/read-site.js';
import type { ArticleSource, AssetFile, Diagnostic, SourceFile, SourceStamp } from '../types.js';

/** The stamps of a target's article files, by display path. */
export type Stamps = ReadonlyMap<string, SourceStamp>;

/** Stamps as the store keeps them: each field one string, joined by NUL (no path holds one); four strings decode far faster than 40,000. */
export interface PackedStamps {
  count: number;
  paths: string;
  relPaths: string;
  stats: string;
  hashes: string;
}

export function packStamps(stamps: Stamps): PackedStamps {
  const paths: string[] = [];
  const relPaths: string[] = [];
  const stats: string[] = [];
  const hashes: string[] = [];
  for (const [path, stamp] of stamps) {
    paths.push(path);
    relPaths.push(stamp.relPath);
    stats.push(stamp.stat);
    hashes.push(stamp.hash);
  }
  return { count: paths.length, paths: paths.join('\u0000'), relPaths: relPaths.join('\u0000'), stats: stats.join('\u0000'), hashes: hashes.join('\u0000') };
}

export function unpackStamps(packed: PackedStamps | undefined): Stamps | null {
  if (!packed) return null;
  const stamps = new Map<string, SourceStamp>();
  if (packed.count === 0) return stamps;
  const [paths, relPaths, stats, hashes] = [packed.paths, packed.relPaths, packed.stats, packed.hashes].map((column) => column.split('\u0000')) as [string[], string[], string[], string[]];
  for (let i = 0; i < packed.count; i++) stamps.set(paths[i] as string, { relPath: relPaths[i] as string, stat: stats[i] as string, hash: hashes[i] as string });
  return stamps;
}

export interface SourceChanges {
  config: SourceFile | null;
  templates: SourceFile[];
  assets: AssetFile[];
  /** Article files whose bytes changed, by content-relative path: the new bytes and their hash, or null when the file is gone. */
  changed: Map<string, { source: ArticleSource; hash: string } | null>;
  /** What the last pass knew of each changed file that it had: its display path and hash. */
  was: Map<string, { path: string; hash: string }>;
  /** The stamps as they are now; `stampsChanged` when they differ from the stored ones. */
  stamps: Stamps;
  stampsChanged: boolean;
  articles: number;
  diagnostics: Diagnostic[];
}

/** `hint`: the only files that may have changed (absolute paths, as the dev server's watcher names them); otherwise every file is looked at. */
export function readSourceChanges(folders: SiteFolders, before: Stamps | null, hint?: readonly string[]): SourceChanges {
  const known: Stamps = before ?? new Map();
  const site = (hint && before ? readSiteAt(folders, before, hint) : null) ?? readSite(folders, known);
  const changed: SourceChanges['changed'] = new Map();
  const was: SourceChanges['was'] = new Map();
  for (const source of site.articles) {
    const hash = (site.stamps.get(source.path) as SourceStamp).hash;
    const old = known.get(source.path);
    if (old?.hash === hash) continue;
    changed.set(source.relPath, { source, hash });
    if (old) was.set(source.relPath, { path: source.path, hash: old.hash });
  }
  let stampsChanged = site.stamps.size !== known.size;
  for (const [path, stamp] of known) {
    const now = site.stamps.get(path);
    if (now?.stat !== stamp.stat) stampsChanged = true;
    if (!now) {
      changed.set(stamp.relPath, null);
      was.set(stamp.relPath, { path, hash: stamp.hash });
    }
  }
  return { config: site.config, templates: site.templates, assets: site.assets, changed, was, stamps: site.stamps, stampsChanged, articles: site.stamps.size, diagnostics: site.diagnostics };
}
