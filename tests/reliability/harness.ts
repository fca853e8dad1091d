// Shared harness of the reliability tests: the compiled CLI as a child process, snapshots of the
// output folder, and "a bad file is rejected and public/ stays as the last good build left it".
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/types.js';
import { BIN, buildSite, NOW, type TempSite } from '../helpers/site.js';

export const NOW_ARG = new Date(NOW).toISOString();

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `blatt <args>` in `cwd` with a fixed build time; waits for it to end. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args, '--now', NOW_ARG], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Same, asynchronously (for builds that run side by side or get killed). */
export function startCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args, '--now', NOW_ARG], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Every file below `dir` (symbolic links included, not followed) → sha256 of its bytes. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const s = lstatSync(a);
      if (s.isDirectory()) walk(a, r);
      else if (s.isSymbolicLink()) out.set(r, 'symlink');
      else out.set(r, createHash('sha256').update(readFileSync(a)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

export function assertSameTree(actual: Map<string, string>, expected: Map<string, string>, what: string) {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${what}: the same files`);
  for (const [path, digest] of expected) assert.equal(actual.get(path), digest, `${what}: ${path} unchanged`);
}

/** Builds the site in process and writes public/; asserts that it succeeds. */
export async function goodBuild(site: TempSite): Promise<Map<string, string>> {
  const result = await buildSite(site, { write: true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], 'the good build has no errors');
  return snapshot(site.out);
}

export interface Expected {
  rule: string | RegExp;
  line?: number;
  severity?: 'error' | 'warning';
}

/**
 * Writes `text` to content/`relPath` of a site with a good build in public/, builds again, and
 * asserts: a diagnostic with the rule (and line) naming that file, the build failed, public/ unchanged.
 * The bad file is removed afterwards, so one site serves many variants.
 */
export async function assertRejected(site: TempSite, relPath: string, text: string | Uint8Array, expected: Expected, label = relPath): Promise<Diagnostic[]> {
  const before = snapshot(site.out);
  site.write(join('content', relPath), text);
  try {
    const result = await buildSite(site, { write: true });
    const file = `content/${relPath}`.normalize('NFC');
    const hit = result.diagnostics.find(
      (d) => d.file.normalize('NFC') === file && (typeof expected.rule === 'string' ? d.rule === expected.rule : expected.rule.test(d.rule)) && (d.severity === (expected.severity ?? 'error')),
    );
    assert.ok(hit, `${label}: expected ${String(expected.rule)} for ${file}, got ${JSON.stringify(result.diagnostics)}`);
    if (expected.line !== undefined) assert.equal(hit.line, expected.line, `${label}: line of ${hit.rule}`);
    assert.equal(result.files, null, `${label}: the build failed`);
    assertSameTree(snapshot(site.out), before, label);
    return result.diagnostics;
  } finally {
    rmSync(join(site.content, relPath), { force: true });
  }
}

/** Builds with one extra file and returns the diagnostics for it (the file is removed afterwards). */
export async function diagnosticsWith(site: TempSite, relPath: string, text: string): Promise<{ diagnostics: Diagnostic[]; ok: boolean; html: string | null }> {
  site.write(join('content', relPath), text);
  try {
    const result = await buildSite(site);
    const file = `content/${relPath}`;
    return { diagnostics: result.diagnostics.filter((d) => d.file === file), ok: result.files !== null, html: null };
  } finally {
    rmSync(join(site.content, relPath), { force: true });
  }
}
