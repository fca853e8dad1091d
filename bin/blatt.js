#!/usr/bin/env node
// The `blatt` command (package.json "bin"): a committed, executable shim, so `npx blatt` works
// however dist/ was compiled. It runs the bundled CLI (dist/blatt, made by `npm run compile`).
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the bundle between runs (in the system's temporary
// folder, keyed by the code): a small build otherwise spends a good part of its time compiling Blatt.
module.enableCompileCache?.();
import('../dist/blatt/bin.js').catch((e) => {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/blatt/bin.js')) throw e;
  process.stderr.write('blatt: the command is not compiled yet. Run "npm run compile" (or "npm run build") first.\n');
  process.exitCode = 2;
});
