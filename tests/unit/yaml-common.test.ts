// js-yaml reads the common shape of front-matter (yaml-common.ts); the `yaml` package reads the
// rest. For every input here, either the common reader declines, or both give the same data, no
// diagnostics, the same positions of list items and the same sources of non-text scalars.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { commonYamlMap, readCommonYaml } from '../../src/content/yaml-common.js';
import { parseWithPositions, parseYamlMap, type YamlMap } from '../../src/content/yaml.js';

const ARTICLE = `
title: "Putin lobt Zusammenarbeit mit China"
date: 2025-04-01T15:04:00+02:00
author: "Redaktion Ausland"
authors:
  - "Anna Beispiel"
tags:
  - "Russland"
  - China
section: Ausland
summary: 'Der Kreml empfängt Wang Yi – „ein guter Freund“, sagt Putin.'
draft: false
slug: putin-lobt-zusammenarbeit
image:
  src: "/bilder/kreml.jpg"
  alt: "Der Kreml in Moskau"
  width: 1200
  height: 800
related:
  - "kreml-trifft-peking"
  - title: "Weißrussland: Rüstungsexporte stößt auf Kritik"
    url: "https://presse.beispiel.at/wirtschaft/weissrussland-960900.html?a=1&b=2"
  - aussenministerium-militaeruebung
`;

/** Inputs the common reader must take (each covers a form of the shape). */
const COMMON = [
  ARTICLE,
  '',
  '\n',
  'title: A\n',
  '\ntitle: "A"\ndate: 2025-04-01\n',
  'title: Foo bar, baz\n',
  'title: "Ein \\"Zitat\\" und \\\\ und \\u00e4"\n',
  "title: 'it''s'\n",
  'title: "Platz #1: alles & mehr!"\n',
  'title:    viel Platz   \n',
  'count: 017\noct: 0o17\nhex: 0x1F\nnhex: -0x1F\nexp: 1e3\nhalf: .5\nfloat: 1.\ninf: .inf\nninf: -.Inf\nnan: .NaN\nplus: +12\nneg: -5\nzero: -0\nbig: 9007199254740993\n',
  'a: 1_000\nb: 1:30\nc: yes\nd: True\ne: ~\nf:\ng: null\nh: NULL\ni: on\nj: 2024-09-09T03:46:00Z\n',
  'title: 2025\nsummary: true\nauthor: ~\n',
  'url: https://example.org/a?b=c&d=e\n',
  'related:\n- "a"\n- "b"\n',
  'related:\n  - "a"\ntags:\n  - "b"\n  - c\n',
  'related:\n  - title: x\n    url: y\n  - z\n',
  'related:\n  - - a\n    - b\n  - c\n',
  'related:\n  -\n  - a\n',
  'image:\n  src: "/a.jpg"\n  alt: "x"\n  nested:\n    deeper:\n      - 1\n      - two\n',
  'publisher:\n  name: "Blatt"\n  logo:\n    src: /logo.png\n',
  'title: "😀 Emoji"\nemoji: 😀\n',
];

/** Inputs it must decline: the `yaml` package reads them (or reports on them) on its own. */
const DECLINED = [
  'title: Foo # ein Kommentar\n',
  '# Kommentar\ntitle: A\n',
  'title: !!str 5\n',
  'title: !!js/function "function () { return 1; }"\n',
  'base: &b\n  a: 1\nother: *b\n',
  'base: &b\n  a: 1\nother:\n  <<: *b\n',
  'summary: |\n  Zeile eins\n  Zeile zwei\n',
  'summary: >\n  gefaltet\n',
  'tags: [a, b]\n',
  'image: {src: a}\n',
  'summary: eins\n  zwei\n',
  'summary: "eins\n  zwei"\n',
  'summary: eins\n  - zwei\n',
  'a: 1\na: 2\n',
  'tags:\n- a\n  - b\n',
  'a: 1\n  b: 2\n',
  'a: b: c\n',
  'title: foo:\n',
  'title: "\\x41"\n',
  "title: 'offen\n",
  'title: @foo\n',
  'title: %x\n',
  'title: - 5\n',
  '"quoted": x\n',
  '1: x\n',
  '__proto__: x\n',
  `${'k'.repeat(1100)}: x\n`,
  'null: x\n',
  'related:\n  - Null: 1\n',
  'True: x\n',
  'false: x\n',
  `related:\n  - ${'k'.repeat(1030)}: y\n`,
  'größe: 1\n',
  '---\ntitle: x\n',
  'title: x\n...\n',
  'title:\n  Fortsetzung\n',
  '- a\n- b\n',
  'title:\tA\n',
  'title: A\r\n',
  '%YAML 1.2\n---\ntitle: A\n',
  'url: https://example.org/#anker\n',
];

