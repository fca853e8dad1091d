// Case 5: size. Files above the size cap are refused unread; bodies that would make remark take
// seconds or overflow the stack are refused before it runs, at their line; whatever remark still
// throws becomes a diagnostic for that file while the other articles build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_DEFINITIONS, MAX_DELIMITER_RUNS, MAX_LIST_INDENT, MAX_QUOTE_DEPTH } from '../../src/content/markdown-limits.js';
import { parseArticle } from '../../src/content/parse-article.js';
import { MAX_SOURCE_BYTES } from '../../src/io/read-site.js';
import { article, tempSite, type TempSite } from '../helpers/site.js';
import { assertRejected, goodBuild } from './harness.js';

let site: TempSite;
before(async () => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
  await goodBuild(site);
});
after(() => site.remove());

const head = '---\ntitle: "T"\ndate: 2025-04-01\n---\n\n';
const BODY_LINE = 6;

test('a file above the size cap is refused', async () => {
  await assertRejected(site, '2025/gross.md', head + 'Wort '.repeat(MAX_SOURCE_BYTES / 5 + 10), { rule: 'input/too-large' });
});

test('bodies that would stall or overflow the parser are refused at their line', async () => {
  const cases: [string, string, string, number][] = [
    ['nested quotes', `Text.\n\n${'>'.repeat(MAX_QUOTE_DEPTH + 1)} x`, 'markdown/too-deep', BODY_LINE + 2],
    ['nested quotes with spaces', `${'> '.repeat(5000)}x`, 'markdown/too-deep', BODY_LINE],
    ['100,000 nested quotes', `${'>'.repeat(100_000)}`, 'markdown/too-deep', BODY_LINE],
    ['nested lists', Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- a`).join('\n'), 'markdown/too-deep', BODY_LINE + MAX_LIST_INDENT / 2 + 1],
    ['nested ordered lists in quotes', `> ${'    '.repeat(MAX_LIST_INDENT / 4 + 1)}1. x`, 'markdown/too-deep', BODY_LINE],
    ['link reference tables', Array.from({ length: 5000 }, (_, i) => `[r${i}]: https://a.de/${i}`).join('\n'), 'markdown/too-many-definitions', BODY_LINE + MAX_DEFINITIONS],
    ['emphasis runs', 'a**'.repeat(20_000), 'markdown/too-complex', BODY_LINE],
    ['underscores', 'Text.\n\n' + '_a '.repeat(20_000), 'markdown/too-complex', BODY_LINE + 2],
    ['brackets', '['.repeat(MAX_DELIMITER_RUNS * 3), 'markdown/too-complex', BODY_LINE],
    ['many lines of links', Array.from({ length: 2000 }, () => '[a](b)').join('\n'), 'markdown/too-complex', BODY_LINE + 500],
  ];
  for (const [name, body, rule, line] of cases) {
    await assertRejected(site, '2025/boese.md', head + body + '\n', { rule, line }, name);
  }
});

test('limits leave real articles alone', async () => {
  const body = [
    '> Zitat\n> > verschachtelt\n> > > dreifach',
    '- eins\n  - zwei\n    - drei\n      - vier\n        - fünf',
    Array.from({ length: 50 }, (_, i) => `[r${i}]: https://a.de/${i}`).join('\n'),
    Array.from({ length: 200 }, (_, i) => `**fett ${i}** und _kursiv_`).join(' '),
  ].join('\n\n');
  const { buildSite } = await import('../helpers/site.js');
  site.write('content/2025/normal.md', head + body + '\n');
  const result = await buildSite(site);
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  site.write('content/2025/normal.md', article({ title: 'Normal' }));
});

test('an exception inside the Markdown renderer becomes a diagnostic for that file', () => {
  const source = { path: 'content/2025/x.md', relPath: '2025/x.md', text: head + 'Text.\n' };
  for (const thrown of [new RangeError('Maximum call stack size exceeded'), new Error('kaputt')]) {
    const result = parseArticle(source, 'Europe/Berlin', () => {
      throw thrown;
    });
    assert.equal(result.article, null);
    const d = result.diagnostics.find((x) => x.rule === 'markdown/failed');
    assert.ok(d, JSON.stringify(result.diagnostics));
    assert.equal(d.file, 'content/2025/x.md');
    assert.equal(d.line, BODY_LINE - 1, 'the line after the closing delimiter');
  }
});
