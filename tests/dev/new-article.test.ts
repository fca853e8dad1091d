// `blatt new`: the generated file (a pure function) and the command (a child process): path by
// year and slug, front-matter that parses back, author from the settings, no overwriting.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newArticle } from '../../src/content/new-article.js';
import { BIN, buildSite, NOW, tempSite } from '../helpers/site.js';

const run = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

describe('newArticle', () => {
  it('fills in title, Berlin date with offset, empty summary, tags, author and draft', () => {
    const created = newArticle({ title: 'Große Übung der Feuerwehr in Köln', now: Date.parse('2025-07-14T22:30:00Z'), timeZone: 'Europe/Berlin', author: 'Redaktion' });
    assert.ok(created.ok);
    assert.equal(created.relPath, '2025/grosse-uebung-der-feuerwehr-in-koeln.md');
    assert.equal(
      created.text,
      '---\ntitle: "Große Übung der Feuerwehr in Köln"\ndate: "2025-07-15T00:30:00+02:00"\nsummary: ""\ntags: []\nauthor: "Redaktion"\ndraft: true\n---\n\n',
    );
  });

  it('takes the year in Berlin time at New Year and winter offsets', () => {
    const created = newArticle({ title: 'Neujahr', now: Date.parse('2025-12-31T23:30:00Z'), timeZone: 'Europe/Berlin', author: null });
    assert.ok(created.ok);
    assert.equal(created.relPath, '2026/neujahr.md');
    assert.match(created.text, /date: "2026-01-01T00:30:00\+01:00"/);
    assert.match(created.text, /^# author: /m);
  });

  it('escapes quotes and refuses titles without letters', () => {
    const quoted = newArticle({ title: 'Er sagte: "Nein"', now: NOW, timeZone: 'Europe/Berlin', author: null });
    assert.ok(quoted.ok);
    assert.match(quoted.text, /^title: "Er sagte: \\"Nein\\""$/m);
    assert.equal(newArticle({ title: '   ', now: NOW, timeZone: 'Europe/Berlin', author: null }).ok, false);
    assert.equal(newArticle({ title: '!!!', now: NOW, timeZone: 'Europe/Berlin', author: null }).ok, false);
  });

  it('writes a file the build accepts, shown as a draft with drafts included', async () => {
    const created = newArticle({ title: 'Ein neuer Artikel', now: NOW, timeZone: 'Europe/Berlin', author: 'Anna Muster' });
    assert.ok(created.ok);
    const site = tempSite({ [created.relPath]: `${created.text}Erster Absatz.\n` });
    try {
      const published = await buildSite(site);
      assert.deepEqual(published.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.equal(published.files?.some((f) => f.path.includes('ein-neuer-artikel')), false, 'a draft is not published');
      const preview = await buildSite(site, { includeDrafts: true });
      const page = preview.files?.find((f) => f.path === '2025/04/ein-neuer-artikel/index.html');
      assert.ok(page);
      assert.match(String(page.contents), /Entwurf/);
      assert.match(String(page.contents), /Anna Muster/);
    } finally {
      site.remove();
    }
  });
});

describe('blatt new', () => {
  it('creates content/<year>/<slug>.md with the default author, prints the path, and refuses to overwrite', () => {
    const site = tempSite({ 'site.yml': 'title: "Test"\ndefault_author: "Redaktion Nord"\n' });
    try {
      const first = run(site.root, ['new', 'Sturm über Hamburg', '--now', '2025-10-03T09:15']);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, 'content/2025/sturm-ueber-hamburg.md\n');
      const text = readFileSync(join(site.content, '2025/sturm-ueber-hamburg.md'), 'utf8');
      assert.match(text, /^title: "Sturm über Hamburg"$/m);
      assert.match(text, /^date: "2025-10-03T09:15:00\+02:00"$/m);
      assert.match(text, /^author: "Redaktion Nord"$/m);
      assert.match(text, /^draft: true$/m);
      const edited = `${text}Mein Text.\n`;
      site.write('content/2025/sturm-ueber-hamburg.md', edited);
      const again = run(site.root, ['new', 'Sturm über Hamburg', '--now', '2025-10-03T09:20']);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /content\/2025\/sturm-ueber-hamburg\.md already exists/);
      assert.equal(readFileSync(join(site.content, '2025/sturm-ueber-hamburg.md'), 'utf8'), edited, 'the file is untouched');
    } finally {
      site.remove();
    }
  });

  it('uses the clock when no time is given, and wants exactly one title', () => {
    const site = tempSite();
    try {
      const created = run(site.root, ['new', 'Jetzt'], { SOURCE_DATE_EPOCH: '' });
      assert.equal(created.status, 0, created.stderr);
      const path = created.stdout.trim();
      assert.match(path, /^content\/\d{4}\/jetzt\.md$/);
      assert.ok(existsSync(join(site.root, path)));
      assert.equal(run(site.root, ['new']).status, 2);
      assert.equal(run(site.root, ['new', 'a', 'b']).status, 2);
      assert.equal(run(site.root, ['new', '???']).status, 1);
    } finally {
      site.remove();
    }
  });
});
