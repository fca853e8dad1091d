// Turns a stream of file events into builds: events are collected until the folder has been
// quiet for `quietMs` (a `git checkout` of 50 files gives one build; chokidar delivers such a
// burst with gaps of up to ~40 ms on a busy machine), but never longer than `maxWaitMs` after the
// first of them. The quiet time may depend on the paths waiting (the dev server waits less for
// article edits, whose rebuild is quick). Builds never overlap: events that arrive during a build
// queue exactly one more build with all of them.

export interface Scheduler {
  /** A path that may have changed. */
  notify(path: string): void;
  /** Resolves when no build is waiting or running. */
  idle(): Promise<void>;
  close(): void;
}

export function createScheduler(quietMs: number | ((pending: ReadonlySet<string>) => number), run: (paths: string[]) => Promise<void>, maxWaitMs = 1000): Scheduler {
  const quietFor = typeof quietMs === 'number' ? () => quietMs : quietMs;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let firstEventAt = 0;
  let running: Promise<void> | null = null;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (timer || running || pending.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };
  const start = () => {
    timer = null;
    if (running || closed) return; // the running build starts the next one when it ends
    const paths = [...pending].sort();
    pending = new Set();
    running = run(paths)
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (pending.size > 0 && !timer && !closed) start();
        else settleIfIdle();
      });
  };
  return {
    notify(path) {
      if (closed) return;
      if (pending.size === 0) firstEventAt = performance.now();
      pending.add(path);
      if (timer) clearTimeout(timer);
      const waited = performance.now() - firstEventAt;
      timer = setTimeout(start, Math.max(0, Math.min(quietFor(pending), maxWaitMs - waited)));
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
      settleIfIdle();
    },
  };
}
