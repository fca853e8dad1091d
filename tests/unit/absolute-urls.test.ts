import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteUrls } from '../../src/site/absolute-urls.js';
import { absoluteUrl } from '../../src/site/permalinks.js';

const bases = ['https://www.beispiel.de/', 'https://www.beispiel.de', 'https://beispiel.de/zeitung/', 'https://beispiel.de/zeitung', 'http://localhost:8080/', 'https://beispiel.de/?a=1', 'https://beispiel.de/#x', 'https://user:pw@Beispiel.DE:443/'];
const urls = ['/', '', '/2025/04/merz-im-bundestag/', '2025/04/a/', '/thema/ä-ö/', '/a b/', '/a/../b/', '/./x', '/..', '//evil.example/x', '/a?b=1', '/a#b', '/%41/', '/a\\b', '/sitemap-1.xml', 'feed.xml', '/a//b/', '/~user/x_y-z.html', '/a\tb', '/.../'];

test('absoluteUrls gives exactly what absoluteUrl gives', () => {
  for (const base of bases) {
    const abs = absoluteUrls(base);
    for (const url of urls) assert.equal(abs(url), absoluteUrl(base, url), `${base} + ${url}`);
  }
});
