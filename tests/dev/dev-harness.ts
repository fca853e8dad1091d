// Runs `blatt dev` in-process on a temporary site, on a free port of 127.0.0.1, and records what
// it reports, so tests can wait for builds and count them.
import { startDev, type DevEvent, type DevServer } from '../../src/dev/start-dev.js';
import { NOW, tempSite, type TempSite } from '../helpers/site.js';

export type BuildEvent = Extract<DevEvent, { kind: 'build' }>;

export interface DevHarness {
  site: TempSite;
  dev: DevServer;
  builds: BuildEvent[];
  /** Waits for the n-th build (1-based, counting the first one). */
  build(n: number): Promise<BuildEvent>;
  /** Fetches a URL path from the dev server. */
  get(path: string): Promise<{ status: number; text: string; type: string | null }>;
  stop(): Promise<void>;
}

export async function startHarness(files: Record<string, string>): Promise<DevHarness> {
  const site = tempSite(files);
  const builds: BuildEvent[] = [];
  const waiters: (() => void)[] = [];
  const dev = await startDev({
    contentDir: 'content',
    templatesDir: 'templates',
    outDir: 'public',
    cwd: site.root,
    port: 0,
    cacheDir: null,
    now: () => NOW,
    report(event) {
      if (event.kind === 'build-crash' || event.kind === 'watch-error') process.stderr.write(`dev server: ${event.kind}: ${event.message}\n`);
      if (event.kind !== 'build') return;
      builds.push(event);
      for (const w of waiters.splice(0)) w();
    },
  });
  return {
    site,
    dev,
    builds,
    async build(n) {
      const deadline = Date.now() + 20_000;
      while (builds.length < n) {
        if (Date.now() > deadline) throw new Error(`waited 20 s for build ${n}; got ${builds.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 500);
        });
      }
      return builds[n - 1] as BuildEvent;
    },
    async get(path) {
      const res = await fetch(new URL(path, dev.url), { redirect: 'manual' });
      return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
    },
    async stop() {
      await dev.close();
      site.remove();
    },
  };
}

/** Lets chokidar deliver late events and the scheduler finish, so nothing is still on its way. */
export async function quiet(h: DevHarness, ms = 600): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await h.dev.idle();
}
