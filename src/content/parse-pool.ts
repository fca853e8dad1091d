// Parses many articles at once: worker threads, one per core, take batches from one queue. The
// main thread only hands out batches and collects results: its heap holds the whole site, so
// parsing there is slower (garbage collection of a large heap) and would delay the hand-outs.
// Below a threshold, or on one core, the main thread parses alone: starting a worker (loading
// remark) costs more than it saves. The pool takes the sources over: each one is dropped from the
// array once it is handed out, so the files (38 MB at 10,000 articles) do not all stay alive
// until the last article is parsed.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleSource, Diagnostic, ParsedArticle, ParseResult } from '../types.js';
import { withBody, type BodyBytes } from './article-body.js';
import { shareStems } from './article-terms.js';
import type { BodyFile } from '../io/body-file.js';

/** A parse result as a worker sends it: the article's body as bytes. */
export type WorkerResult = { article: null; diagnostics: Diagnostic[] } | { article: Omit<ParsedArticle, 'html' | 'text'>; body: BodyBytes; diagnostics: Diagnostic[] };

const BATCH = 20;
/** Fewer articles than this are parsed on the main thread alone. */
export const WORKER_THRESHOLD = 300;

/**
 * Parses `sources` (and empties that array as it goes); result i belongs to the i-th source.
 * `bodies`: a file the bodies that workers send are appended to as they come, rather than kept in memory.
 */
export async function parseMany(sources: (ArticleSource | null)[], timeZone: string, options: { workers?: number; bodies?: BodyFile | null } = {}): Promise<ParseResult[]> {
  const results: ParseResult[] = new Array(sources.length);
  const cores = availableParallelism();
  const workerCount = sources.length < WORKER_THRESHOLD || cores < 2 ? 0 : Math.max(1, Math.min(options.workers ?? cores, 8));
  if (workerCount === 0) {
    const { createMarkdownRenderer } = await import('./markdown.js');
    const { parseArticleFile } = await import('./parse-article.js');
    const render = createMarkdownRenderer();
    for (let i = 0; i < sources.length; i++) results[i] = parseArticleFile(handOut(sources, i), timeZone, render);
    return results;
  }
  // A full disk does not fail this: the file keeps what it cannot write in memory (body-file.ts).
  const keep = (body: BodyBytes) => (options.bodies ? options.bodies.store(body) : body);
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
        worker.on('message', (message: { id: number; results: WorkerResult[] }) => {
          message.results.forEach((r, i) => {
            // The terms come as copies: their stems are shared again (a few thousand for the whole site).
            if (r.article?.terms) shareStems(r.article.terms);
            results[message.id + i] = r.article ? { article: withBody(r.article, keep(r.body)), diagnostics: r.diagnostics } : r;
          });
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

/** The bytes, if they are all of their buffer (so moving the buffer moves nothing else); else null. */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null;
}

function handOut(sources: (ArticleSource | null)[], i: number): ArticleSource {
  const source = sources[i] as ArticleSource;
  sources[i] = null;
  return source;
}
