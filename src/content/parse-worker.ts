// Worker thread entry: parses batches of articles sent by parse-pool.ts and sends the results back.
import { parentPort } from 'node:worker_threads';
import type { ArticleSource, ParseResult } from '../types.js';
import { createMarkdownRenderer } from './markdown.js';
import { parseArticleFile } from './parse-article.js';

const render = createMarkdownRenderer();

parentPort?.on('message', (batch: { id: number; timeZone: string; sources: ArticleSource[] }) => {
  const results: ParseResult[] = batch.sources.map((source) => parseArticleFile(source, batch.timeZone, render));
  parentPort?.postMessage({ id: batch.id, results });
});
