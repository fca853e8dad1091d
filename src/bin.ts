#!/usr/bin/env node
// Entry point of the `blatt` command.
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`blatt: internal error (a bug in Blatt, not in your content): ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
