// Writes the finished site. The new site replaces the old one only when complete: changed files
// are first written to a staging folder beside the output, then a journal is committed, then the
// files are moved in and stale ones deleted. A build killed before the commit leaves the output
// untouched; one killed after it is completed by the next run (recoverOutput). Files whose bytes
// did not change are not rewritten.
import { hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../types.js';

export interface WriteResult {
  written: number;
  unchanged: number;
  removed: number;
  /** Output paths whose bytes changed or that were removed (what a browser must reload). */
  changedPaths: string[];
}

interface Journal {
  moves: string[];
  deletes: string[];
}

type Manifest = Record<string, { hash: string; size: number; mtimeMs: number }>;

/** The folder beside the output that holds staging files, the journal and the manifest. */
export function stateDirOf(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.blatt`);
}

export function writeSite(outDir: string, files: readonly OutputFile[]): WriteResult {
  const state = stateDirOf(outDir);
  const staging = join(state, 'staging');
  recoverOutput(outDir);
  mkdirSync(outDir, { recursive: true });
  const manifest = readManifest(state);
  const next: Manifest = {};
  const moves: string[] = [];
  let unchanged = 0;
  try {
    for (const file of files) {
      const bytes = typeof file.contents === 'string' ? Buffer.from(file.contents) : file.contents;
      const digest = hash('sha1', bytes);
      const previous = manifest[file.path];
      if (previous && previous.hash === digest && sameStat(join(outDir, file.path), previous)) {
        next[file.path] = previous;
        unchanged++;
        continue;
      }
      const target = join(staging, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      next[file.path] = { hash: digest, size: bytes.byteLength, mtimeMs: 0 };
      moves.push(file.path);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const wanted = new Set(files.map((f) => f.path));
  const deletes = listTree(outDir).filter((p) => !wanted.has(p));
  commitJournal(state, { moves, deletes });
  applyJournal(outDir, state, { moves, deletes });
  for (const path of moves) {
    const s = statSync(join(outDir, path));
    (next[path] as { mtimeMs: number }).mtimeMs = s.mtimeMs;
  }
  writeAtomically(join(state, 'manifest.json'), JSON.stringify(next));
  return { written: moves.length, unchanged, removed: deletes.length, changedPaths: [...moves, ...deletes].sort() };
}

/** Completes a write whose journal was committed, or discards one that was not. */
export function recoverOutput(outDir: string): void {
  const state = stateDirOf(outDir);
  const journalPath = join(state, 'journal.json');
  if (existsSync(journalPath)) {
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
    applyJournal(outDir, state, journal);
  } else {
    rmSync(join(state, 'staging'), { recursive: true, force: true });
  }
}

function commitJournal(state: string, journal: Journal) {
  writeAtomically(join(state, 'journal.json'), JSON.stringify(journal));
}

function applyJournal(outDir: string, state: string, journal: Journal) {
  // Deletes first: a stale symbolic link in the output must be gone before anything is moved below it.
  const staging = join(state, 'staging');
  for (const path of journal.deletes) {
    rmSync(join(outDir, path), { force: true });
    removeEmptyParents(outDir, dirname(join(outDir, path)));
  }
  for (const path of journal.moves) {
    const from = join(staging, path);
    if (!existsSync(from)) continue; // moved before an interruption
    const to = join(outDir, path);
    mkdirSync(dirname(to), { recursive: true });
    try {
      renameSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw e;
      rmSync(to, { recursive: true, force: true });
      renameSync(from, to);
    }
  }
  rmSync(join(state, 'journal.json'), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

function removeEmptyParents(root: string, dir: string) {
  while (dir.startsWith(root) && dir !== root) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else out.push(rel);
    }
  };
  if (existsSync(root)) walk(root, '');
  return out;
}

function sameStat(path: string, previous: { size: number; mtimeMs: number }): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && s.size === previous.size && s.mtimeMs === previous.mtimeMs;
  } catch {
    return false;
  }
}

function readManifest(state: string): Manifest {
  try {
    return JSON.parse(readFileSync(join(state, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

/** Write to a temporary file, flush it, and rename it over the target. */
export function writeAtomically(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
