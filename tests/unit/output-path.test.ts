import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collisionKey, unsafeOutputPath } from '../../src/site/output-path.js';
import { articleUrl, outputPathOf, pageUrl } from '../../src/site/permalinks.js';

test('safe paths pass', () => {
  for (const p of ['index.html', '2025/04/putin-lobt-zusammenarbeit/index.html', 'assets/style.0123456789.css']) assert.equal(unsafeOutputPath(p), null, p);
});

test('paths that could escape the output folder or break on other systems are refused', () => {
  for (const p of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'C:/x', 'a\\b', 'con/index.html', 'a./b', 'a /b', 'a:b', 'a\u0000b']) {
    assert.notEqual(unsafeOutputPath(p), null, JSON.stringify(p));
  }
});

test('collision keys fold case and normalization', () => {
  assert.equal(collisionKey('A/Ü.html'), collisionKey('a/u\u0308.html'.normalize('NFD')));
});

test('URLs and their output files', () => {
  assert.equal(articleUrl({ slug: 'putin-lobt-zusammenarbeit', date: { year: 2025, month: 4, day: 1, iso: '', epochMs: 0 } }), '/2025/04/putin-lobt-zusammenarbeit/');
  assert.equal(outputPathOf('/2025/04/x/'), '2025/04/x/index.html');
  assert.equal(outputPathOf('/'), 'index.html');
  assert.equal(outputPathOf('/404.html'), '404.html');
  assert.equal(pageUrl('/thema/x/', 1), '/thema/x/');
  assert.equal(pageUrl('/thema/x/', 3), '/thema/x/seite/3/');
});
