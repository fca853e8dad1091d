// Assets (templates/assets/) are copied with a content hash in their names, so a browser may
// keep them for good; and every new output path is checked before anything is written.
import { createHash } from 'node:crypto';
import { error } from '../diagnostics.js';
import type { AssetFile, Diagnostic } from '../types.js';
import { collisionKey, unsafeOutputPath } from './output-path.js';
import type { Recipe } from './recipes.js';

export function planAssets(assets: readonly AssetFile[]): { urls: Map<string, string>; recipes: Recipe[] } {
  const urls = new Map<string, string>();
  const recipes: Recipe[] = [];
  for (const asset of assets) {
    const name = asset.relPath.replace(/^assets\//, '');
    const hash = createHash('sha256').update(asset.bytes).digest('hex').slice(0, 10);
    const hashed = name.replace(/(\.[^./]+)?$/, (ext) => `.${hash}${ext}`);
    urls.set(name, `/assets/${hashed}`);
    recipes.push({ kind: 'asset', path: `assets/${hashed}`, name });
  }
  return { urls, recipes };
}

/**
 * Every path is safe and unique, also on case-insensitive file systems. Only new paths need a
 * look: those the site had were checked when they were new. `fileOf` names an article's file.
 */
export function checkPaths(recipes: readonly Recipe[], fileOf: (relPath: string) => string | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, Recipe>();
  const sourceOf = (r: Recipe) => (r.kind === 'article' ? (fileOf(r.relPath) ?? r.relPath) : r.kind === 'asset' ? `templates/assets/${r.name}` : r.path);
  for (const recipe of recipes) {
    const problem = unsafeOutputPath(recipe.path);
    if (problem) {
      diagnostics.push(error(sourceOf(recipe), 'output/unsafe-path', `The output path "${recipe.path}" is refused: ${problem}.`));
      continue;
    }
    const key = collisionKey(recipe.path);
    const other = seen.get(key);
    if (other) diagnostics.push(error(sourceOf(recipe), 'output/collision', `"${recipe.path}" would be written twice (also by ${sourceOf(other)}). Give one of them another name.`));
    else seen.set(key, recipe);
  }
  return diagnostics;
}
