// The `blatt` command (bin/blatt.js, which runs the bundle in dist/blatt) as a user runs it: a child process in a temporary project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { article, BIN, REPO, tempSite, type TempSite } from './helpers/site.js';

/** 2 April 2025, 12:00 Berlin: every build below is after the seed date. */
const EPOCH = String(Date.parse('2025-04-02T10:00:00Z') / 1000);
const sites: TempSite[] = [];
after(() => sites.forEach((s) => s.remove()));

function site(files: Record<string, string>): TempSite {
  const s = tempSite(files);
  sites.push(s);
  return s;
}

function blatt(cwd: string, ...args: string[]) {
  return blattWith({}, cwd, ...args);
}

function blattWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file below `dir` with its bytes (and mtime, to see that nothing was touched). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), rel);
      else out[rel] = `${statSync(join(d, e.name)).mtimeMs} ${readFileSync(join(d, e.name)).toString('base64')}`;
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}
const contentsOnly = (snap: Record<string, string>) => Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, v.split(' ')[1]]));

const QUOTE = '> "Wir sind zufrieden."\n> — Wladimir Putin, Präsident Russlands\n';
const FILES = {
  'site.yml': 'title: "Testblatt"\nbase_url: "https://blatt.example/"\n',
  '2025/meldung-eins.md': article({ title: 'Meldung eins', date: '2025-04-01', author: 'Anna' }, `Text am 9. Mai.\n\n${QUOTE}`),
  '2025/meldung-zwei.md': article({ title: 'Meldung zwei', date: '2025-03-20T10:00' }, 'Siehe [eins](meldung-eins.md).'),
  '2025/entwurf.md': article({ title: 'Ein Entwurf', date: '2025-04-01', draft: true }),
};

test('build: exit 0, one summary line on stdout, the site in public/', () => {
  const s = site(FILES);
  const r = blatt(s.root, 'build');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  assert.match(lines[0]!, /^Built \d+ pages from 2 articles into public\/ in [\d.]+ s/);
  assert.equal(r.stderr, '');
  assert.match(s.read('public/2025/04/meldung-eins/index.html'), /<cite>Wladimir Putin<\/cite>/);
  assert.ok(existsSync(join(s.out, 'index.html')));
  assert.ok(existsSync(join(s.out, '404.html')));
  assert.equal(existsSync(join(s.out, '2025/04/entwurf/index.html')), false, 'drafts are left out');
});

