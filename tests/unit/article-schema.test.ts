import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateArticleFrontMatter } from '../../src/content/article-schema.js';
import { readFrontMatter } from '../../src/content/front-matter.js';

const F = 'content/x.md';
function check(yaml: string) {
  const fm = readFrontMatter(F, `---\n${yaml}\n---\nBody\n`);
  assert.ok(fm.ok, JSON.stringify(fm.diagnostics));
  return validateArticleFrontMatter(F, fm.value);
}

test('a full article front-matter is accepted', () => {
  const r = check('title: "T"\ndate: 2025-04-01\nsummary: S\nauthors: [A, B]\ntags: [x]\nsection: Ausland\nslug: t\nrelated:\n  - other\n  - {title: Ext, url: "https://e.de/"}\ndraft: false\nupdated: 2025-04-02\nimage: {src: a.jpg, alt: Bild, caption: C, credit: K}');
  assert.ok(r.ok);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.value.title, 'T');
  assert.deepEqual(r.value.authors, ['A', 'B']);
});

test('an unknown field is a warning with a suggestion, at its line', () => {
  const r = check('title: T\ndate: 2025-04-01\ntitel: X\nsumary: Y\nfoobarbaz: 1');
  assert.ok(r.ok);
  const [titel, sumary, other] = r.diagnostics;
  assert.equal(titel!.rule, 'front-matter/unknown-field');
  assert.equal(titel!.severity, 'warning');
  assert.equal(titel!.line, 4);
  assert.match(titel!.message, /Did you mean "title"\?/);
  assert.match(sumary!.message, /Did you mean "summary"\?/);
  assert.doesNotMatch(other!.message, /Did you mean/);
});

test('a missing title is an error', () => {
  const r = check('date: 2025-04-01');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/title');
  assert.equal(r.diagnostics[0]!.severity, 'error');
});

test('a missing date is an error', () => {
  const r = check('title: T');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/date');
});

test('wrong types are errors at the line of the field', () => {
  const r = check('title: T\ndate: 2025-04-01\ndraft: "ja"\ntags: {a: 1}');
  assert.equal(r.ok, false);
  const rules = r.diagnostics.map((d) => `${d.rule}:${d.line}`);
  assert.deepEqual(rules.sort(), ['front-matter/draft:4', 'front-matter/tags:5']);
  assert.match(r.diagnostics.find((d) => d.rule === 'front-matter/draft')!.message, /true or false/);
});

test('a number as title is kept as its text, with a warning only when YAML changed it', () => {
  const ok = check('title: 1984\ndate: 2025-04-01');
  assert.ok(ok.ok);
  assert.equal(ok.value.title, '1984');
  assert.deepEqual(ok.diagnostics, []);
  const changed = check('title: 0x10\ndate: 2025-04-01');
  assert.ok(changed.ok);
  assert.equal(changed.value.title, '0x10');
  assert.equal(changed.diagnostics[0]!.rule, 'front-matter/type-coercion');
});

test('author and authors together are an error; each alone is fine', () => {
  const both = check('title: T\ndate: 2025-04-01\nauthor: A\nauthors: [B]');
  assert.equal(both.ok, false);
  assert.equal(both.diagnostics[0]!.rule, 'front-matter/authors');
  assert.equal(both.diagnostics[0]!.line, 5);
  assert.ok(check('title: T\ndate: 2025-04-01\nauthor: A').ok);
  assert.ok(check('title: T\ndate: 2025-04-01\nauthors: A').ok);
});

test('an image needs src and alt', () => {
  const r = check('title: T\ndate: 2025-04-01\nimage: {src: a.jpg}');
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0]!.rule, 'front-matter/image');
});

test('an empty title is an error', () => {
  const r = check('title: "  "\ndate: 2025-04-01');
  assert.equal(r.ok, false);
  assert.match(r.diagnostics[0]!.message, /empty/);
});
