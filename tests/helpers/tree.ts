// Comparing whole output folders byte for byte (warm builds against cold ones).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
