// Comparing whole output folders byte for byte (warm builds against cold ones).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Every file below `root`, by relative path, with its bytes (as latin1, so any byte compares). */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else files.set(rel, readFileSync(join(dir, entry.name), 'latin1'));
    }
  };
  walk(root, '');
  return files;
}

export function assertSameTree(actual: string, expected: string, label: string): void {
  const a = readTree(actual);
  const b = readTree(expected);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${label}: the same files`);
  for (const [path, bytes] of b) assert.ok(a.get(path) === bytes, `${label}: ${path} differs from a cold build`);
}

/** The bytes and page fingerprint of each file the manifest beside `outDir` lists (io/write-site.ts). */
export function readManifest(outDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(dirname(outDir), `.${basename(outDir)}.blatt`, 'manifest.json'), 'utf8')) as { files: { paths: string[]; hashes: string[]; fingerprints: string[] } };
  const { paths, hashes, fingerprints } = manifest.files;
  return new Map(paths.map((path, i) => [path, `${hashes[i]} ${fingerprints[i] || '-'}`]));
}

/**
 * The manifests of two outputs list the same files with the same bytes and fingerprints: a warm
 * build that left a fingerprint behind would skip a page the next build must render.
 */
export function assertSameManifest(actual: string, expected: string, label: string): void {
  const a = readManifest(actual);
  const b = readManifest(expected);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${label}: the manifests list the same files`);
  for (const [path, entry] of b) assert.equal(a.get(path), entry, `${label}: ${path} has other bytes or another fingerprint than after a cold build`);
}
