// A build session: the store opened once, the compiled templates kept while they stay the same.
// `blatt build` and `blatt check` run one pass of a new session; `blatt dev` keeps one session
// and runs a pass after every save, told by its watcher what changed.
import { resolve } from 'node:path';
import { codeVersion } from '../io/code-version.js';
import { openStore } from '../store/store.js';
import type { BuildOptions, BuildResult, PassHints } from './options.js';
import { runPass, type PassSession } from './pass.js';

export interface BuildSession {
  build(overrides?: Partial<Pick<BuildOptions, 'now'>> & PassHints): Promise<BuildResult>;
  close(): void;
}

export function createBuildSession(options: BuildOptions): BuildSession {
  let session: PassSession | null = null;
  let notes: string[] = [];
  return {
    async build({ now, changed, first } = {}) {
      if (!session) {
        const cacheDir = options.cacheDir ? resolve(options.cwd ?? '.', options.cacheDir) : null;
        // `blatt check` writes nothing, not even to the store.
        const opened = openStore(cacheDir, codeVersion(), { readOnly: options.write === false && cacheDir !== null });
        session = { store: opened.store, templates: null, last: null };
        notes = opened.notes;
      }
      const result = await runPass({ ...options, ...(now === undefined ? {} : { now }) }, session, { changed, first });
      result.notes.unshift(...notes);
      notes = [];
      return result;
    },
    close() {
      session?.store.close();
      session = null;
    },
  };
}

/** One pass of a new session. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const session = createBuildSession(options);
  try {
    return await session.build();
  } finally {
    session.close();
  }
}
