import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFrontMatter } from '../../src/content/front-matter.js';

const F = 'content/x.md';

test('YAML front-matter is split from the body; bodyLine is the first body line of the file', () => {
  const r = readFrontMatter(F, '---\ntitle: "A"\ndate: 2025-04-01\n---\n\nText\n');
  assert.ok(r.ok);
  assert.equal(r.value.data.title, 'A');
  assert.equal(r.value.data.date, '2025-04-01', 'YAML 1.2 core schema keeps the date as text');
  assert.equal(r.value.body, '\nText\n');
  assert.equal(r.value.bodyLine, 5);
  assert.deepEqual(r.value.positionOf(['date']), { line: 3, column: 1 });
});

test('"---yaml" and "---yml" are accepted', () => {
  for (const lang of ['yaml', 'yml', ' yaml']) {
    const r = readFrontMatter(F, `---${lang}\ntitle: A\n---\nx\n`);
    assert.ok(r.ok, lang);
    assert.equal(r.value.data.title, 'A');
  }
});

test('other front-matter languages are errors and never execute', () => {
  const marker = '__blattFrontMatterExecuted';
  const g = globalThis as Record<string, unknown>;
  delete g[marker];
  for (const lang of ['js', 'javascript', ' coffee', 'JS', 'json', 'toml', 'cson', 'coffeescript']) {
    const text = `---${lang}\n{ title: (globalThis.${marker} = true, "x") }\n---\nBody\n`;
    const r = readFrontMatter(F, text);
    assert.equal(r.ok, false, lang);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0]!;
    assert.equal(d.rule, 'front-matter/language');
    assert.equal(d.severity, 'error');
    assert.equal(d.line, 1);
    assert.match(d.message, /only YAML/);
  }
  assert.equal(g[marker], undefined, 'front-matter code was executed');
});

test('YAML syntax errors point at the real line of the file', () => {
  const text = '---\ntitle: "A"\ndate: 2025-04-01\ntags: [a, b\nsummary: x\n---\nBody\n';
  const r = readFrontMatter(F, text);
  assert.equal(r.ok, false);
  const d = r.diagnostics[0]!;
  assert.equal(d.rule, 'yaml/syntax');
  assert.ok(d.line! >= 4 && d.line! <= 6, `line ${d.line}`);
});

test('a YAML error on line 3 of the file is reported on line 3 (pinned)', () => {
  const text = '---\ntitle: "A"\ndate: : x\n---\nBody\n';
  const r = readFrontMatter(F, text);
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'yaml/syntax');
  assert.equal(r.diagnostics[0]!.line, 3);
});

test('a bad indentation error names its line, not line 1', () => {
  const text = '---\ntitle: A\ndate: 2025-04-01\nimage:\n  src: a.jpg\n alt: b\n---\n';
  const r = readFrontMatter(F, text);
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.line, 6);
});

test('an unclosed front-matter is an error', () => {
  const r = readFrontMatter(F, '---\ntitle: A\ndate: 2025-04-01\n\nBody\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/unclosed');
});

test('a line that only starts with --- is not a delimiter', () => {
  const r = readFrontMatter(F, '---\ntitle: A\n----\ndate: x\n---\nBody\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/delimiter');
  assert.equal(r.diagnostics[0]!.line, 3);
  const r2 = readFrontMatter(F, '---\ntitle: A\n---x\nBody\n');
  assert.equal(r2.ok, false);
  assert.equal(r2.diagnostics[0]!.rule, 'front-matter/delimiter');
});

test('a file without front-matter, or with it later, is an error on line 1', () => {
  const none = readFrontMatter(F, 'Just text\n');
  assert.equal(none.ok, false);
  assert.equal(none.diagnostics[0]!.rule, 'front-matter/missing');
  const late = readFrontMatter(F, '\n---\ntitle: A\n---\n');
  assert.equal(late.ok, false);
  assert.match(late.diagnostics[0]!.message, /line 2/);
});

test('an empty front-matter is an error', () => {
  const r = readFrontMatter(F, '---\n---\nBody\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/empty');
});

test('a broken file stays broken on the second read (no gray-matter cache)', () => {
  const text = '---\ntitle: [\n---\nBody\n';
  assert.equal(readFrontMatter(F, text).ok, false);
  assert.equal(readFrontMatter(F, text).ok, false);
});

test('a "---" inside the body is a thematic break, not front-matter', () => {
  const r = readFrontMatter(F, '---\ntitle: A\n---\nEins\n\n---\n\nZwei\n');
  assert.ok(r.ok);
  assert.match(r.value.body, /Eins\n\n---\n\nZwei/);
});

test('a closing delimiter with trailing spaces does not shift body lines', () => {
  for (const close of ['--- ', '---\t']) {
    const r = readFrontMatter(F, `---\ntitle: A\n${close}\nEins\n`);
    assert.ok(r.ok);
    assert.equal(r.value.body, 'Eins\n');
    assert.equal(r.value.bodyLine, 4);
  }
  const eof = readFrontMatter(F, '---\ntitle: A\n---');
  assert.ok(eof.ok);
  assert.equal(eof.value.body, '');
});
