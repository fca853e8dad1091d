import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlMap } from '../../src/content/yaml.js';

test('positions of keys and nested values, 1-based', () => {
  const r = parseYamlMap('f.yml', 'a: 1\nb:\n  c: x\nlist:\n  - one\n  - two\n');
  assert.ok(r.ok);
  assert.deepEqual(r.value.positionOf(['a']), { line: 1, column: 1 });
  assert.deepEqual(r.value.positionOf(['b', 'c']), { line: 3, column: 6 });
  assert.deepEqual(r.value.positionOf(['list', 1]), { line: 6, column: 5 });
  assert.equal(r.value.positionOf(['missing']).line, 1);
});

test('lineOffset shifts every line', () => {
  const r = parseYamlMap('f.yml', 'a: [\n', 10);
  assert.equal(r.ok, false);
  assert.ok(r.diagnostics[0]!.line! > 10);
});

test('core schema: dates and yes/no stay text, numbers are numbers', () => {
  const r = parseYamlMap('f.yml', 'd: 2025-04-01\ny: yes\nn: 12\nb: true\n');
  assert.ok(r.ok);
  assert.deepEqual(r.value.data, { d: '2025-04-01', y: 'yes', n: 12, b: true });
  assert.equal(r.value.plainSource(['n']), '12');
  assert.equal(r.value.plainSource(['d']), null);
});

test('duplicate keys are an error at the second key', () => {
  const r = parseYamlMap('f.yml', 'title: a\ntitle: b\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'yaml/syntax');
  assert.equal(r.diagnostics[0]!.line, 2);
});

test('a document that is not a map is an error', () => {
  const r = parseYamlMap('f.yml', '- a\n- b\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'yaml/not-a-map');
});

test('alias bombs are refused', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
  const r = parseYamlMap('f.yml', lines.join('\n') + '\n');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'yaml/aliases');
});

test('a " #" comment in a plain value is a warning', () => {
  const r = parseYamlMap('f.yml', 'title: Platz #1 der Charts\n');
  assert.ok(r.ok);
  assert.equal(r.value.data.title, 'Platz');
  assert.equal(r.diagnostics[0]!.rule, 'yaml/comment-in-value');
  assert.equal(r.diagnostics[0]!.severity, 'warning');
});

test('an unclosed [ or { is reported at the bracket, not on the next line', () => {
  const seq = parseYamlMap('f.yml', 'title: T\ntags: [a, b\nsummary: x\n');
  assert.equal(seq.ok, false);
  assert.deepEqual([seq.diagnostics[0]!.line, seq.diagnostics[0]!.column], [2, 7]);
  const map = parseYamlMap('f.yml', 'image: {src: a\nalt: b\n');
  assert.equal(map.ok, false);
  assert.deepEqual([map.diagnostics[0]!.line, map.diagnostics[0]!.column], [1, 8]);
});

test('tags and merge keys are found at any depth, in document order', () => {
  const r = parseYamlMap('x.yml', 'a:\n  b: [1, !foo 2]\n<<: {c: 3}\nd: !!str 4\n');
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.rule, d.line, d.column]),
    [
      ['yaml/tag', 2, 15],
      ['yaml/merge-key', 3, 1],
      ['yaml/tag', 4, 10],
    ],
  );
});
