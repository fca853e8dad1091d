#!/usr/bin/env node
// Entry point of the `blatt` command.
import { setFlagsFromString } from 'node:v8';
import { main } from './cli.js';

// V8 lets the heap grow by half or more before a full collection; a build holds the whole site
// model and streams through much short-lived data, so that slack is most of its peak memory
// (about 535 → 420 MiB at 10,000 articles) while collecting more often costs no measurable time.
// The process is ours, so its GC policy is set here, not in the library.
setFlagsFromString('--heap-growing-percent=25');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`blatt: internal error (a bug in Blatt, not in your content): ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
