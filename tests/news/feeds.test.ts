// Feeds as a feed reader sees them: parsed by a real feed parser (RSS, Atom) and as JSON Feed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { buildSite, NOW } from '../helpers/site.js';
import { BASE, newsSite, SETTINGS, textFiles } from './news-site.js';

describe('feeds', () => {
  let files: Map<string, string>;
  const site = newsSite();
  before(async () => {
    files = textFiles(await buildSite(site));
  });
  after(() => site.remove());

  const get = (path: string) => {
    const text = files.get(path);
    assert.ok(text !== undefined, `${path} is missing`);
    return text;
  };

  it('RSS 2.0 of the site: newest first, limited to feed_limit, full content with absolute links', () => {
    const feed = parseFeed(get('feed.xml'));
    assert.equal(feed.meta.type, 'rss');
    assert.equal(feed.title, 'Tagesblatt');
    assert.equal(feed.language, 'de');
    assert.equal(feed.url, BASE);
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ['Ein Abend </script><script>alert(1)</script> im Theater', 'Gaspreise steigen erneut', 'Folgen des Energiegipfels'],
    );
    const gas = feed.items[1];
    assert.equal(gas?.url, `${BASE}2025/04/gaspreise-steigen/`);
    assert.equal(gas?.published?.toISOString(), '2025-04-01T07:00:00.000Z');
    assert.match(gas?.content ?? '', /Die Gaspreise steigen erneut/);
    assert.match(gas?.content ?? '', new RegExp(`href="${BASE}2025/03/energie-gipfel/"`));
    assert.deepEqual(gas?.categories.map((c) => c.label ?? c.term), ['Energie', 'Gaspreise']);
    assert.deepEqual(gas?.authors.map((a) => a.name), ['Jörg Köhler']);
    assert.ok(!get('feed.xml').includes('<author>'), 'RSS <author> would need an e-mail address');
  });

  it('Atom of the site: updated from the newest content, entries with published and updated', () => {
    const feed = parseFeed(get('atom.xml'));
    assert.equal(feed.meta.type, 'atom');
    assert.equal(feed.items.length, 3);
    assert.equal(feed.updated?.toISOString(), '2025-04-01T16:00:00.000Z');
    const folgen = feed.items.find((i) => i.title === 'Folgen des Energiegipfels');
    assert.equal(folgen?.published?.toISOString(), '2025-03-20T09:00:00.000Z');
    assert.equal(folgen?.updated?.toISOString(), '2025-03-25T15:30:00.000Z');
    assert.deepEqual(folgen?.authors.map((a) => a.name), ['Jörg Köhler']);
  });

  it('JSON Feed of the site', () => {
    const feed = JSON.parse(get('feed.json')) as { version: string; title: string; home_page_url: string; feed_url: string; items: Record<string, unknown>[] };
    assert.match(feed.version, /^https:\/\/jsonfeed\.org\/version\/1/);
    assert.equal(feed.title, 'Tagesblatt');
    assert.equal(feed.home_page_url, BASE);
    assert.equal(feed.feed_url, `${BASE}feed.json`);
    assert.equal(feed.items.length, 3);
    const [first] = feed.items;
    assert.equal(first?.url, `${BASE}2025/04/kultur-abend/`);
    assert.equal(first?.date_published, '2025-04-01T16:00:00.000Z');
    assert.equal(typeof first?.content_html, 'string');
  });

  it('a feed per topic, with only that topic and the topic in its title', () => {
    for (const path of ['thema/energie/feed.xml', 'thema/energie/atom.xml']) {
      const feed = parseFeed(get(path));
      assert.match(feed.title ?? '', /^Energie/);
      assert.deepEqual(
        feed.items.map((i) => i.title),
        ['Gaspreise steigen erneut', 'Folgen des Energiegipfels', 'Energiegipfel in Berlin'],
      );
    }
    const json = JSON.parse(get('thema/kultur/feed.json')) as { items: { title: string }[] };
    assert.deepEqual(json.items.map((i) => i.title), ['Ein Abend </script><script>alert(1)</script> im Theater']);
  });

  it('every page announces the site feeds; topic pages their own too', () => {
    const home = get('index.html');
    assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="Tagesblatt \(RSS\)" href="\/feed.xml">/);
    assert.match(home, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/atom.xml">/);
    assert.match(home, /<link rel="alternate" type="application\/feed\+json"[^>]*href="\/feed.json">/);
    assert.match(get('thema/energie/index.html'), /<link rel="alternate" type="application\/rss\+xml" title="Energie \(RSS\)" href="\/thema\/energie\/feed.xml">/);
  });

  it('summary instead of full text when feed_content is "summary"', async () => {
    const summarySite = newsSite(SETTINGS.replace('feed_content: "full"', 'feed_content: "summary"'));
    try {
      const rss = parseFeed(textFiles(await buildSite(summarySite)).get('feed.xml') as string);
      const gas = rss.items.find((i) => i.title === 'Gaspreise steigen erneut');
      assert.equal(gas?.description, 'Erdgas wird teurer.');
      assert.ok(!/<p>/.test(gas?.content ?? ''), 'no full text in the summary feed');
    } finally {
      summarySite.remove();
    }
  });

  it('feeds do not depend on the build time, only on the content', async () => {
    // Five hours later nothing new is published: every feed is byte for byte the same.
    const later = textFiles(await buildSite(site, { now: NOW + 5 * 3600 * 1000 }));
    const feeds = [...files.keys()].filter((p) => /(feed\.xml|atom\.xml|feed\.json)$/.test(p));
    assert.ok(feeds.length >= 15);
    for (const path of feeds) assert.equal(later.get(path), files.get(path), `${path} is unchanged`);
  });
});
