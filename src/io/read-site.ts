// Reads the sources of a site from disk: articles and settings from the content folder, templates
// and assets from the templates folder. Nothing is interpreted here beyond decoding text (articles
// stay bytes: they are decoded where they are parsed, see parse-article.ts); symbolic links are
// reported, not followed, and editors' temporary files are skipped.
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { SETTINGS_FILE } from '../settings-file.js';
import { decodeSource } from '../content/decode-source.js';
import { error } from '../diagnostics.js';
import type { ArticleSource, AssetFile, Diagnostic, SiteSources, SourceFile, SourceStamp } from '../types.js';

export const MAX_SOURCE_BYTES = 1024 * 1024;
const ARTICLE = /\.(md|markdown)$/i;

export interface SiteFolders {
  content: string;
  templates: string;
  /** Display paths are relative to this folder (the working directory). */
  cwd: string;
}

/** Editor swap, backup and temporary files, and hidden files: never content. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /^#.*#$/.test(name) || /\.(swp|swo|swx|tmp|bak|orig|crdownload|part)$/i.test(name) || /^4913$/.test(name);
}

/**
 * Reads the site. With `stamps` from the previous build, an article whose size, times and inode
 * are unchanged is not read again: it keeps its stamp, and so its content hash.
 */
export function readSite(folders: SiteFolders, stamps?: ReadonlyMap<string, SourceStamp>): SiteSources {
  const diagnostics: Diagnostic[] = [];
  const display = (abs: string) => toPosix(relative(folders.cwd, abs) || abs);
  const articles: ArticleSource[] = [];
  const nextStamps = new Map<string, SourceStamp>();
  let config: SourceFile | null = null;
  for (const entry of listFiles(folders.content, display, diagnostics)) {
    const isSettings = entry.relPath === SETTINGS_FILE;
    if (!isSettings && !ARTICLE.test(entry.relPath)) continue;
    const known = isSettings ? undefined : stamps?.get(entry.path);
    if (known && known.stat === entry.stat) {
      nextStamps.set(entry.path, known);
      continue;
    }
    if (isSettings) {
      const text = readText(entry.abs, entry.path, diagnostics);
      if (text !== null) config = { path: entry.path, relPath: entry.relPath, text };
      continue;
    }
    const bytes = readOwnBytes(entry.abs);
    articles.push({ path: entry.path, relPath: entry.relPath, bytes });
    nextStamps.set(entry.path, { relPath: entry.relPath, stat: entry.stat, hash: contentHash(bytes) });
  }
  return { config, articles, stamps: nextStamps, ...readTemplates(folders, display, diagnostics), diagnostics };
}

function readTemplates(folders: SiteFolders, display: (abs: string) => string, diagnostics: Diagnostic[]): Pick<SiteSources, 'templates' | 'assets'> {
  const templates: SourceFile[] = [];
  const assets: AssetFile[] = [];
  for (const entry of listFiles(folders.templates, display, diagnostics)) {
    if (entry.relPath.startsWith('assets/')) {
      assets.push({ path: entry.path, relPath: entry.relPath, bytes: readFileSync(entry.abs) });
    } else if (entry.relPath.endsWith('.hbs')) {
      const text = readText(entry.abs, entry.path, diagnostics);
      if (text !== null) templates.push({ path: entry.path, relPath: entry.relPath, text });
    }
  }
  return { templates, assets };
}

/**
 * Reads the site as readSite does, but looks at only the article files `paths` (absolute; the
 * dev server's watcher names what changed) and takes every other article file as the stamps
 * have it: its cost is that of the paths, not of the site. Null when a path is not an ordinary
 * article file (a folder, the settings, a symbolic link): then the whole content folder must be read.
 */
export function readSiteAt(folders: SiteFolders, stamps: ReadonlyMap<string, SourceStamp>, paths: readonly string[]): SiteSources | null {
  const diagnostics: Diagnostic[] = [];
  const display = (abs: string) => toPosix(relative(folders.cwd, abs) || abs);
  const looked = new Map<string, Entry | null>();
  for (const abs of paths) {
    const rel = toPosix(relative(folders.content, abs));
    if (rel.startsWith('..') || rel === '' || !ARTICLE.test(rel)) {
      if (!rel.startsWith('..')) return null;
      continue;
    }
    if (rel.split('/').some(isIgnoredName)) continue;
    const stat = lstatSync(abs, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) return null;
    if (stat && stat.size > MAX_SOURCE_BYTES) return null;
    // eslint-disable-next-line no-control-regex
    const relPath = /^[\x00-\x7f]*$/.test(rel) ? rel : rel.normalize('NFC');
    looked.set(display(abs), stat ? { abs, path: display(abs), relPath, stat: statStamp(stat) } : null);
  }
  const articles: ArticleSource[] = [];
  const nextStamps = new Map(stamps);
  for (const [path, entry] of [...looked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!entry) nextStamps.delete(path);
    else if (stamps.get(path)?.stat !== entry.stat) {
      const bytes = readOwnBytes(entry.abs);
      articles.push({ path, relPath: entry.relPath, bytes });
      nextStamps.set(path, { relPath: entry.relPath, stat: entry.stat, hash: contentHash(bytes) });
    }
  }
  const config = readSettings(folders, display, diagnostics);
  return { config, articles, stamps: nextStamps, ...readTemplates(folders, display, diagnostics), diagnostics };
}