/** Inputs that either reader may take; the results must agree when the common reader does. */
const EITHER = [
  'related:\n  - title: x\n   url: y\n',
  'related:\n  - title: x\n      url: y\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n    b: 1\n  c: 2\n',
  'related:\n  - a\n   - b\n',
  'related:\n  - a\n - b\n',
  'list:\n  - a\n  -b\n',
  'key: a - b\n',
  'key: -\n',
  'key: "a"b\n',
  "key: 'a'b\n",
  'key: a\'b"c\n',
  'key: a  :  b\n',
  'a:\n  - x: 1\n    y:\n      - 2\n  - 3\n',
  '  title: A\n  date: B\n',
  'title: A\n  \n',
  // Line and paragraph separators and NEL are line breaks in YAML 1.1 (js-yaml), not in 1.2.
  'title: a\u2028b\nsummary: "c\u2029d"\nx: e\u0085f\n',
  'title: a\u00a0b\u3000c\ufeffd\u200be\n',
];

function paths(data: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(data, []);
  return out.filter((p) => p.length > 0);
}

function compare(source: string): boolean {
  const common = readCommonYaml(source);
  if (!common) return false;
  const full = parseWithPositions('f.yml', source, 3);
  assert.ok(full.ok, `the yaml package refuses what js-yaml read: ${JSON.stringify(source)}`);
  assert.deepEqual(full.diagnostics, [], `the yaml package reports on ${JSON.stringify(source)}`);
  assert.deepStrictEqual(common.data, full.value.data, JSON.stringify(source));
  const map = commonYamlMap(common, source, 3, () => assert.fail('the common reader asked for the full one while only list items were compared'));
  const listed = (Object.entries(common.data) as [string, unknown][]).filter(([, v]) => Array.isArray(v));
  for (const [key, list] of listed) {
    (list as unknown[]).forEach((item, i) => {
      if (item !== null) assert.deepEqual(map.positionOf([key, i]), full.value.positionOf([key, i]), `${key}[${i}] in ${JSON.stringify(source)}`);
    });
  }
  // Everything else through the map the parser returns, which asks the full reader when it must.
  const value = parseYamlMap('f.yml', source, 3);
  assert.ok(value.ok);
  assert.deepEqual(value.diagnostics, []);
  for (const path of paths(common.data)) {
    assert.deepEqual(value.value.positionOf(path), full.value.positionOf(path), `${path.join('.')} in ${JSON.stringify(source)}`);
    assert.equal(value.value.plainSource(path), full.value.plainSource(path), `source of ${path.join('.')} in ${JSON.stringify(source)}`);
  }
  return true;
}

test('the common reader takes the usual shapes of front-matter and reads them as the yaml package does', () => {
  for (const source of COMMON) assert.ok(compare(source), `declined: ${JSON.stringify(source)}`);
});

test('it declines comments, tags, anchors, block and flow styles, multi-line scalars, odd keys and bad indentation', () => {
  for (const source of DECLINED) assert.equal(readCommonYaml(source), null, JSON.stringify(source));
});

test('where it reads a borderline shape, it reads it as the yaml package does', () => {
  for (const source of EITHER) compare(source);
});

test('YAML 1.2 core scalars: what YAML 1.1 would read as octal, sexagesimal or a boolean stays as the yaml package reads it', () => {
  const read = readCommonYaml('a: 017\nb: 1:30\nc: yes\nd: 0o17\ne: .inf\nf: 1_000\n');
  assert.deepEqual(read?.data, { a: 17, b: '1:30', c: 'yes', d: 15, e: Infinity, f: '1_000' });
});

test('the seed article and the fixtures are read by the common reader, with the same results', () => {
  const files = [new URL('../../../content/2025/putin-wang-yi-kreml.md', import.meta.url)];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const block = text.slice(3, text.indexOf('\n---', 3));
    assert.ok(compare(block), String(file));
  }
});

test('a value asked for rarely comes from the yaml package, once', () => {
  let calls = 0;
  const source = 'title: 2025\nsummary: "A"\n';
  const common = readCommonYaml(source);
  assert.ok(common);
  const full = parseWithPositions('f.yml', source);
  assert.ok(full.ok);
  const map: YamlMap = commonYamlMap(common, source, 0, () => {
    calls++;
    return full.value;
  });
  assert.equal(map.plainSource(['summary']), null);
  assert.equal(calls, 0, 'text needs no source');
  assert.equal(map.plainSource(['title']), '2025');
  assert.deepEqual(map.positionOf(['summary']), { line: 2, column: 1 });
  assert.equal(calls, 1);
});
