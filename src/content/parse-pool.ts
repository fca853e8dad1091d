// Parses many articles at once: worker threads, one per core, take batches from one queue. The
// main thread only hands out batches and collects results: its heap holds the whole site, so
// parsing there is slower (garbage collection of a large heap) and would delay the hand-outs.
// Below a threshold, or on one core, the main thread parses alone: starting a worker (loading
// remark) costs more than it saves.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, ParsedArticle, ParseResult, SourceFile } from '../types.js';
import { withBodyBytes, type BodyBytes } from './article-body.js';

/** A parse result as a worker sends it: the article's body as bytes. */
export type WorkerResult = { article: null; diagnostics: Diagnostic[] } | { article: Omit<ParsedArticle, 'html' | 'text'>; body: BodyBytes; diagnostics: Diagnostic[] };

const BATCH = 20;
/** Fewer articles than this are parsed on the main thread alone. */
export const WORKER_THRESHOLD = 300;

export async function parseMany(sources: readonly SourceFile[], timeZone: string, options: { workers?: number } = {}): Promise<ParseResult[]> {
  const results: ParseResult[] = new Array(sources.length);
  const cores = availableParallelism();
  const workerCount = sources.length < WORKER_THRESHOLD || cores < 2 ? 0 : Math.max(1, Math.min(options.workers ?? cores, 8));
  if (workerCount === 0) {
    const { createMarkdownRenderer } = await import('./markdown.js');
    const { parseArticle } = await import('./parse-article.js');
    const render = createMarkdownRenderer();
    sources.forEach((s, i) => (results[i] = parseArticle(s, timeZone, render)));
    return results;
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
          if (current) worker.postMessage({ id: current[0], timeZone, sources: sources.slice(current[0], current[1]) });
          else resolve();
        };
        worker.on('message', (message: { id: number; results: WorkerResult[] }) => {
          message.results.forEach((r, i) => (results[message.id + i] = r.article ? { article: withBodyBytes(r.article, r.body), diagnostics: r.diagnostics } : r));
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
  return results;
}
