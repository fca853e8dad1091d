// Watches the content and templates folders (chokidar 5 has no globs: whole folders, filtered).
// Every event on a file is reported as "this path may have changed": editors save by writing a
// temporary file and renaming it, or by deleting and re-creating, so the kind of event says little.
import { watch } from 'chokidar';
import { basename } from 'node:path';
import { isIgnoredName } from '../io/read-site.js';
import { isInside } from './safe-path.js';

export interface Watcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  folders: readonly string[];
  /** Folders never to report, e.g. the output folder if it lies inside a watched folder. */
  exclude: readonly string[];
  onChange(path: string): void;
  onError(error: Error): void;
}

export function watchFolders(options: WatchOptions): Watcher {
  const ignored = (path: string) => (!options.folders.includes(path) && isIgnoredName(basename(path))) || options.exclude.some((dir) => isInside(dir, path));
  const watcher = watch([...options.folders], { ignoreInitial: true, ignored, atomic: false });
  watcher.on('all', (event, path) => {
    if (event === 'addDir') return; // its files come as their own events
    options.onChange(path);
  });
  watcher.on('error', (e) => options.onError(e instanceof Error ? e : new Error(String(e))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
}
