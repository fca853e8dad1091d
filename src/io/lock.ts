// One writer at a time per output folder. The lock is a file in the state folder beside the output
// (stateDirOf), created atomically with link(2) so it is never seen half-written, and holding the
// writer's process id. A second build waits for it (bounded) and then fails with a diagnostic; the
// lock of a process that no longer runs (a build killed with SIGKILL) is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stateDirOf } from './output.js';

export const LOCK_FILE = 'lock';
/** How long a second build waits for the first to finish writing before it gives up. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

interface Owner {
  pid: number;
  host: string;
}

export type LockResult = { ok: true; release: () => void } | { ok: false; owner: Owner; lockPath: string };

export function lockPathOf(outDir: string): string {
  return join(stateDirOf(outDir), LOCK_FILE);
}

/** Takes the lock of `outDir`, waiting up to `waitMs` for another process to release it. */
export async function acquireOutputLock(outDir: string, waitMs = DEFAULT_LOCK_WAIT_MS): Promise<LockResult> {
  const path = lockPathOf(outDir);
  const me: Owner = { pid: process.pid, host: hostname() };
  const deadline = Date.now() + waitMs;
  for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
    const owner = tryCreate(path, me);
    if (owner === null) return { ok: true, release: () => release(path, me) };
    if (!isRunning(owner)) {
      takeOver(path, owner);
      continue;
    }
    if (Date.now() >= deadline) return { ok: false, owner, lockPath: path };
    await sleep(delay);
  }
}

/** Creates the lock file, or returns the owner of the existing one. */
function tryCreate(path: string, me: Owner): Owner | null {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${me.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(me));
  try {
    linkSync(tmp, path);
    return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readOwner(path) ?? { pid: 0, host: me.host };
  } finally {
    rmSync(tmp, { force: true });
  }
}

function readOwner(path: string): Owner | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    return Number.isInteger(value.pid) && typeof value.host === 'string' ? value : null;
  } catch (e) {
    // Vanished between link and read: the caller simply tries again.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { pid: -1, host: '' } : null;
  }
}

/** Whether the process still runs; one on another machine (a shared folder) is taken to run. */
export function isRunning(owner: Owner): boolean {
  if (owner.pid === -1) return false;
  if (owner.host !== hostname()) return true;
  if (owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a dead owner's lock: renamed aside first, so a lock another process just took is put back, not deleted. */
function takeOver(path: string, dead: Owner) {
  if (dead.pid === -1) return;
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it already
  }
  const moved = readOwner(aside);
  if (moved && moved.pid !== dead.pid) {
    try {
      linkSync(aside, path);
    } catch {
      /* a third process holds the lock now; its owner stays recorded there */
    }
  }
  rmSync(aside, { force: true });
}

function release(path: string, me: Owner) {
  const owner = readOwner(path);
  if (owner && owner.pid === me.pid && owner.host === me.host) rmSync(path, { force: true });
}
