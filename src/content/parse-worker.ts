// Worker thread entry: parses batches of articles sent by parse-pool.ts. Bodies go back as UTF-8
// bytes (transferred, not copied), which is also how the main thread keeps them (article-body.ts).
import { parentPort } from 'node:worker_threads';
import type { ArticleSource } from '../types.js';
import { bodyBytesOf, withoutBody } from './article-body.js';
import { createMarkdownRenderer } from './markdown.js';
import { parseArticleFile } from './parse-article.js';
import type { WorkerResult } from './parse-pool.js';

const render = createMarkdownRenderer();

parentPort?.on('message', (batch: { id: number; timeZone: string; sources: ArticleSource[] }) => {
  const transfer: ArrayBuffer[] = [];
  const results: WorkerResult[] = batch.sources.map((source) => {
    const { article, diagnostics } = parseArticleFile(source, batch.timeZone, render);
    if (!article) return { article: null, diagnostics };
    const body = bodyBytesOf(article);
    transfer.push(body.html.buffer as ArrayBuffer, body.text.buffer as ArrayBuffer);
    return { article: withoutBody(article), body, diagnostics };
  });
  parentPort?.postMessage({ id: batch.id, results }, transfer);
});
