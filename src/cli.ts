// The command line: the only module that touches `process` (argv, environment, exit code).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { createBuildSession } from './engine/session.js';
import type { BuildOptions } from './engine/options.js';
import { parseDate } from './content/dates.js';
import { formatDiagnostic, formatGithub, hasErrors, summarize } from './diagnostics.js';
import type { Diagnostic } from './types.js';
// The other commands' modules are loaded when they run, so a build that finds nothing to do starts fast.

const HELP = `blatt: a static site generator for German-language news sites

Usage:
  blatt build [options]        build the site from content/ and templates/ into public/
  blatt check [options]        check content, templates and links without writing anything
  blatt dev [options]          build, serve on 127.0.0.1 and rebuild on every save
  blatt new "Titel" [options]  start a new article (a draft) in content/<year>/
  blatt related <slug>         show the "Mehr zum Thema" choices of an article and why
  blatt --help                 show this help

Options:
  --content DIR      content folder (default: content)
  --templates DIR    templates folder (default: templates)
  --out DIR          output folder (default: public; for dev: .cache/blatt/dev, so drafts never land in public/)
  --base-url URL     absolute URL the site is published at (overrides content/site.yml)
  --drafts           include drafts and embargoed articles (preview)
  --now DATE         build time, e.g. 2025-04-01T12:00+02:00 (default: SOURCE_DATE_EPOCH, else the clock)
  --cache-dir DIR    persistent cache (default: .cache/blatt)
  --no-cache         neither read nor write the cache
  --format FORMAT    diagnostics as text, json (one object per line) or github (annotations)
  --strict           treat warnings as errors
  --force            render and write every page, whatever the store says
  --timings          print how long each stage of the build took
  --port N           dev server port (default: 8080)

Exit codes: 0 success, 1 errors in the content or templates, 2 wrong usage.`;

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  templates: { type: 'string', default: 'templates' },
  out: { type: 'string' },
  'base-url': { type: 'string' },
  drafts: { type: 'boolean', default: false },
  now: { type: 'string' },
  'cache-dir': { type: 'string', default: '.cache/blatt' },
  'no-cache': { type: 'boolean', default: false },
  format: { type: 'string', default: 'text' },
  strict: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  timings: { type: 'boolean', default: false },
  port: { type: 'string', default: '8080' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export type CliOptions = {
  content: string;
  templates: string;
  out: string;
  /** Whether --out was given (`blatt dev` previews into its own folder unless told otherwise). */
  outGiven: boolean;
  baseUrl: string | undefined;
  drafts: boolean;
  now: number;
  /** Whether the build time comes from the clock (no --now, no SOURCE_DATE_EPOCH). */
  clock: boolean;
  cacheDir: string | null;
  format: 'text' | 'json' | 'github';
  strict: boolean;
  force: boolean;
  timings: boolean;
  port: number;
};

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { command: string | undefined; positionals: string[]; options: CliOptions; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (!['text', 'json', 'github'].includes(v.format)) throw new UsageError(`--format must be text, json or github, not "${v.format}"`);
  const port = Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${v.port}"`);
  const [command, ...positionals] = parsed.positionals;
  return {
    command,
    positionals,
    help: v.help,
    options: {
      content: v.content,
      templates: v.templates,
      out: v.out ?? 'public',
      outGiven: v.out !== undefined,
      baseUrl: v['base-url'],
      drafts: v.drafts,
      now: buildTime(v.now, process.env.SOURCE_DATE_EPOCH),
      clock: v.now === undefined && !process.env.SOURCE_DATE_EPOCH,
      cacheDir: v['no-cache'] ? null : v['cache-dir'],
      format: v.format as CliOptions['format'],
      strict: v.strict,
      force: v.force,
      timings: v.timings,
      port,
    },
  };
}

/** The build time: --now, else SOURCE_DATE_EPOCH (seconds), else the clock. */
export function buildTime(now: string | undefined, sourceDateEpoch: string | undefined): number {
  if (now !== undefined) {
    const parsed = parseDate(now, 'Europe/Berlin');
    if (!parsed.ok) throw new UsageError(`--now: ${parsed.message}`);
    return parsed.date.epochMs;
  }
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${sourceDateEpoch}"`);
    return Number(sourceDateEpoch) * 1000;
  }
  return Date.now();
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], format: CliOptions['format'], write: (line: string) => void): void {
  for (const d of diagnostics) {
    if (format === 'json') write(JSON.stringify(d));
    else if (format === 'github') write(formatGithub(d));
    else write(formatDiagnostic(d));
  }
}

/** With --strict, warnings count as errors. */
export function applyStrict(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  return strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : [...diagnostics];
}

/** The build options the command line asks for. */
function buildOptionsFrom(options: CliOptions, write: boolean): BuildOptions {
  return {
    contentDir: options.content,
    templatesDir: options.templates,
    outDir: options.out,
    baseUrl: options.baseUrl,
    includeDrafts: options.drafts,
    now: options.now,
    cacheDir: options.cacheDir,
    force: options.force,
    write,
  };
}

