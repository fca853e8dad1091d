// A file of article bodies (UTF-8 bytes, one after another), read back range by range when a page
// that shows a body is rendered. The cache files are such files (io/cache.ts): a build that loads
// the cache reads only the small fields, not the bodies (44 MB at 10,000 articles), and a cold
// build appends each body to the cache file it is making as the body comes from a parse worker,
// instead of holding all of them in memory next to the site model until the cache is saved.
//
// Cache files are never changed in place: a new one replaces the old by a rename, which leaves an
// open file as it was. A program that writes into the file anyway is noticed by the file's size
// (and, for a finished file, its modification time), and the read fails rather than showing
// another article's text.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Where an article's body is: HTML from `start` to `htmlEnd`, then its plain text up to `end`. */
export interface StoredBody {
  file: BodyFile;
  start: number;
  htmlEnd: number;
  end: number;
}

/** Appended bytes are written once this many are pending. */
const BUFFER = 1 << 20;

// A file that is no longer reachable (no article's body is in it any more) is closed.
const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
});

export class BodyFile {
  readonly #fd: number;
  #path: string;
  /** Bytes in the file, including those not written yet. */
  #length: number;
  /** Bytes written to the file; the rest are in `#memory`. */
  #written: number;
  /** Appended bytes not written yet, in order: the write buffer, or everything after a failed write. */
  #memory: Buffer[] = [];
  #buffered = 0;
  /** Set while the file is being written. */
  #writable: boolean;
  /** A write failed (a full disk): from then on, appended bytes stay in memory. */
  #failed = false;
  /** For a finished file: its modification time when opened or committed. */
  #mtimeMs: number | null;
  #closed = false;

  private constructor(fd: number, path: string, length: number, writable: boolean, mtimeMs: number | null) {
    this.#fd = fd;
    this.#path = path;
    this.#length = this.#written = length;
    this.#writable = writable;
    this.#mtimeMs = mtimeMs;
    closeWhenCollected.register(this, fd, this);
  }

  /** A finished file, for reading. Throws when it cannot be opened. */
  static open(path: string): BodyFile {
    const fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    return new BodyFile(fd, path, stat.size, false, stat.mtimeMs);
  }

  /** A new file at `path` (replaced if it exists) that begins with `head`, for appending. Throws when it cannot be made. */
  static create(path: string, head: Uint8Array): BodyFile {
    const fd = openSync(path, 'w+');
    const file = new BodyFile(fd, path, 0, true, null);
    file.append(head);
    return file;
  }

  get path(): string {
    return this.#path;
  }

  /** Bytes in the file. */
  get length(): number {
    return this.#length;
  }

  /** Whether every appended byte could be written (false after a write failed, e.g. on a full disk). */
  get intact(): boolean {
    return !this.#failed;
  }

  /**
   * Appends `bytes`, which must not change afterwards; returns the offset they begin at. Never
   * fails for lack of disk space: after a failed write the bytes stay readable from memory.
   */
  append(bytes: Uint8Array): number {
    if (!this.#writable) throw new Error(`${this.#path} is not open for writing`);
    const start = this.#length;
    this.#memory.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.#buffered += bytes.byteLength;
    this.#length += bytes.byteLength;
    if (this.#buffered >= BUFFER) this.#flush();
    return start;
  }

  /** Appends an article's body. */
  store(body: { html: Uint8Array; text: Uint8Array }): StoredBody {
    const start = this.append(body.html);
    const htmlEnd = this.append(body.text);
    return { file: this, start, htmlEnd, end: this.#length };
  }

  /** The bytes from `start` to `end`. */
  read(start: number, end: number): Buffer {
    if (this.#closed) throw new Error(`${this.#path} was closed`);
    if (end > this.#written) this.#flush();
    const bytes = Buffer.allocUnsafe(end - start);
    let at = start;
    if (at < this.#written) {
      const stat = fstatSync(this.#fd);
      if (stat.size < this.#written || (!this.#failed && stat.size !== this.#written) || (this.#mtimeMs !== null && stat.mtimeMs !== this.#mtimeMs)) {
        throw new Error(`The cache file ${this.#path} was changed by another program while Blatt was reading it. Build again; if this repeats, delete the cache folder.`);
      }
      const upTo = Math.min(end, this.#written);
      while (at < upTo) {
        const n = readSync(this.#fd, bytes, at - start, upTo - at, at);
        if (n === 0) throw new Error(`${this.#path} ends before byte ${upTo}`);
        at += n;
      }
    }
    // The rest is in memory (only after a failed write).
    let offset = this.#written;
    for (const chunk of this.#memory) {
      if (at >= end) break;
      const chunkEnd = offset + chunk.byteLength;
      if (at < chunkEnd) {
        const n = Math.min(end, chunkEnd) - at;
        chunk.copy(bytes, at - start, at - offset, at - offset + n);
        at += n;
      }
      offset = chunkEnd;
    }
    if (at < end) throw new Error(`${this.#path} has no byte ${at}`);
    return bytes;
  }

  /** Writes what is pending, makes it durable and gives the file the name `path` (bodies stay readable). Throws when that fails. */
  commit(path: string): void {
    this.#flush();
    if (this.#failed) throw Object.assign(new Error(`${this.#path} could not be written`), { code: 'ENOSPC' });
    this.#writable = false;
    fsyncSync(this.#fd);
    renameSync(this.#path, path);
    this.#path = path;
    this.#mtimeMs = fstatSync(this.#fd).mtimeMs;
  }

  /** Removes the file's name (it stays readable while open). */
  unlink(): void {
    rmSync(this.#path, { force: true });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeWhenCollected.unregister(this);
    closeSync(this.#fd);
  }

  #flush(): void {
    if (this.#failed || this.#memory.length === 0) return;
    const bytes = this.#memory.length === 1 ? (this.#memory[0] as Buffer) : Buffer.concat(this.#memory, this.#buffered);
    let done = 0;
    try {
      while (done < bytes.byteLength) done += writeSync(this.#fd, bytes, done, bytes.byteLength - done, this.#written + done);
    } catch {
      // What was written stays; the rest is kept in memory, with everything appended later.
      this.#failed = true;
      this.#written += done;
      this.#memory = [bytes.subarray(done)];
      return;
    }
    this.#written += done;
    this.#memory = [];
    this.#buffered = 0;
  }
}
