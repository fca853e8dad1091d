import assert from 'node:assert/strict';
import { test } from 'node:test';
import { error, formatDiagnostic, formatGithub, hasErrors, sortDiagnostics, summarize, warning } from '../../src/diagnostics.js';

test('text format: file:line:col  severity  message  [rule]', () => {
  assert.equal(formatDiagnostic(error('content/x.md', 'front-matter/date', 'Bad date.', { line: 4, column: 7 })), 'content/x.md:4:7  error  Bad date.  [front-matter/date]');
  assert.equal(formatDiagnostic(warning('content/x.md', 'r', 'M.', { line: 4 })), 'content/x.md:4  warning  M.  [r]');
  assert.equal(formatDiagnostic(error('templates/a.hbs', 'r', 'M.')), 'templates/a.hbs  error  M.  [r]');
});

test('GitHub format escapes data and properties', () => {
  assert.equal(formatGithub(error('content/a,b.md', 'x/y', '50% done\nnext', { line: 2, column: 3 })), '::error file=content/a%2Cb.md,line=2,col=3,title=x/y::50%25 done%0Anext');
});

test('sorted by file, line, column, rule', () => {
  const ds = [
    error('content/b.md', 'r', 'm', { line: 1 }),
    warning('content/a.md', 'z', 'm', { line: 10, column: 1 }),
    error('content/a.md', 'r', 'm', { line: 2, column: 5 }),
    error('content/a.md', 'a', 'm', { line: 2, column: 5 }),
    error('content/a.md', 'r', 'm'),
    error('content/a.md', 'r', 'm', { line: 2, column: 1 }),
  ];
  assert.deepEqual(
    sortDiagnostics(ds).map((d) => `${d.file}:${d.line ?? '-'}:${d.column ?? '-'}:${d.rule}`),
    ['content/a.md:-:-:r', 'content/a.md:2:1:r', 'content/a.md:2:5:a', 'content/a.md:2:5:r', 'content/a.md:10:1:z', 'content/b.md:1:-:r'],
  );
  assert.equal(ds[0]!.file, 'content/b.md', 'the input is not mutated');
});

test('hasErrors and summarize', () => {
  const ds = [warning('a', 'r', 'm'), error('a', 'r', 'm'), warning('b', 'r', 'm')];
  assert.equal(hasErrors(ds), true);
  assert.equal(hasErrors([warning('a', 'r', 'm')]), false);
  assert.deepEqual(summarize(ds), { errors: 1, warnings: 2 });
});
