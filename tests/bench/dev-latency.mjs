#!/usr/bin/env node
// Measures `blatt dev` as an editor feels it: the time from saving a file to the reloaded page in
// real Chromium, on a generated corpus. Not a test: prints figures.
//
//   node tests/bench/dev-latency.mjs [N ...]        (default: 1000 10000; run `npx tsc -p .` first)
//   RUNS=7 BENCH_DIR=/dev/shm/blatt-dev node tests/bench/dev-latency.mjs 1000
//
// For each N: generates N articles with tests/fixtures/corpus/gen-corpus.mjs, starts `blatt dev` as a
// child process on a free port, opens one article, then RUNS times edits its Markdown and waits
// until the new text is on screen (save → rebuild → Server-Sent Event → reload → rendered), and
// RUNS times edits the stylesheet and waits until the new rule applies (swap without reload).
// Each edit waits for the rebuild of the previous one: a rebuild blocks the server's event loop,
// so edits faster than rebuilds would measure queueing, not the editing loop.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GEN = process.env.BLATT_CORPUS_GEN ?? join(REPO, 'tests/fixtures/corpus/gen-corpus.mjs');
const BIN = join(REPO, 'bin/blatt.js');
const RUNS = Number(process.env.RUNS ?? 5);
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1000, 10000);
if (!existsSync(join(REPO, 'dist/blatt/bin.js'))) {
  console.error('dist/blatt/bin.js is missing: run "npm run compile" first');
  process.exit(2);
}
const { launchBrowser } = await import(join(REPO, 'dist/tests/helpers/browser.js'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Waits until blatt dev has finished the rebuilds started so far (its "Rebuilt" lines), so edits do not queue behind each other. */
async function settled(dev, before) {
  while (dev.lines.filter((l) => /^Rebuilt/.test(l)).length <= before) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
}
const rebuiltCount = (dev) => dev.lines.filter((l) => /^Rebuilt/.test(l)).length;
const fmt = (xs) => `median ${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))}, n=${xs.length})`;

async function startDev(root) {
  const child = spawn(process.execPath, [BIN, 'dev', '--port', '0', '--out', 'preview', '--cache-dir', '.cache/blatt'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let buffer = '';
  child.stderr.on('data', () => undefined);
  const url = await new Promise((resolveUrl, reject) => {
    child.on('exit', (code) => reject(new Error(`blatt dev exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const m = /^Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        if (m) resolveUrl(m[1]);
      }
    });
  });
  return { child, url, lines };
}

async function measure(n) {
  const root = join(process.env.BENCH_DIR ?? tmpdir(), `blatt-dev-bench-${n}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  spawnSync(process.execPath, [GEN, join(root, 'content'), String(n)], { stdio: 'inherit' });
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  const name = readdirSync(join(root, 'content')).filter((f) => f.endsWith('.md')).sort()[0];
  const file = join(root, 'content', name);
  const original = readFileSync(file, 'utf8');

  let started = performance.now();
  const dev = await startDev(root);
  const startup = performance.now() - started;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // The article's URL: ask the built output where its slug went.
    const slug = name.replace(/\.md$/, '');
    const html = findPage(join(root, 'preview'), slug);
    await page.goto(new URL(html, dev.url).href);
    await page.waitForSelector('html[data-blatt-live="on"]');

    const edits = [];
    for (let i = 0; i < RUNS; i++) {
      const marker = `Messpunkt${i}x${Date.now().toString(36)}`;
      const before = rebuiltCount(dev);
      started = performance.now();
      writeFileSync(file, `${original}\n${marker}\n`);
      await page.waitForFunction(`document.body && document.body.innerText.includes(${JSON.stringify(marker)})`, undefined, { timeout: 120_000, polling: 'raf' });
      edits.push(performance.now() - started);
      await page.waitForSelector('html[data-blatt-live="on"]');
      await settled(dev, before);
    }

    const css = join(root, 'templates/assets/style.css');
    const cssOriginal = readFileSync(css, 'utf8');
    const swaps = [];
    for (let i = 0; i < RUNS; i++) {
      const color = `rgb(${i + 1}, 2, 3)`;
      const before = rebuiltCount(dev);
      started = performance.now();
      writeFileSync(css, `${cssOriginal}\nh1 { color: ${color}; }\n`);
      await page.waitForFunction(`getComputedStyle(document.querySelector('h1')).color === ${JSON.stringify(color)}`, undefined, { timeout: 120_000, polling: 'raf' });
      swaps.push(performance.now() - started);
      await settled(dev, before);
    }
    writeFileSync(file, original);
    writeFileSync(css, cssOriginal);
    await new Promise((r) => setTimeout(r, 500));
    const rebuilds = dev.lines.filter((l) => l.startsWith('Rebuilt')).map((l) => Number(/in (\d+) ms/.exec(l)?.[1])).filter(Number.isFinite);
    console.log(`${n} articles:`);
    console.log(`  start (first build + server + watcher): ${Math.round(startup)} ms`);
    console.log(`  save article → reloaded page shows it:  ${fmt(edits)}`);
    console.log(`  save stylesheet → new style applied:    ${fmt(swaps)}`);
    console.log(`  rebuild time reported by blatt dev:     ${fmt(rebuilds)}`);
  } finally {
    await browser.close();
    const exited = new Promise((r) => dev.child.once('exit', r));
    dev.child.kill('SIGTERM');
    await exited;
    if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
  }
}

/** The output path of the article page whose folder is named after the slug. */
function findPage(out, slug) {
  for (const year of readdirSync(out)) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const month of readdirSync(join(out, year))) {
      if (existsSync(join(out, year, month, slug, 'index.html'))) return `/${year}/${month}/${slug}/`;
    }
  }
  throw new Error(`no page for ${slug}`);
}

for (const n of sizes) await measure(n);
