// Drafts and embargoed articles appear nowhere: no page, list, feed, sitemap, related list or
// topic count. With --drafts (preview) they are everywhere a published article would be.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSite } from '../helpers/site.js';
import { DRAFT_MARK, EMBARGO_MARK, newsSite, textFiles } from './news-site.js';

// Everything that only the draft or the embargoed article brings into the site.
const TRACES = [DRAFT_MARK, EMBARGO_MARK, 'geheim-entwurf', 'sperrfrist-meldung', 'Entwurfsthema', 'entwurfsthema', 'Entwurfsressort', 'entwurfsressort', 'Entwurf Autorin', 'entwurf-autorin', 'Sperrthema', 'sperrthema', 'Sperr Autor', 'sperr-autor'];

describe('drafts and embargo', () => {
  const site = newsSite();
  let published: Map<string, string>;
  let preview: Map<string, string>;
  before(async () => {
    published = textFiles(await buildSite(site));
    preview = textFiles(await buildSite(site, { includeDrafts: true }));
  });
  after(() => site.remove());

  it('no output file mentions them, by title, slug, topic, section or author', () => {
    for (const [path, text] of published) {
      if (path.startsWith('assets/')) continue;
      for (const trace of TRACES) assert.ok(!path.includes(trace) && !text.includes(trace), `${path} mentions "${trace}"`);
    }
  });

  it('topic counts, lists, feeds and sitemaps count only published articles', () => {
    assert.match(published.get('thema/index.html') as string, /Energie<\/a> <span class="topics__count">\(4</);
    assert.match(published.get('thema/energie/index.html') as string, /4 Artikel/);
    assert.equal((published.get('sitemap-news.xml')?.match(/<url>/g) ?? []).length, 2);
    assert.equal((published.get('thema/energie/feed.json') as string).includes('Gaspreise steigen erneut'), true);
  });

  it('--drafts includes them everywhere, marked as drafts and not indexed', () => {
    const draftPage = preview.get('2025/03/geheim-entwurf/index.html') as string;
    const embargoPage = preview.get('2025/04/sperrfrist-meldung/index.html') as string;
    assert.ok(draftPage && embargoPage, 'both pages are built');
    assert.match(draftPage, /<meta name="robots" content="noindex">/);
    assert.match(draftPage, /Entwurf/);
    assert.ok(preview.get('thema/entwurfsthema/index.html')?.includes(DRAFT_MARK));
    assert.ok(preview.get('ressort/entwurfsressort/index.html'));
    assert.ok(preview.get('autor/sperr-autor/index.html')?.includes(EMBARGO_MARK));
    assert.match(preview.get('thema/index.html') as string, /Energie<\/a> <span class="topics__count">\(6</);
    assert.ok(preview.get('feed.xml')?.includes(EMBARGO_MARK), 'the preview feed shows the embargoed article');
    // Search engines never learn about unpublished articles, not even from a preview build.
    for (const path of ['sitemap.xml', 'sitemap-news.xml']) {
      for (const trace of ['geheim-entwurf', 'sperrfrist-meldung']) assert.ok(!preview.get(path)?.includes(trace), `${path} lists ${trace}`);
    }
  });
});
