// The output as the dev server sees it after a build: every file of the output folder, and the
// contents of a file from the build result (the files it rendered) or else from disk.
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { BuildResult } from '../engine/options.js';
import type { ContentsOf } from './page-changes.js';

/** Output contents by path: from the build result (the files it rendered), else from disk; null when removed. */
export function contentsFrom(result: BuildResult, outDir: string): ContentsOf {
  const byPath = new Map(result.files?.map((f) => [f.path, f.contents]) ?? []);
  return (path) => {
    const rendered = byPath.get(path);
    if (rendered !== undefined) return rendered;
    try {
      return readFileSync(join(outDir, path));
    } catch {
      return null;
    }
  };
}

/**
 * Stylesheets among the changed paths that can be shown before the rebuild ends: `.css` files of
 * templates/assets/ that refer to no other file (url(…) would resolve against another folder).
 */
export function editedStylesheets(assetsDir: string, paths: readonly string[]): string[] {
  const names: string[] = [];
  for (const path of paths) {
    const rel = relative(assetsDir, path);
    if (!rel.endsWith('.css') || rel.startsWith('..') || isAbsolute(rel)) continue;
    try {
      if (!/url\(|@import/i.test(readFileSync(path, 'utf8'))) names.push(rel.split(sep).join('/'));
    } catch {
      // deleted: the rebuild handles it
    }
  }
  return names;
}

/** Every file of the output folder (posix paths relative to it). */
export function outputPaths(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(outDir, join(e.parentPath, e.name)).split(sep).join('/'));
}
