#!/usr/bin/env node
// The floor a remark-based generator stands on, for `npm run bench`: the naive pipeline of issue 5
// (gray-matter, remark + remark-html, one Handlebars template; article pages only, one file each,
// no lists, feeds, checks or cache) on as many worker threads as Blatt's parse pool uses. Blatt's
// cold build does this work and more, so its time divided by this one says how far it is from
// what remark alone costs on the same machine.
//
//   node tests/bench/remark-floor.mjs CONTENT_DIR OUT_DIR
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const PAGE = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{title}}</title></head><body><article><h1>{{title}}</h1>{{{body}}}</article></body></html>';

if (isMainThread) {
  const [content, out] = process.argv.slice(2);
  if (!content || !out) {
    console.error('usage: remark-floor.mjs CONTENT_DIR OUT_DIR');
    process.exit(2);
  }
  const files = readdirSync(content).filter((f) => f.endsWith('.md')).sort();
  mkdirSync(out, { recursive: true });
  // Blatt's pool: one worker per core, at most 8 (src/content/parse-pool.ts).
  const count = Math.max(1, Math.min(availableParallelism(), 8));
  const shares = Array.from({ length: count }, (_, k) => files.filter((_, i) => i % count === k));
  const written = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { content, out, files: share } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  console.log(`${written.reduce((a, b) => a + b, 0)} pages from ${files.length} articles on ${count} worker threads`);
} else {
  const { content, out, files } = workerData;
  const { remark } = await import('remark');
  const remarkHtml = (await import('remark-html')).default;
  const matter = (await import('gray-matter')).default;
  const Handlebars = (await import('handlebars')).default;
  const processor = remark().use(remarkHtml);
  const page = Handlebars.compile(PAGE);
  for (const file of files) {
    const { data, content: markdown } = matter(readFileSync(`${content}/${file}`, 'utf8'));
    const body = String(processor.processSync(markdown));
    writeFileSync(`${out}/${file.replace(/\.md$/, '.html')}`, page({ title: data.title, body }));
  }
  parentPort.postMessage(files.length);
}
