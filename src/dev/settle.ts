// Before a rebuild: if a changed article or settings file looks half-written (empty, or its
// front-matter is not closed yet), wait a moment and read it again once, so a save caught midway
// is not reported as a mistake. Whatever is still incomplete then is built (and reported) as is;
// a broken build never replaces the last good pages.
import { readFileSync } from 'node:fs';
import { looksIncomplete } from './incomplete.js';

const SOURCE = /\.(md|markdown|ya?ml)$/i;

export async function settleSources(paths: readonly string[], waitMs: number): Promise<string[]> {
  const suspicious = paths.filter((p) => SOURCE.test(p) && isIncomplete(p));
  if (suspicious.length === 0) return [];
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return suspicious.filter(isIncomplete);
}

function isIncomplete(path: string): boolean {
  try {
    return looksIncomplete(readFileSync(path, 'utf8'));
  } catch {
    return false; // deleted or unreadable: the build reports it
  }
}