async function runBuild(options: CliOptions, check: boolean): Promise<number> {
  const started = performance.now();
  // `check` writes nothing at all: it reads the store but does not change it.
  const session = createBuildSession(buildOptionsFrom(options, !check));
  const result = await session.build().finally(() => session.close());
  const diagnostics = applyStrict(result.diagnostics, options.strict);
  if (options.format !== 'json') for (const note of result.notes) process.stderr.write(`${note}\n`);
  if (options.timings) {
    const parts = Object.entries(result.stats.timings).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`);
    process.stderr.write(`timings: ${parts.join(', ')}\n`);
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  printDiagnostics(diagnostics, options.format, options.format === 'text' ? err : out);
  const { errors, warnings } = summarize(diagnostics);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const problems = `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  const failed = hasErrors(diagnostics) || result.files === null;
  if (options.format !== 'json') {
    if (failed) err(`${check ? 'Check' : 'Build'} failed: ${problems}.${check ? '' : ` ${options.out}/ was not changed.`}`);
    else if (check) out(`Checked ${count(result.stats.articles, 'article')} and ${count(result.stats.pages, 'page')} in ${seconds} s: ${problems}.`);
    else {
      const w = result.written;
      const work = result.stats.upToDate
        ? 'already up to date: no source changed since the last build'
        : `${result.stats.rendered} rendered, ${w?.written ?? 0} written, ${w?.removed ?? 0} removed; ${count(result.stats.parsed, 'article')} parsed, ${result.stats.cached} from cache`;
      out(`Built ${count(result.stats.pages, 'page')} from ${count(result.stats.articles, 'article')} into ${options.out}/ in ${seconds} s (${work}); ${problems}.`);
    }
  }
  return failed ? 1 : 0;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export async function main(argv: string[]): Promise<number> {
  let cmd;
  try {
    cmd = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`blatt: ${e.message}\nRun "blatt --help" for usage.\n`);
    return 2;
  }
  if (cmd.help || cmd.command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  switch (cmd.command) {
    case 'build':
      return runBuild(cmd.options, false);
    case 'check':
      return runBuild(cmd.options, true);
    case 'dev':
      return runDev(cmd.options);
    case 'new':
      return runNew(cmd.positionals, cmd.options);
    case 'related':
      return runRelated(cmd.positionals, cmd.options);
    case undefined:
      process.stderr.write(`blatt: no command given.\n\n${HELP}\n`);
      return 2;
    default:
      process.stderr.write(`blatt: unknown command "${cmd.command}".\nRun "blatt --help" for usage.\n`);
      return 2;
  }
}

/** Where `blatt dev` writes its preview (with drafts and local URLs) unless --out is given. */
const DEV_OUT = '.cache/blatt/dev';

/** `blatt dev`: runs until Ctrl+C (SIGINT) or SIGTERM. */
async function runDev(options: CliOptions): Promise<number> {
  const cwd = process.cwd();
  const { startDev } = await import('./dev/start-dev.js');
  const { describeDevEvent } = await import('./dev/terminal.js');
  const print = (lines: { stdout: string[]; stderr: string[] }) => {
    for (const line of lines.stderr) process.stderr.write(`${line}\n`);
    for (const line of lines.stdout) process.stdout.write(`${line}\n`);
  };
  let dev;
  try {
    dev = await startDev({
      contentDir: options.content,
      templatesDir: options.templates,
      outDir: options.outGiven ? options.out : DEV_OUT,
      cwd,
      port: options.port,
      baseUrl: options.baseUrl,
      cacheDir: options.cacheDir,
      now: options.clock ? () => Date.now() : () => options.now,
      report: (event) => print(describeDevEvent(event, cwd)),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw e;
    process.stderr.write(`blatt: port ${options.port} on 127.0.0.1 is ${err.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}. Choose another with --port, e.g. --port 8081 (or 0 for any free port).\n`);
    return 1;
  }
  const server = dev;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

/** `blatt new "Titel"`: creates content/<year>/<slug>.md as a draft and prints its path. */
async function runNew(positionals: string[], options: CliOptions): Promise<number> {
  if (positionals.length !== 1) {
    process.stderr.write('blatt: give the title in quotes, e.g. blatt new "Titel des Artikels".\n');
    return 2;
  }
  const { parseConfig } = await import('./config.js');
  const { newArticle } = await import('./content/new-article.js');
  const { createNewFile, readSettingsFile } = await import('./io/new-file.js');
  const cwd = process.cwd();
  const contentDir = resolve(cwd, options.content);
  const { config } = parseConfig(readSettingsFile(contentDir, cwd));
  const created = newArticle({ title: positionals[0] as string, now: options.clock ? Date.now() : options.now, timeZone: config.timeZone, author: config.defaultAuthor });
  if (!created.ok) {
    process.stderr.write(`blatt: ${created.message}\n`);
    return 1;
  }
  const display = `${options.content.replace(/\/+$/, '')}/${created.relPath}`;
  let outcome;
  try {
    outcome = createNewFile(resolve(contentDir, created.relPath), created.text);
  } catch (e) {
    process.stderr.write(`blatt: ${display} could not be created: ${(e as Error).message}\n`);
    return 1;
  }
  if (outcome === 'exists') {
    process.stderr.write(`blatt: ${display} already exists and was not changed. Open it, or choose another title.\n`);
    return 1;
  }
  process.stdout.write(`${display}\n`);
  return 0;
}

/** `blatt related <slug>`: builds (writing nothing) and explains the article's "Mehr zum Thema". */
async function runRelated(positionals: string[], options: CliOptions): Promise<number> {
  const [slug, ...rest] = positionals;
  if (slug === undefined || rest.length > 0) {
    process.stderr.write('blatt: "related" takes one article slug, e.g. blatt related putin-lobt-zusammenarbeit\n');
    return 2;
  }
  const { relatedReport } = await import('./site/related-report.js');
  let report: { ok: boolean; lines: string[] } | null = null;
  const session = createBuildSession({ ...buildOptionsFrom(options, false), inspect: (site) => (report = relatedReport(site, slug)) });
  const result = await session.build().finally(() => session.close());
  printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'), options.format, (line) => process.stderr.write(`${line}\n`));
  const shown = report as { ok: boolean; lines: string[] } | null;
  if (shown === null) return 1;
  for (const line of shown.lines) (shown.ok ? process.stdout : process.stderr).write(`${line}\n`);
  return shown.ok ? 0 : 1;
}