function readSettings(folders: SiteFolders, display: (abs: string) => string, diagnostics: Diagnostic[]): SourceFile | null {
  const abs = join(folders.content, SETTINGS_FILE);
  const stat = lstatSync(abs, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  const text = readText(abs, display(abs), diagnostics);
  return text === null ? null : { path: display(abs), relPath: SETTINGS_FILE, text };
}

interface Entry {
  abs: string;
  path: string;
  relPath: string;
  /** Size, modification and change times and inode: changes whenever the file is written. */
  stat: string;
}

/** Size, modification and change times and inode of a file: changes whenever the file is written. */
export const statStamp = (stat: Stats): string => `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

/**
 * The bytes of a file, in a buffer of their own. readFileSync puts a small file into a slice of
 * Node's shared pool, which cannot be moved to a parse worker: it was copied, and the original
 * (with its pool) stayed in memory until the next full collection, about 400 MB while a cold
 * build of 100,000 articles parsed. A buffer of its own is moved as it is.
 */
export function readOwnBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafeSlow(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, bytes, length, size - length, null);
      if (read === 0) return bytes.subarray(0, length); // shorter than fstat said: a slice, copied when moved
      length += read;
    }
    // As readFileSync does, a file is read up to the size fstat gave (one that grows meanwhile gets
    // a new stamp, so the next build reads it again), unless that is 0: some file systems give no sizes.
    if (size > 0) return bytes;
    const rest: Buffer[] = [];
    for (let read; (read = readSync(fd, scratch, 0, scratch.byteLength, null)) > 0; ) rest.push(Buffer.from(scratch.subarray(0, read)));
    return Buffer.concat(rest);
  } finally {
    closeSync(fd);
  }
}

const scratch = Buffer.alloc(64 * 1024);

/** Every regular file below `root`, sorted by relative path (NFC), so output never depends on the order the disk lists files in. */
export function listFiles(root: string, display: (abs: string) => string, diagnostics: Diagnostic[]): Entry[] {
  const out: Entry[] = [];
  // Paths are built by joining names (no path.relative per file: at 10,000 files that was a third of the listing).
  const rootDisplay = display(root);
  // display() shows the root itself absolute when it is the working directory; files below it relative.
  const displayPrefix = rootDisplay === toPosix(root) ? '' : `${rootDisplay}/`;
  const displayOf = (rel: string) => `${displayPrefix}${rel}`;
  const walk = (dir: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (e) {
      const shown = prefix === '' ? rootDisplay : displayOf(prefix.slice(0, -1));
      if (dir === root && (e as NodeJS.ErrnoException).code === 'ENOENT') {
        diagnostics.push(error(shown, 'input/missing-folder', `The folder "${shown}" does not exist. Create it or pass another folder.`));
      } else {
        diagnostics.push(error(shown, 'input/unreadable', `The folder cannot be read: ${(e as Error).message}.`));
      }
      return;
    }
    for (const name of names) {
      if (isIgnoredName(name)) continue;
      const abs = `${dir}${sep}${name}`;
      const rel = `${prefix}${name}`;
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        diagnostics.push(error(displayOf(rel), 'input/symlink', 'Symbolic links are not followed, so nothing outside the folder is published. Copy the file here instead.'));
      } else if (stat.isDirectory()) {
        walk(abs, `${rel}/`);
      } else if (stat.isFile()) {
        if (stat.size > MAX_SOURCE_BYTES) {
          diagnostics.push(error(displayOf(rel), 'input/too-large', `The file is ${(stat.size / 1048576).toFixed(1)} MiB; at most ${MAX_SOURCE_BYTES / 1048576} MiB are allowed. Split it or remove embedded data.`));
          continue;
        }
        // eslint-disable-next-line no-control-regex
        const relPath = /^[\x00-\x7f]*$/.test(rel) ? rel : rel.normalize('NFC');
        out.push({ abs, path: displayOf(rel), relPath, stat: statStamp(stat) });
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

function readText(abs: string, path: string, diagnostics: Diagnostic[]): string | null {
  const decoded = decodeSource(path, readFileSync(abs));
  if (decoded.ok) return decoded.text;
  diagnostics.push(decoded.diagnostic);
  return null;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));
