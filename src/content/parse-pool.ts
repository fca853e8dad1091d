// Parses many articles at once: worker threads, one per core, take batches from one queue. The
// main thread only hands out batches and collects results: its heap holds the whole site, so
// parsing there is slower (garbage collection of a large heap) and would delay the hand-outs.
// Below a threshold, or on one core, the main thread parses alone: starting a worker (loading
// remark) costs more than it saves. The pool takes the sources over: each one is dropped from the
// array once it is handed out, so the files (38 MB at 10,000 articles) do not all stay alive
// until the last article is parsed.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleSource, ParseResult } from '../types.js';

const BATCH = 20;
/** Fewer articles than this are parsed on the main thread alone. */
export const WORKER_THRESHOLD = 300;

/**
 * Parses `sources` (and empties that array as it goes), handing each result to `onResult` with
 * the index of its source as it comes (in any order), so the caller can store it and let it go.
 */
export async function parseMany(sources: (ArticleSource | null)[], timeZone: string, onResult: (i: number, result: ParseResult) => void, options: { workers?: number } = {}): Promise<void> {
  const cores = availableParallelism();
  const workerCount = sources.length < WORKER_THRESHOLD || cores < 2 ? 0 : Math.max(1, Math.min(options.workers ?? cores, 8));
  if (workerCount === 0) {
    const { createMarkdownRenderer } = await import('./markdown.js');
    const { parseArticleFile } = await import('./parse-article.js');
    const render = createMarkdownRenderer();
    for (let i = 0; i < sources.length; i++) onResult(i, parseArticleFile(handOut(sources, i), timeZone, render));
    return;
  }
  let next = 0;
  const take = (): [number, number] | null => {
    if (next >= sources.length) return null;
    const start = next;
    next = Math.min(sources.length, next + BATCH);
    return [start, next];
  };
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL('./parse-worker.js', import.meta.url)));
  const done = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let current: [number, number] | null = null;
        const feed = () => {
          current = take();
          if (!current) return resolve();
          // Each file is moved to the worker, without a copy when it has a buffer of its own
          // (io/read-site.ts, readOwnBytes); a slice of a larger buffer is copied first (cloning
          // would copy the whole buffer, Node's shared pool for small files).
          const batch: ArticleSource[] = [];
          const transfer: ArrayBuffer[] = [];
          for (let i = current[0]; i < current[1]; i++) {
            const source = handOut(sources, i);
            const bytes = ownBytes(source.bytes) ?? new Uint8Array(source.bytes);
            batch.push({ path: source.path, relPath: source.relPath, bytes });
            transfer.push(bytes.buffer);
          }
          worker.postMessage({ id: current[0], timeZone, sources: batch }, transfer);
        };
        worker.on('message', (message: { id: number; results: ParseResult[] }) => {
          message.results.forEach((r, i) => onResult(message.id + i, r));
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 || !current ? resolve() : reject(new Error(`parse worker exited with code ${code}`))));
        feed();
      }),
  );
  try {
    await Promise.all(done);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}


/** The bytes, if they are all of their buffer (so moving the buffer moves nothing else); else null. */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null;
}

function handOut(sources: (ArticleSource | null)[], i: number): ArticleSource {
  const source = sources[i] as ArticleSource;
  sources[i] = null;
  return source;
}
