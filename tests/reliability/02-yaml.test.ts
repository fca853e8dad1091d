// Case 2: hostile or surprising YAML. Huge, deeply nested, alias bombs, prototype keys, merge keys
// and tags are errors at their line; scalars YAML would silently retype are kept as written and
// reported; the schema rejects what it does not expect. Object.prototype is never touched.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { article, buildSite, fileOf, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, diagnosticsWith, goodBuild } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

const fm = (yaml: string, body = 'Text.') => `---\n${yaml}\n---\n\n${body}\n`;
const base = 'title: "T"\ndate: 2025-04-01';

test('huge front-matter is refused', async () => {
  await assertRejected(site, '2025/huge.md', fm(`${base}\nsummary: "${'x'.repeat(70_000)}"`), { rule: 'front-matter/too-large', line: 1 });
  const manyKeys = Array.from({ length: 8000 }, (_, i) => `k${i}: ${i}`).join('\n');
  await assertRejected(site, '2025/keys.md', fm(`${base}\n${manyKeys}`), { rule: 'front-matter/too-large' });
});

test('deeply nested YAML is an error, not a crash', async () => {
  for (const [name, yaml] of [
    ['flow sequences', `${base}\ntags: ${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['flow maps', `${base}\nimage: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`],
    ['block sequences', `${base}\ntags:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- `).join('\n')}x`],
  ] as const) {
    await assertRejected(site, '2025/tief.md', fm(yaml), { rule: /^(yaml\/too-deep|yaml\/syntax|front-matter\/(tags|image|too-large))$/ }, name);
  }
});

test('alias bombs (billion laughs) are refused', async () => {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [i, n] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) laughs.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`);
  await assertRejected(site, '2025/lol.md', fm(`${base}\n${laughs.join('\n')}`), { rule: 'yaml/aliases' });
  // Aliases used as field values count too.
  await assertRejected(site, '2025/alias.md', fm(`title: &t "T"\ndate: 2025-04-01\ntags: [${Array(60).fill('*t').join(', ')}]`), { rule: 'yaml/aliases' });
});

test('__proto__ and constructor keys never pollute prototypes', async () => {
  const variants = [
    `${base}\n__proto__: {polluted: 1}`,
    `${base}\n"__proto__": {polluted: 1}`,
    `${base}\nconstructor: {prototype: {polluted: 1}}`,
    `${base}\nimage: {src: "a.jpg", alt: "x", __proto__: {polluted: 1}}`,
    `${base}\nrelated: [{title: "x", url: "https://a.de/", __proto__: {polluted: 1}}]`,
    `${base}\ntags: {__proto__: {polluted: 1}}`,
    `__proto__:\n  title: "Eingeschleust"\ndate: 2025-04-01`,
  ];
  for (const yaml of variants) {
    await diagnosticsWith(site, '2025/proto.md', fm(yaml));
    assert.equal(({} as Record<string, unknown>).polluted, undefined, yaml);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false, yaml);
  }
  // A title smuggled in through __proto__ is no title.
  await assertRejected(site, '2025/proto.md', fm(`__proto__:\n  title: "Eingeschleust"\ndate: 2025-04-01`), { rule: 'front-matter/title' });
  // Nested unknown keys are errors (strict objects), top-level unknown keys warnings.
  await assertRejected(site, '2025/proto.md', fm(`${base}\nimage: {src: "a.jpg", alt: "x", __proto__: {polluted: 1}}`), { rule: 'front-matter/image', line: 4 });
  const top = await diagnosticsWith(site, '2025/proto.md', fm(`${base}\n__proto__: {polluted: 1}`));
  assert.ok(top.diagnostics.some((d) => d.rule === 'front-matter/unknown-field' && d.line === 4 && d.severity === 'warning'), JSON.stringify(top));
});

test('merge keys and tags are errors at their line', async () => {
  await assertRejected(site, '2025/merge.md', fm(`defaults: &d {title: "T", date: 2025-04-01}\n<<: *d`), { rule: 'yaml/merge-key', line: 3 });
  await assertRejected(site, '2025/merge.md', fm(`${base}\nimage:\n  <<: {src: "a.jpg", alt: "x"}`), { rule: 'yaml/merge-key', line: 5 });
  for (const tag of ['!!js/function "function () { globalThis.x = 1 }"', '!!js/undefined ""', '!!binary aGk=', '!!timestamp 2025-04-01', '!!set {a}', '!foo bar', '!<tag:yaml.org,2002:js/regexp> /x/']) {
    await assertRejected(site, '2025/tag.md', fm(`title: "T"\ndate: 2025-04-01\nsummary: ${tag}`), { rule: 'yaml/tag', line: 4 }, tag);
  }
});

test('scalars that YAML would retype are kept as written and reported', async () => {
  const hash = await diagnosticsWith(site, '2025/hash.md', fm(`title: Wir sind #1\ndate: 2025-04-01`));
  assert.ok(hash.diagnostics.some((d) => d.rule === 'yaml/comment-in-value' && d.line === 2 && d.severity === 'warning'), JSON.stringify(hash));
  for (const [yaml, rule] of [
    ['title: "T"\ndate: 2025-04-01\nslug: 0123', 'front-matter/type-coercion'],
    ['title: 0x1F\ndate: 2025-04-01', 'front-matter/type-coercion'],
    ['title: 1e3\ndate: 2025-04-01', 'front-matter/type-coercion'],
    ['title: "T"\ndate: 2025-04-01\nauthor: 007', 'front-matter/type-coercion'],
  ] as const) {
    const r = await diagnosticsWith(site, '2025/typ.md', fm(yaml));
    assert.ok(r.diagnostics.some((d) => d.rule === rule && d.severity === 'warning'), `${yaml}: ${JSON.stringify(r)}`);
  }
  // slug: 2024 stays the text "2024" (URL /2025/04/2024/), the title "2024" too.
  site.write('content/2025/jahr.md', fm('title: 2024\ndate: 2025-04-01\nslug: 2024'));
  try {
    const result = await buildSite(site);
    assert.ok(result.files, JSON.stringify(result.diagnostics));
    assert.match(fileOf(result, '2025/04/2024/index.html'), /<h1[^>]*>2024<\/h1>/);
  } finally {
    rmSync(`${site.content}/2025/jahr.md`);
  }
});

test('values of the wrong type are errors, never coerced', async () => {
  for (const [yaml, rule, line] of [
    ['title: "T"\ndate: 2025-04-01\ndraft: yes', 'front-matter/draft', 4],
    ['title: "T"\ndate: 2025-04-01\ndraft: "false"', 'front-matter/draft', 4],
    ['title: ~\ndate: 2025-04-01', 'front-matter/title', 2],
    ['title: [a, b]\ndate: 2025-04-01', 'front-matter/title', 2],
    ['title: "T"\ndate: 20250401', 'front-matter/date', 3],
    ['title: "T"\ndate: 2025-04-01\ntags: [01, 2]', 'front-matter/tags', 4],
    ['title: "T"\ndate: 2025-04-01\nimage: {src: "a.jpg", alt: "x", onerror: "alert(1)"}', 'front-matter/image', 4],
    ['title: "T"\ndate: 2025-04-01\nrelated: "andere"', 'front-matter/related', 4],
    ['title: A\ntitle: B\ndate: 2025-04-01', 'yaml/syntax', 3],
    ['- title\n- date', 'yaml/not-a-map', 2],
  ] as const) {
    await assertRejected(site, '2025/typ.md', fm(yaml), { rule, line }, yaml);
  }
});
