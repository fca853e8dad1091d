// A snapshot of a site's model (site/snapshot.ts): the articles a quick build makes from it show
// the teasers the model showed, and a new snapshot copies exactly the records whose sources stayed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleSignatures } from '../../src/site/fingerprint.js';
import { plan, planAssets } from '../../src/site/plan.js';
import { feedSpecs } from '../../src/render/feeds.js';
import { siteView, teaserView } from '../../src/site/view-model.js';
import { CopiedRecord, StoredArticles, takeSnapshot, type SnapshotIndex } from '../../src/site/snapshot.js';
import { article, buildSite, tempSite } from '../helpers/site.js';
import type { SiteModel } from '../../src/site/model.js';

async function modelOf(files: Record<string, string>): Promise<SiteModel> {
  const site = tempSite(files);
  try {
    let model: SiteModel | null = null;
    await buildSite(site, { onModel: (m) => (model = m) });
    return model as unknown as SiteModel;
  } finally {
    site.remove();
  }
}

const files = {
  'a.md': article({ title: 'Erste Meldung', date: '2025-03-30', tags: ['Kreml', 'China'], author: 'Katrin Schäfer', summary: 'Eine „Zusammenfassung“.' }, 'Text von a, mit [Link](b.md).'),
  'b.md': article({ title: 'Zweite Meldung', date: '2025-03-31', tags: ['China'], related: ['a'] }, 'Text von b.'),
  'c.md': article({ title: 'Dritte Meldung', date: '2025-04-01', section: 'Politik' }, 'Text von c.\n\nMehr zum Thema – Erste Meldung'),
};

function snapshotOf(model: SiteModel, earlier?: { index: SnapshotIndex; raw(i: number): Uint8Array } | null) {
  const assets = planAssets([]);
  const { specs } = plan(model, assets, feedSpecs(model));
  const signatures = articleSignatures(model, new Map(model.articles.map((a) => [a.relPath, `key-${a.relPath}`])));
  const taken = takeSnapshot({ model, specs, signatures, global: 'g', site: siteView(model, assets.urls), recordKey: 'k', codeVersion: 'v', earlier });
  const records = [...taken.records];
  const bytes = records.map((r) => (r instanceof CopiedRecord ? r.bytes : Buffer.from(JSON.stringify(r))));
  return { index: taken.index, records, raw: (i: number) => bytes[i] as Uint8Array, record: <T>(i: number) => JSON.parse(Buffer.from(bytes[i] as Uint8Array).toString()) as T };
}

test('the articles made from a snapshot show the teasers and the "Mehr zum Thema" of the model', async () => {
  const model = await modelOf(files);
  const snapshot = snapshotOf(model);
  const stored = new StoredArticles(snapshot.index, snapshot);
  for (const a of model.articles) {
    const i = stored.index(a.relPath) as number;
    assert.deepEqual(teaserView(stored.teaserArticle(i)), teaserView(a), a.relPath);
    const fields = stored.fields(i);
    assert.deepEqual(
      fields.relatedLinks.map((l) => [l.title, l.url, l.external, l.source, l.article?.relPath ?? null]),
      a.relatedLinks.map((l) => [l.title, l.url, l.external, l.source, l.article?.relPath ?? null]),
      `${a.relPath}: "Mehr zum Thema"`,
    );
    assert.deepEqual([fields.url, fields.authorTerms, fields.tagTerms, fields.sectionTerm, fields.unpublished], [a.url, a.authorTerms, a.tagTerms, a.sectionTerm, a.unpublished]);
  }
  // Every article is in a feed on a site this small: their full text is kept, links resolved.
  const a = stored.teaserArticle(stored.index('a.md') as number);
  assert.match(a.html, /<a href="\/2025\/03\/b\/">Link<\/a>/);
  assert.equal(a.html, model.articles.find((m) => m.relPath === 'a.md')?.html);
});

test('a new snapshot copies the records whose sources are the same, and makes the others again', async () => {
  const before = await modelOf(files);
  const first = snapshotOf(before);
  assert.ok(first.records.every((r) => !(r instanceof CopiedRecord)), 'nothing to copy from');
  const after = await modelOf({ ...files, 'b.md': article({ title: 'Zweite Meldung', date: '2025-03-31', tags: ['China'], related: ['a'], summary: 'Neu.' }, 'Text von b.') });
  const second = snapshotOf(after, first);
  const copied = second.index.order.filter((_, i) => second.records[i] instanceof CopiedRecord);
  // b's teaser changed; a's "Mehr zum Thema" and link show b's title and URL only, which stayed.
  assert.deepEqual(copied.sort(), ['a.md', 'c.md']);
  assert.ok(second.records.slice(second.index.order.length).every((r) => r instanceof CopiedRecord), 'the lists are the same');
  const stored = new StoredArticles(second.index, second);
  assert.equal(stored.teaserArticle(stored.index('b.md') as number).summary, 'Neu.');
});
