// Worker thread entry: parses batches of articles sent by parse-pool.ts.
import { parentPort } from 'node:worker_threads';
import type { ParseResult, SourceFile } from '../types.js';
import { createMarkdownRenderer } from './markdown.js';
import { parseArticle } from './parse-article.js';

const render = createMarkdownRenderer();

parentPort?.on('message', (batch: { id: number; timeZone: string; sources: SourceFile[] }) => {
  const results: ParseResult[] = batch.sources.map((source) => parseArticle(source, batch.timeZone, render));
  parentPort?.postMessage({ id: batch.id, results });
});
