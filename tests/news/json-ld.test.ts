// Head metadata as search engines and social networks read it: JSON-LD parsed from the
// <script> elements, Open Graph from the <meta> elements.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSite } from '../helpers/site.js';
import { BASE, newsSite, textFiles } from './news-site.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function jsonLd(html: string): Json[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string) as Json);
}
const byType = (html: string, type: string) => jsonLd(html).find((j) => j['@type'] === type);
function meta(html: string, property: string): string[] {
  return [...html.matchAll(/<meta property="([^"]+)" content="([^"]*)">/g)].filter((m) => m[1] === property).map((m) => m[2] as string);
}

describe('head metadata', () => {
  let files: Map<string, string>;
  const site = newsSite();
  before(async () => {
    files = textFiles(await buildSite(site));
  });
  after(() => site.remove());
  const page = (path: string) => files.get(path) as string;

  it('NewsArticle with every field search engines read', () => {
    const a = byType(page('2025/04/gaspreise-steigen/index.html'), 'NewsArticle');
    assert.ok(a);
    assert.equal(a['@context'], 'https://schema.org');
    assert.equal(a.headline, 'Gaspreise steigen erneut');
    assert.equal(a.description, 'Erdgas wird teurer.');
    assert.equal(a.datePublished, '2025-04-01T09:00:00+02:00');
    assert.equal(a.dateModified, '2025-04-01T09:00:00+02:00');
    assert.deepEqual(a.author, [{ '@type': 'Person', name: 'Jörg Köhler', url: `${BASE}autor/joerg-koehler/` }]);
    assert.deepEqual(a.publisher, { '@type': 'Organization', name: 'Tagesblatt', url: BASE, logo: { '@type': 'ImageObject', url: `${BASE}logo.png`, width: 600, height: 60 } });
    assert.deepEqual(a.image, [{ '@type': 'ImageObject', url: 'https://bilder.example/gas.jpg', width: 1200, height: 675 }]);
    assert.equal(a.inLanguage, 'de-DE');
    assert.equal(a.articleSection, 'Wirtschaft');
    assert.equal(a.keywords, 'Energie, Gaspreise');
    assert.deepEqual(a.mainEntityOfPage, { '@type': 'WebPage', '@id': `${BASE}2025/04/gaspreise-steigen/` });
  });

  it('"updated" sets dateModified and shows "Aktualisiert am"', () => {
    const html = page('2025/03/energie-folgen/index.html');
    const a = byType(html, 'NewsArticle');
    assert.equal(a?.datePublished, '2025-03-20T10:00:00+01:00');
    assert.equal(a?.dateModified, '2025-03-25T16:30:00+01:00');
    assert.match(html, /Aktualisiert am <time datetime="2025-03-25T16:30:00\+01:00">25\.\u00a0März 2025, 16:30\u00a0Uhr<\/time>/);
    assert.deepEqual(meta(html, 'article:modified_time'), ['2025-03-25T16:30:00+01:00']);
  });

  it('a headline containing </script> cannot end the JSON-LD element', () => {
    const html = page('2025/04/kultur-abend/index.html');
    const blocks = jsonLd(html);
    assert.equal(blocks.length, 2, 'exactly the two JSON-LD elements, nothing injected');
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<\/script>/g) ?? []).length);
    assert.ok(!html.includes('<script>alert(1)'), 'the injected script is not in the page');
    assert.equal(blocks[0]?.headline, 'Ein Abend </script><script>alert(1)</script> im Theater');
    assert.equal(blocks[0]?.description, 'Theater & Musik <b>live</b>.');
    assert.match(html, /\\u003c\/script\\u003e/);
  });

  it('BreadcrumbList on articles and lists, WebSite on the home page', () => {
    const crumbs = byType(page('2025/04/gaspreise-steigen/index.html'), 'BreadcrumbList');
    assert.deepEqual(crumbs?.itemListElement, [
      { '@type': 'ListItem', position: 1, name: 'Startseite', item: BASE },
      { '@type': 'ListItem', position: 2, name: 'Wirtschaft', item: `${BASE}ressort/wirtschaft/` },
      { '@type': 'ListItem', position: 3, name: 'Gaspreise steigen erneut', item: `${BASE}2025/04/gaspreise-steigen/` },
    ]);
    const topic = byType(page('thema/energie/index.html'), 'BreadcrumbList');
    assert.deepEqual(topic?.itemListElement.map((c: Json) => c.name), ['Startseite', 'Themen', 'Energie']);
    assert.equal(topic?.itemListElement[2].item, `${BASE}thema/energie/`);
    for (const path of ['archiv/2025/03/index.html', 'archiv/index.html', 'thema/index.html', 'autor/anna-boehm/index.html', 'ressort/wirtschaft/seite/2/index.html']) {
      assert.ok(byType(page(path), 'BreadcrumbList'), `${path} has a BreadcrumbList`);
    }
    const website = byType(page('index.html'), 'WebSite');
    assert.equal(website?.url, BASE);
    assert.equal(website?.name, 'Tagesblatt');
    assert.equal(website?.inLanguage, 'de-DE');
  });

  it('paginated lists and the home page link their neighbours with rel prev/next', () => {
    // Numbered pages count from the oldest: the newest one links back to the front page.
    assert.match(page('thema/energie/index.html'), /<link rel="next" href="\/thema\/energie\/seite\/1\/">/);
    assert.match(page('thema/energie/seite/2/index.html'), /<link rel="prev" href="\/thema\/energie\/">/);
    assert.match(page('thema/energie/seite/1/index.html'), /<link rel="prev" href="\/thema\/energie\/seite\/2\/">/);
    assert.doesNotMatch(page('thema/energie/seite/1/index.html'), /rel="next"/);
    assert.match(page('seite/3/index.html'), /<link rel="prev" href="\/">/);
    assert.match(page('seite/3/index.html'), /<link rel="next" href="\/seite\/2\/">/);
    assert.ok(!page('thema/kultur/index.html').includes('rel="next"'));
  });

  it('Open Graph and Twitter card of an article', () => {
    const html = page('2025/04/gaspreise-steigen/index.html');
    assert.deepEqual(meta(html, 'og:type'), ['article']);
    assert.deepEqual(meta(html, 'og:locale'), ['de_DE']);
    assert.deepEqual(meta(html, 'og:url'), [`${BASE}2025/04/gaspreise-steigen/`]);
    assert.deepEqual(meta(html, 'article:published_time'), ['2025-04-01T09:00:00+02:00']);
    assert.deepEqual(meta(html, 'article:author'), [`${BASE}autor/joerg-koehler/`]);
    assert.deepEqual(meta(html, 'article:section'), ['Wirtschaft']);
    assert.deepEqual(meta(html, 'article:tag'), ['Energie', 'Gaspreise']);
    assert.deepEqual(meta(html, 'og:image'), ['https://bilder.example/gas.jpg']);
    assert.deepEqual(meta(html, 'og:image:width'), ['1200']);
    assert.deepEqual(meta(html, 'og:image:height'), ['675']);
    assert.match(html, /<meta name="twitter:card" content="summary_large_image">/);
    assert.match(page('2025/03/energie-folgen/index.html'), /<meta name="twitter:card" content="summary">/, 'no image: the small card');
    assert.match(html, /<link rel="canonical" href="https:\/\/www\.tagesblatt\.example\/2025\/04\/gaspreise-steigen\/">/);
  });
});
