#!/usr/bin/env node
// Entry point of the `blatt` command.
import { setFlagsFromString } from 'node:v8';
import { main } from './cli.js';

// V8 lets the heap grow by half or more before a full collection; a build holds the whole site
// model and streams through much short-lived data, so that slack is most of its peak memory.
// Growing by a quarter takes a cold build of 10,000 articles from about 530 to 380-420 MiB, for
// about 6 % more time (8 % for a one-change build): more full collections while the heap grows.
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
