// Decides what open pages must do after a build. A page reloads when its own output file changed
// or disappeared; when a page differs only in the hashed URL of a stylesheet, the browser swaps
// the stylesheet instead of reloading. Keeps one fingerprint per HTML file (its bytes with
// stylesheet hashes removed), updated only for the files a build changed.
import { createHash } from 'node:crypto';

export interface PageChanges {
  /** Output paths of pages whose content changed or that were removed. */
  pages: Set<string>;
  /** Old stylesheet URL → new one. */
  stylesheets: Map<string, string>;
}

/** `assets/style.0123456789.css` → `assets/style.css` (see planAssets). */
const HASHED_CSS = /\/assets\/([^"'\s)?#]*?)\.[0-9a-f]{10}\.css/g;
const HASHED_CSS_PATH = /^assets\/(.*)\.[0-9a-f]{10}\.css$/;

export type ContentsOf = (path: string) => string | Uint8Array | null;

export interface PageTracker {
  /** Remembers every page of the first build. */
  reset(paths: readonly string[], contentsOf: ContentsOf): void;
  /** `changedPaths`: output paths written or removed by a build. */
  update(changedPaths: readonly string[], contentsOf: ContentsOf): PageChanges;
}

export function createPageTracker(): PageTracker {
  const fingerprints = new Map<string, string>();
  return {
    reset(paths, contentsOf) {
      fingerprints.clear();
      for (const path of paths) {
        const contents = isPage(path) ? contentsOf(path) : null;
        if (contents !== null) fingerprints.set(path, fingerprint(contents));
      }
    },
    update(changedPaths, contentsOf) {
      const pages = new Set<string>();
      const removedCss = new Map<string, string>();
      const addedCss = new Map<string, string>();
      for (const path of changedPaths) {
        const contents = contentsOf(path);
        const css = HASHED_CSS_PATH.exec(path);
        if (css) (contents === null ? removedCss : addedCss).set(css[1] as string, `/${path}`);
        if (!isPage(path)) continue;
        if (contents === null) {
          fingerprints.delete(path);
          pages.add(path);
          continue;
        }
        const next = fingerprint(contents);
        if (fingerprints.get(path) !== next) pages.add(path);
        fingerprints.set(path, next);
      }
      const stylesheets = new Map<string, string>();
      for (const [name, from] of removedCss) {
        const to = addedCss.get(name);
        if (to) stylesheets.set(from, to);
      }
      return { pages, stylesheets };
    },
  };
}

const isPage = (path: string) => path.endsWith('.html');

function fingerprint(contents: string | Uint8Array): string {
  const text = typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8');
  return createHash('sha1').update(text.replace(HASHED_CSS, '/assets/$1.css')).digest('hex');
}
