// Which article of the last build a file is: the dev server asks this of every changed path (its
// quiet time, early preview and edit-local rebuild), so it lives apart from the heavy modules.
import { isAbsolute, relative, sep } from 'node:path';
import type { LastBuild } from './build-pipeline.js';
import type { Article } from './site/model.js';

/** The article of the last build's model that a changed file (absolute path) is, if any. */
export function articleAt(last: LastBuild, path: string): Article | undefined {
  const rel = relative(last.contentDir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return last.byRelPath.get(rel.split(sep).join('/').normalize('NFC'));
}
