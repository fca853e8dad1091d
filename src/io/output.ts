// The output folder, changed only whole: a pass stages the files it writes in a folder beside
// the output, then commits a journal (what to move in, what to delete, and the generation of
// the store that describes the result), then the store, then applies the journal. A pass killed
// before the store commit leaves the output as it was (the journal's generation is not the
// store's, so the next pass discards it); one killed after it leaves the journal, which the next
// pass completes. A marker beside the output names the target and generation it shows; when it
// does not match the store (the folder was deleted, restored from elsewhere, or written by a
// build with other settings), the output is not trusted and is written whole.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

interface Journal {
  generation: number;
  moves: string[];
  deletes: string[];
}

interface Marker {
  target: string;
  generation: number;
  /** The output folder's inode and birth time: a folder deleted and made again is another one (its inode may be the old one's). */
  ino: number;
  born: number;
}

/** The folder beside the output that holds staging files, the journal, the marker and the lock. */
export function stateDirOf(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.blatt`);
}

const journalPath = (outDir: string) => join(stateDirOf(outDir), 'journal.json');
const markerPath = (outDir: string) => join(stateDirOf(outDir), 'marker.json');
const stagingOf = (outDir: string) => join(stateDirOf(outDir), 'staging');

export interface Recovery {
  /** Whether the output is what the store says: the marker names this target and generation, and the folder is the one it was written to. */
  trusted: boolean;
  /** What was done with the write of a pass that was interrupted. */
  interrupted: 'completed' | 'discarded' | null;
}

/** Completes a write whose store commit happened (the journal's generation is `committed`), or discards one whose did not. */
export function recoverOutput(outDir: string, target: string, committed: number): Recovery {
  const journal = readJson<Journal>(journalPath(outDir));
  let interrupted: Recovery['interrupted'] = null;
  if (journal && journal.generation === committed) {
    applyJournal(outDir, journal);
    writeMarker(outDir, target, committed);
    interrupted = 'completed';
  } else {
    if (journal || existsSync(stagingOf(outDir))) interrupted = 'discarded';
    rmSync(journalPath(outDir), { force: true });
    rmSync(stagingOf(outDir), { recursive: true, force: true });
  }
  const marker = readJson<Marker>(markerPath(outDir));
  const folder = statSync(outDir, { throwIfNoEntry: false });
  const same = marker !== null && folder !== undefined && marker.ino === folder.ino && marker.born === folder.birthtimeMs;
  return { trusted: same && marker.target === target && marker.generation === committed, interrupted };
}

/** Files of the output folder (posix paths), for a pass that writes an output it does not trust. */
export function outputFiles(outDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else out.push(rel);
    }
  };
  if (existsSync(outDir)) walk(outDir, '');
  return out;
}

/** The files a pass writes, staged beside the output until commit(). */
export class StagedOutput {
  readonly #moves: string[] = [];
  readonly #deletes: string[] = [];
  readonly #made = new Set<string>();
  readonly #staging: string;

  constructor(private readonly outDir: string) {
    this.#staging = stagingOf(outDir);
    rmSync(this.#staging, { recursive: true, force: true });
  }

  write(path: string, bytes: Uint8Array): void {
    const target = join(this.#staging, path);
    const dir = dirname(target);
    if (!this.#made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.#made.add(dir);
    }
    writeFileSync(target, bytes);
    this.#moves.push(path);
  }

  remove(path: string): void {
    this.#deletes.push(path);
  }

  get moves(): readonly string[] {
    return this.#moves;
  }

  get deletes(): readonly string[] {
    return this.#deletes;
  }

  /** Commits the journal of generation `generation`: from here on the write completes, unless the store commit does not happen. */
  prepare(generation: number): void {
    writeAtomically(journalPath(this.outDir), JSON.stringify({ generation, moves: this.#moves, deletes: this.#deletes } satisfies Journal));
  }

  /** After the store committed `generation`: moves the files in, deletes the stale ones, marks the output. */
  apply(target: string, generation: number): void {
    applyJournal(this.outDir, { generation, moves: this.#moves, deletes: this.#deletes });
    writeMarker(this.outDir, target, generation);
  }

  discard(): void {
    rmSync(this.#staging, { recursive: true, force: true });
  }
}

function writeMarker(outDir: string, target: string, generation: number): void {
  mkdirSync(outDir, { recursive: true });
  const folder = statSync(outDir);
  writeAtomically(markerPath(outDir), JSON.stringify({ target, generation, ino: folder.ino, born: folder.birthtimeMs } satisfies Marker));
}

function applyJournal(outDir: string, journal: Journal): void {
  // Deletes first: a stale symbolic link in the output must be gone before anything is moved below it.
  const staging = stagingOf(outDir);
  for (const path of journal.deletes) {
    rmSync(join(outDir, path), { force: true });
    removeEmptyParents(outDir, dirname(join(outDir, path)));
  }
  mkdirSync(outDir, { recursive: true });
  const move = mover(outDir, staging);
  for (const path of journal.moves) move(path);
  rmSync(journalPath(outDir), { force: true });
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

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Write to a temporary file, flush it, and rename it over the target. */
export function writeAtomically(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
