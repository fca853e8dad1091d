// A fingerprint of the code that builds the site: Blatt's own compiled files and the versions of
// every installed package. It is part of every cache key, so upgrading Blatt or a dependency
// invalidates the cache instead of serving results an older version computed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** Defined (true) by the bundler (scripts/bundle.mjs): this module then lives in dist/blatt/ with all the rest of the code. */
declare const BLATT_BUNDLE: boolean | undefined;

export function codeVersion(): string {
  if (cached) return cached;
  const h = createHash('sha1');
  // Compiled: dist/src/io/code-version.js, the code is dist/src. Bundled: a chunk in dist/blatt.
  const here = dirname(fileURLToPath(import.meta.url));
  const srcRoot = typeof BLATT_BUNDLE !== 'undefined' && BLATT_BUNDLE ? here : dirname(here);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) h.update(entry.name).update(readFileSync(path));
    }
  };
  walk(srcRoot);
  // npm's record of every installed package and version (transitive ones too).
  const root = join(srcRoot, '../..');
  for (const lock of [join(root, 'node_modules/.package-lock.json'), join(root, 'package-lock.json')]) {
    try {
      h.update(readFileSync(lock));
      break;
    } catch {
      // try the next one
    }
  }
  cached = h.digest('base64url');
  return cached;
}
