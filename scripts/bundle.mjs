// Bundles the compiled CLI (dist/src, from tsc) and its dependencies into dist/blatt/, which is
// what the `blatt` command runs. Node 20 loads ES modules one file at a time: the 585 files of Blatt,
// remark, yaml, zod and Handlebars took 0.6-0.7 s to load, a fifth of a one-change build of 10,000
// articles. The bundle is a few files; modules loaded lazily by the CLI (the pipeline, remark)
// stay in chunks of their own, so a warm build still loads only what it needs. The yaml package
// is left out: src/content/yaml.ts requires it from node_modules when a front-matter first needs it.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/blatt`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // parse-pool.ts starts its workers from ./parse-worker.js beside itself: chunks and entries share one folder.
  entryPoints: { bin: 'dist/src/bin.js', 'parse-worker': 'dist/src/content/parse-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (Handlebars, gray-matter) call require() for Node's own modules.
  banner: { js: "import { createRequire as blattCreateRequire } from 'node:module'; const require = blattCreateRequire(import.meta.url);" },
  // code-version.ts: the code that builds the site is this folder, not dist/src.
  define: { BLATT_BUNDLE: 'true' },
  // stopword's "main" is one CommonJS file with the lists of 60 languages (300 KB, 25 ms to load in
  // every process and parse worker); its ES modules let the bundle keep only the German list.
  plugins: [esModuleOf('stopword', 'src/stopword.js')],
  // lmdb loads its native binding from node_modules.
  external: ['lmdb'],
  logLevel: 'warning',
});

/** Resolves a package to one of its own ES module files (which esbuild can tree-shake) instead of its "main". */
function esModuleOf(name, file) {
  return {
    name: `es-module-of-${name}`,
    setup(build) {
      // Wherever npm installed the package (hoisted or not), as Node would find it from here.
      const folder = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
      build.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: join(folder, file) }));
    },
  };
}