test('the command runs the bundle in dist/blatt: a change of its code, or of an installed package, clears the store', () => {
  const s = site(FILES);
  // A copy of the installed command, whose code can be changed without touching the repository's.
  const install = join(s.root, 'install');
  cpSync(join(REPO, 'bin'), join(install, 'bin'), { recursive: true });
  cpSync(join(REPO, 'dist/blatt'), join(install, 'dist/blatt'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(install, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(install, 'node_modules'));
  const run = () => spawnSync(process.execPath, [join(install, 'bin/blatt.js'), 'build'], { cwd: s.root, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' } });
  assert.equal(run().status, 0);
  assert.match(run().stdout, /already up to date/);
  appendFileSync(join(install, 'dist/blatt/bin.js'), '\n// another version\n');
  const changed = run();
  assert.equal(changed.status, 0, changed.stderr);
  assert.match(changed.stderr, /written by another version of Blatt or its packages; it was cleared/);
  assert.match(changed.stdout, /3 articles parsed, 0 from cache/);
  assert.match(run().stdout, /already up to date/);
});

test('a build that finds the output up to date loads no Markdown, templates, word lists or cache', () => {
  const s = site(FILES);
  // A module hook records every file the command loads (the bundle's chunks name what they contain).
  const log = join(s.root, 'modules.log');
  writeFileSync(join(s.root, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(process.env.BLATT_MODULE_LOG, url + '\\n');\n  return next(url, context);\n}\n`);
  writeFileSync(join(s.root, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  const heavy = (run: () => ReturnType<typeof blatt>) => {
    rmSync(log, { force: true });
    const r = run();
    assert.equal(r.code, 0, r.stderr);
    const loaded = readFileSync(log, 'utf8').trim().split('\n').map((url) => readFileSync(fileURLToPath(url), 'utf8'));
    return ['remark', 'handlebars', 'stopword'].filter((pkg) => loaded.some((code) => code.includes(`node_modules/${pkg}/`)));
  };
  const withHook = () => {
    const r = spawnSync(process.execPath, ['--import', './register.mjs', BIN, 'build'], { cwd: s.root, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1', BLATT_MODULE_LOG: log } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  assert.deepEqual(heavy(withHook), ['remark', 'handlebars', 'stopword'], 'a build that renders loads them');
  assert.deepEqual(heavy(withHook), [], 'the up-to-date build loads none of them');
});

test('content errors: exit 1, positioned diagnostics on stderr, no stack trace, public/ untouched', () => {
  const s = site(FILES);
  assert.equal(blatt(s.root, 'build').code, 0);
  const before = snapshot(s.out);
  s.write('content/2025/kaputt.md', '---\ntitle: "Kaputt"\ndate: 2025-02-30\n---\n\n[weg](fehlt.md)\n');
  s.write('content/2025/js.md', '---js\n{ title: "x" }\n---\n');
  s.write('content/2025/meldung-eins.md', article({ title: 'Meldung eins', date: '2025-04-01', titel: 'x' }, 'Geändert.'));
  const r = blatt(s.root, 'build');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  const diagnostics = lines.slice(0, -1);
  assert.deepEqual(diagnostics, [
    'content/2025/js.md:1:4  error  Front-matter language "js" is not allowed; only YAML is. Change the first line to "---".  [front-matter/language]',
    'content/2025/kaputt.md:3:1  error  "2025-02-30" is not a real calendar date (February has 28 days). Correct the day or month.  [front-matter/date]',
    'content/2025/meldung-eins.md:4:1  warning  Unknown field "titel" is ignored. Did you mean "title"?  [front-matter/unknown-field]',
  ]);
  for (const line of diagnostics) assert.match(line, /^content\/\S+:\d+:\d+  (error|warning)  .+  \[[a-z0-9-]+\/[a-z0-9-]+\]$/);
  assert.match(lines.at(-1)!, /^Build failed: 2 errors, 1 warning\. public\/ was not changed\.$/);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|internal error/);
  assert.deepEqual(snapshot(s.out), before, 'public/ changed although the build failed');
});

test('a link to a missing file is an error naming file and line', () => {
  const s = site({ '2025/a.md': article({ title: 'A' }, 'Eins.\n\nSiehe [b](b.md).') });
  const r = blatt(s.root, 'build');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^content\/2025\/a\.md:8:7  error  The link to "2025\/b\.md" points to no article\..*\[link\/missing-article\]$/m);
});

test('usage errors exit 2', () => {
  const s = site(FILES);
  for (const args of [['build', '--bogus'], ['frobnicate'], [], ['build', '--format', 'xml'], ['build', '--now', '2025-02-30']]) {
    const r = blatt(s.root, ...args);
    assert.equal(r.code, 2, `blatt ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^blatt: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.equal(existsSync(s.out), false);
});

test('--help prints usage and exits 0', () => {
  for (const args of [['--help'], ['-h'], ['help'], ['build', '--help']]) {
    const r = blatt(REPO, ...args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage:/);
    assert.match(r.stdout, /--base-url URL/);
    assert.match(r.stdout, /--drafts/);
  }
});

test('--drafts includes drafts; --out, --content and --templates pick the folders', () => {
  const s = site(FILES);
  const r = blatt(s.root, 'build', '--drafts', '--out', 'vorschau', '--content', 'content', '--templates', 'templates');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /from 3 articles into vorschau\//);
  assert.match(s.read('vorschau/2025/04/entwurf/index.html'), /Ein Entwurf/);
  assert.equal(existsSync(s.out), false);
});

test('--base-url overrides the settings in absolute URLs', () => {
  const s = site(FILES);
  assert.equal(blatt(s.root, 'build', '--base-url', 'https://zeitung.example/nachrichten').code, 0);
  const page = s.read('public/2025/04/meldung-eins/index.html');
  assert.match(page, /<link rel="canonical" href="https:\/\/zeitung\.example\/nachrichten\/2025\/04\/meldung-eins\/">/);
  assert.doesNotMatch(page, /blatt\.example/);
  const bad = blatt(s.root, 'build', '--base-url', 'kein-url');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /\[settings\/base-url\]/);
});

test('deterministic: two builds into two folders give byte-identical files, whatever the machine time zone', () => {
  const s = site(FILES);
  assert.equal(blatt(s.root, 'build', '--out', 'a', '--no-cache').code, 0);
  assert.equal(blattWith({ TZ: 'Pacific/Kiritimati', LANG: 'en_US.UTF-8' }, s.root, 'build', '--out', 'b').code, 0);
  assert.equal(blatt(s.root, 'build', '--out', 'c').code, 0, 'a cached build');
  const a = contentsOnly(snapshot(join(s.root, 'a')));
  assert.ok(Object.keys(a).length > 5);
  assert.deepEqual(contentsOnly(snapshot(join(s.root, 'b'))), a);
  assert.deepEqual(contentsOnly(snapshot(join(s.root, 'c'))), a);
});

test('a deleted article disappears on rebuild; an unchanged page is not rewritten', () => {
  const s = site(FILES);
  assert.equal(blatt(s.root, 'build').code, 0);
  const before = snapshot(s.out);
  assert.ok(before['2025/03/meldung-zwei/index.html']);
  rmSync(join(s.content, '2025/meldung-zwei.md'));
  const r = blatt(s.root, 'build');
  assert.equal(r.code, 0, r.stderr);
  const after = snapshot(s.out);
  assert.equal(after['2025/03/meldung-zwei/index.html'], undefined);
  assert.equal(existsSync(join(s.out, '2025/03')), false);
  assert.doesNotMatch(s.read('public/index.html'), /meldung-zwei/);
  assert.equal(after['404.html'], before['404.html'], 'an unchanged file keeps its bytes and mtime');
});

test('`npx blatt --help` works in the repository', () => {
  // npx runs the bin file itself, so it must be executable: a committed shim, not tsc output.
  assert.ok(statSync(join(REPO, 'bin/blatt.js')).mode & 0o100, 'bin/blatt.js is not executable');
  const r = spawnSync('npx', ['--no-install', 'blatt', '--help'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^blatt: a static site generator/);
});

test('a template mistake is one error naming the template file, however many pages hit it', () => {
  const s = site(FILES);
  s.write('templates/partials/footer.hbs', '<footer>\n{{site.nope}}</footer>\n');
  const r = blatt(s.root, 'build');
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0]!, /^templates\/partials\/footer\.hbs:2:\d+  error  .*"nope".*  \[template\/render\]$/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(existsSync(s.out), false);
});

test('--force writes every page again, a file edited by hand in public/ included', () => {
  const s = site(FILES);
  assert.equal(blatt(s.root, 'build').code, 0);
  const page = join(s.out, '2025/04/meldung-eins/index.html');
  const built = readFileSync(page, 'utf8');
  writeFileSync(page, 'von Hand');
  assert.equal(blatt(s.root, 'build').code, 0);
  assert.equal(readFileSync(page, 'utf8'), 'von Hand', 'without --force, public/ is taken to be the build\'s');
  const r = blatt(s.root, 'build', '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(page, 'utf8'), built);
});
