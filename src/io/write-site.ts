// Writes the finished site. The new site replaces the old one only when complete: changed files
// are first written to a staging folder beside the output, then a journal is committed, then the
// files are moved in and stale ones deleted. A build killed before the commit leaves the output
// untouched; one killed after it is completed by the next run (recoverOutput). Files whose bytes
// did not change are not rewritten, and files the build did not even render (their fingerprint
// matched, see site/fingerprint.ts) are kept as they are.
import { hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../types.js';

export interface WriteResult {
  written: number;
  unchanged: number;
  removed: number;
  /** Output paths whose bytes changed or that were removed (what a browser must reload). */
  changedPaths: string[];
  /** What the output folder holds now; a build session passes it to the next write. */
  state: OutputState;
}

export interface OutputEntry {
  hash: string;
  size: number;
  mtimeMs: number;
  /** The page fingerprint the file was rendered from, when known. */
  fingerprint?: string;
}

/** Output path → what is known about the file there. */
export type OutputState = Map<string, OutputEntry>;

export interface WriteOptions {
  /** Paths that were not rendered because their fingerprint matched: they stay as they are. */
  kept?: readonly string[];
  /** What the folder holds (readOutputState, or the state the previous write of this session returned). */
  state?: OutputState;
  /** Look for stale files in the whole folder (default), rather than only among those in `state`. */
  scan?: boolean;
  /** Asked once every file is staged: false discards the staged files and leaves the output as it was. */
  beforeCommit?: () => boolean;
  /** What the build wants to remember about this output (see build-record.ts), stored with the manifest. */
  record?: () => unknown;
}

/**
 * The manifest: what the output folder holds, and the record of the build that wrote it. The
 * files are stored in columns, one list per field: every build reads and writes the manifest, and
 * JSON reads lists of strings and numbers at a third of the time of an object per file (13,000
 * files at 10,000 articles).
 */
interface Manifest {
  format: typeof MANIFEST_FORMAT;
  files: FileColumns;
  record: unknown;
}

const MANIFEST_FORMAT = 2;

interface FileColumns {
  paths: string[];
  hashes: string[];
  sizes: number[];
  mtimes: number[];
  /** '' for a file rendered without one. */
  fingerprints: string[];
}

function fileColumns(state: OutputState): FileColumns {
  const columns: FileColumns = { paths: [], hashes: [], sizes: [], mtimes: [], fingerprints: [] };
  for (const [path, entry] of state) {
    columns.paths.push(path);
    columns.hashes.push(entry.hash);
    columns.sizes.push(entry.size);
    columns.mtimes.push(entry.mtimeMs);
    columns.fingerprints.push(entry.fingerprint ?? '');
  }
  return columns;
}

/** The manifest read from its JSON text, or null when it is of another format or damaged. */
function asManifest(value: unknown): Manifest | null {
  const m = value as Manifest | null;
  const f = m?.files;
  if (m?.format !== MANIFEST_FORMAT || typeof f !== 'object' || f === null) return null;
  const n = Array.isArray(f.paths) ? f.paths.length : -1;
  const columns = [f.hashes, f.sizes, f.mtimes, f.fingerprints];
  return n >= 0 && columns.every((c) => Array.isArray(c) && c.length === n) ? m : null;
}

interface Journal {
  moves: string[];
  deletes: string[];
}


/** The folder beside the output that holds staging files, the journal and the manifest. */
export function stateDirOf(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.blatt`);
}

/** Writes `files` (any iterable: a generator streams them from the renderer). Null when `beforeCommit` said no. */
export function writeSite(outDir: string, files: Iterable<OutputFile>, options?: Omit<WriteOptions, 'beforeCommit'>): WriteResult;
export function writeSite(outDir: string, files: Iterable<OutputFile>, options: WriteOptions): WriteResult | null;
export function writeSite(outDir: string, files: Iterable<OutputFile>, options: WriteOptions = {}): WriteResult | null {
  const stateDir = stateDirOf(outDir);
  const staging = join(stateDir, 'staging');
  recoverOutput(outDir);
  const previous = options.state ?? readOutputState(outDir);
  const next: OutputState = new Map();
  for (const path of options.kept ?? []) {
    const entry = previous.get(path);
    if (entry) next.set(path, entry);
  }
  const moves: string[] = [];
  const makeDir = dirMaker();
  const encode = encoder();
  let unchanged = next.size;
  try {
    for (const file of files) {
      const bytes = typeof file.contents === 'string' ? encode(file.contents) : file.contents;
      const digest = hash('sha1', bytes);
      const before = previous.get(file.path);
      if (before && before.hash === digest) {
        next.set(file.path, { ...before, fingerprint: file.fingerprint });
        unchanged++;
        continue;
      }
      const target = join(staging, file.path);
      makeDir(dirname(target));
      writeFileSync(target, bytes);
      next.set(file.path, { hash: digest, size: bytes.byteLength, mtimeMs: 0, fingerprint: file.fingerprint });
      moves.push(file.path);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (options.beforeCommit && !options.beforeCommit()) {
    rmSync(staging, { recursive: true, force: true });
    return null;
  }
  mkdirSync(outDir, { recursive: true });
  // Stale files: whatever the folder holds, or (a dev session that wrote every file itself) what the state knows of.
  const existing = options.scan === false ? [...previous.keys()] : listTree(outDir);
  const deletes = existing.filter((p) => !next.has(p));
  commitJournal(stateDir, { moves, deletes });
  applyJournal(outDir, stateDir, { moves, deletes });
  for (const path of moves) {
    const entry = next.get(path) as OutputEntry;
    entry.mtimeMs = statSync(join(outDir, path)).mtimeMs;
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, files: fileColumns(next), record: options.record?.() ?? null };
  writeAtomically(join(stateDir, 'manifest.json'), JSON.stringify(manifest));
  return { written: moves.length, unchanged, removed: deletes.length, changedPaths: [...moves, ...deletes].sort(), state: next };
}

/**
 * Replaces single files of the output at once, outside the staged write (the dev server's early
 * preview and edit-local rebuilds, build-preview.ts and build-edit.ts): each is written beside
 * the output and renamed over the old file. `state` learns the new bytes and the file's
 * fingerprint; a file without one (a preview) is rendered again by the next write, which then
 * finds it unchanged. The manifest is not touched: until that write, the file does not match it,
 * so a build that starts after an interruption treats it as changed behind its back and rewrites it.
 * Returns the files whose bytes changed.
 */
export function replaceOutputFiles(outDir: string, files: readonly OutputFile[], state: OutputState): OutputFile[] {
  const changed: OutputFile[] = [];
  const tmp = join(stateDirOf(outDir), `early.${process.pid}.tmp`);
  for (const file of files) {
    const bytes = typeof file.contents === 'string' ? Buffer.from(file.contents) : file.contents;
    const digest = hash('sha1', bytes);
    const before = state.get(file.path);
    if (!before) continue; // only pages the output already has: new ones come with the full write
    if (before.hash === digest) {
      if (file.fingerprint !== undefined) state.set(file.path, { ...before, fingerprint: file.fingerprint });
      continue;
    }
    const target = join(outDir, file.path);
    mkdirSync(dirname(tmp), { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
    const stat = statSync(target);
    state.set(file.path, { hash: digest, size: stat.size, mtimeMs: stat.mtimeMs, fingerprint: file.fingerprint });
    changed.push(file);
  }
  return changed;
}

/**
 * What the output folder holds, from the manifest of the last write. Entries whose file is not
 * there with the same size and modification time lose their hash and fingerprint (rewritten).
 */
export function readOutputState(outDir: string): OutputState {
  return readOutput(outDir).state;
}

export interface OutputSnapshot {
  state: OutputState;
  /** Size, time and inode of the manifest when it was read (see manifestStamp), or null without one. */
  manifest: string | null;
  /** The record the last write stored (null when there is none). */
  record: unknown;
  /** Whether every file the manifest lists is there, unchanged, and no write is half-done. */
  intact: boolean;
}

export function readOutput(outDir: string): OutputSnapshot {
  const state: OutputState = new Map();
  const stamp = manifestStamp(outDir);
  let manifest: Manifest | null;
  try {
    manifest = asManifest(JSON.parse(readFileSync(join(stateDirOf(outDir), 'manifest.json'), 'utf8')));
  } catch {
    manifest = null;
  }
  // Without a manifest (or one of an earlier format) nothing is known: every file is written again.
  if (!manifest) return { state, manifest: null, record: null, intact: false };
  let intact = !existsSync(join(stateDirOf(outDir), 'journal.json'));
  // Without the folder (deleted for a clean build) no file is there: nothing to look at one by one.
  const folderThere = existsSync(outDir);
  const { paths, hashes, sizes, mtimes, fingerprints } = manifest.files;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string;
    const entry: OutputEntry = { hash: hashes[i] as string, size: sizes[i] as number, mtimeMs: mtimes[i] as number };
    if (fingerprints[i]) entry.fingerprint = fingerprints[i];
    // A file changed or removed behind our back is kept as known (so it can be deleted) but never trusted.
    if (folderThere && sameStat(`${outDir}/${path}`, entry)) state.set(path, entry);
    else {
      state.set(path, { hash: '', size: -1, mtimeMs: -1 });
      intact = false;
    }
  }
  return { state, manifest: stamp, record: manifest.record ?? null, intact };
}

/** Changes whenever a build writes the manifest (it is replaced by a rename, so the inode changes too). */
export function manifestStamp(outDir: string): string | null {
  try {
    const s = statSync(join(stateDirOf(outDir), 'manifest.json'));
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return null;
  }
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
  mkdirSync(outDir, { recursive: true });
  const move = mover(outDir, staging);
  for (const path of journal.moves) move(path);
  rmSync(join(state, 'journal.json'), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Moves one staged file into the output. A folder the output does not have yet is moved whole,
 * with every staged file in it: one rename for a new article's folder, or for most of the site
 * on a first build. Staging holds only files of the journal, so nothing else comes along.
 * Safe to repeat after an interruption: what was moved is no longer in staging and is skipped.
 */
function mover(outDir: string, staging: string): (path: string) => void {
  const present = new Set<string>(); // output folders known to exist
  const movedWhole = new Set<string>(); // staged folders moved in one piece by this run
  return (path) => {
    let dir = '';
    for (const name of path.split('/').slice(0, -1)) {
      dir = dir ? `${dir}/${name}` : name;
      if (movedWhole.has(dir)) return;
      if (present.has(dir)) continue;
      if (existsSync(join(outDir, dir))) {
        present.add(dir);
        continue;
      }
      if (!existsSync(join(staging, path))) return; // moved before an interruption
      renameSync(join(staging, dir), join(outDir, dir));
      movedWhole.add(dir);
      return;
    }
    const from = join(staging, path);
    if (!existsSync(from)) return; // moved before an interruption
    const to = join(outDir, path);
    try {
      renameSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw e;
      rmSync(to, { recursive: true, force: true });
      renameSync(from, to);
    }
  };
}

/**
 * UTF-8 bytes of a page, in a buffer reused for the next page (so valid until the next call):
 * thousands of pages are hashed and written once each, and a fresh buffer per page only fed the
 * garbage collector. Very large files get their own buffer.
 */
function encoder(): (text: string) => Uint8Array {
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  return (text) => {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8, so the text always fits.
    if (text.length * 3 > SCRATCH_BYTES) return Buffer.from(text);
    return scratch.subarray(0, scratch.write(text, 0, 'utf8'));
  };
}

const SCRATCH_BYTES = 1 << 20;

/** mkdir -p that remembers what it made: every page has a folder of its own, so this saves thousands of calls. */
function dirMaker(): (dir: string) => void {
  const made = new Set<string>();
  return (dir) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
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
    // A missing file is the common case after a clean: no exception for it (they are slow by the thousand).
    const s = statSync(path, { throwIfNoEntry: false });
    return s !== undefined && s.isFile() && s.size === previous.size && s.mtimeMs === previous.mtimeMs;
  } catch {
    return false;
  }
}

/** Write to a temporary file, flush it, and rename it over the target. `contents` may come in chunks. */
export function writeAtomically(path: string, contents: string | Uint8Array | Iterable<Uint8Array>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  if (typeof contents === 'string' || contents instanceof Uint8Array) writeFileSync(tmp, contents);
  else {
    const fd = openSync(tmp, 'w');
    try {
      for (const chunk of contents) {
        for (let done = 0; done < chunk.byteLength; ) done += writeSync(fd, chunk, done);
      }
    } finally {
      closeSync(fd);
    }
  }
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
