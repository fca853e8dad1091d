// Test helpers: real folders on disk with a site in them, built through the real pipeline.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../src/engine/session.js';
import type { BuildOptions, BuildResult } from '../../src/engine/options.js';

/** The repository root (tests run from dist/tests/…). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The `blatt` command as a user runs it (it runs the bundle in dist/blatt). */
export const BIN = join(REPO, 'bin/blatt.js');
export const REPO_TEMPLATES = join(REPO, 'templates');
export const REPO_CONTENT = join(REPO, 'content');
/** The project's generator of German news corpora (outside dist, so reached from the repository root). */
export const CORPUS_GENERATOR = join(REPO, 'tests/fixtures/corpus/gen-corpus.mjs');
/** A fixed build time, so tests never depend on the clock: 2 April 2025, 12:00 Berlin. */
export const NOW = Date.parse('2025-04-02T10:00:00Z');

export interface TempSite {
  root: string;
  content: string;
  templates: string;
  out: string;
  cache: string;
  write(relPath: string, text: string | Uint8Array): void;
  read(relPath: string): string;
  remove(): void;
}

/** A temporary project folder: content/ from `files`, templates/ copied from the repository. */
export function tempSite(files: Record<string, string> = {}, options: { templates?: boolean } = {}): TempSite {
  const root = mkdtempSync(join(tmpdir(), 'blatt-test-'));
  const site: TempSite = {
    root,
    content: join(root, 'content'),
    templates: join(root, 'templates'),
    out: join(root, 'public'),
    cache: join(root, '.cache/blatt'),
    write(relPath, text) {
      const path = join(root, relPath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    },
    read(relPath) {
      return readFileSync(join(root, relPath), 'utf8');
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  mkdirSync(site.content, { recursive: true });
  if (options.templates !== false) cpSync(REPO_TEMPLATES, site.templates, { recursive: true });
  for (const [relPath, text] of Object.entries(files)) site.write(join('content', relPath), text);
  return site;
}

/** Builds a temporary site (in memory unless `write: true`). */
export function buildSite(site: TempSite, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({
    contentDir: 'content',
    templatesDir: 'templates',
    outDir: 'public',
    cwd: site.root,
    now: NOW,
    cacheDir: null,
    write: false,
    ...options,
  });
}

/** A build that writes `outDir` in `site`, with the cache in `cacheDir` or none, three years after NOW (every generated article is published). */
export function writingBuild(site: TempSite, outDir: string, cacheDir: string | null): BuildOptions {
  return { contentDir: 'content', templatesDir: 'templates', outDir, cwd: site.root, now: NOW + 3 * 365 * 86_400_000, cacheDir, write: true };
}

/** Writes `n` generated articles into `dir` with the project's generator (the same n and seed give the same bytes). */
export function generateCorpus(dir: string, n: number, seed = 1): void {
  execFileSync(process.execPath, [CORPUS_GENERATOR, dir, String(n), '--seed', String(seed)], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A minimal valid article. */
export function article(fields: Record<string, string | string[] | boolean> = {}, body = 'Ein Absatz.'): string {
  const all: Record<string, string | string[] | boolean> = { title: 'Eine Meldung', date: '2025-04-01', ...fields };
  const lines = Object.entries(all).map(([k, v]) =>
    Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${JSON.stringify(x)}`).join('\n')}` : typeof v === 'boolean' ? `${k}: ${v}` : `${k}: ${JSON.stringify(v)}`,
  );
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** The text of an output file of a build result. */
export function fileOf(result: BuildResult, path: string): string {
  const file = result.files?.find((f) => f.path === path);
  if (!file) throw new Error(`no output file ${path}; have: ${result.files?.map((f) => f.path).join(', ') ?? '(build failed)'}`);
  return typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8');
}
