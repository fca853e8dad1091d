// `blatt check` for editors and CI: validates content, templates and internal links without
// writing the site, exit 1 on errors; `--format text|json|github` and `--strict`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { article, BIN, tempSite } from '../helpers/site.js';

const check = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'check', '--now', '2025-04-02T12:00', ...args], { cwd, encoding: 'utf8' });

const broken = () =>
  tempSite({
    'a.md': article({ title: 'A' }, 'Siehe [den anderen Artikel](gibt-es-nicht.md).'),
    'b.md': '---\ntitle: "B"\ndate: 2025-02-30\n---\n\nText.\n',
  });

describe('blatt check', () => {
  it('passes a valid site and writes no output', () => {
    const site = tempSite({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }, 'Siehe [A](a.md).') });
    try {
      const res = check(site.root);
      assert.equal(res.status, 0, res.stderr);
      assert.match(res.stdout, /^Checked 2 articles and \d+ pages/);
      assert.equal(existsSync(site.out), false, 'public/ is not created');
      assert.equal(existsSync(join(site.root, '.public.blatt')), false);
    } finally {
      site.remove();
    }
  });

  it('reports broken links and front-matter with file, line and column, exit 1 (text)', () => {
    const site = broken();
    try {
      const res = check(site.root);
      assert.equal(res.status, 1);
      assert.match(res.stderr, /^content\/a\.md:6:\d+ {2}error {2}The link to "gibt-es-nicht\.md" points to no article\..* {2}\[link\/missing-article\]$/m);
      assert.match(res.stderr, /^content\/b\.md:3:\d+ {2}error {2}.*2025-02-30.* {2}\[front-matter\/date\]$/m);
      assert.match(res.stderr, /Check failed: 2 errors/);
      assert.equal(existsSync(site.out), false);
    } finally {
      site.remove();
    }
  });

  it('reports a template mistake with the template file', () => {
    const site = tempSite({ 'a.md': article({ title: 'A' }) });
    try {
      site.write('templates/article.hbs', `${site.read('templates/article.hbs')}\n{{#if article.title}}\n`);
      const res = check(site.root);
      assert.equal(res.status, 1);
      assert.match(res.stderr, /^templates\/article\.hbs(:\d+(:\d+)?)? {2}error /m);
    } finally {
      site.remove();
    }
  });

  it('prints one JSON object per diagnostic with --format json', () => {
    const site = broken();
    try {
      const res = check(site.root, '--format', 'json');
      assert.equal(res.status, 1);
      const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(lines.map((d) => [d.file, d.line, d.rule, d.severity]), [
        ['content/a.md', 6, 'link/missing-article', 'error'],
        ['content/b.md', 3, 'front-matter/date', 'error'],
      ]);
      assert.equal(res.stderr, '');
    } finally {
      site.remove();
    }
  });

  it('prints GitHub Actions annotations with --format github', () => {
    const site = broken();
    try {
      const res = check(site.root, '--format', 'github');
      assert.equal(res.status, 1);
      const lines = res.stdout.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0] as string, /^::error file=content\/a\.md,line=6,col=\d+,title=link\/missing-article::The link to "gibt-es-nicht\.md" points to no article\./);
      assert.match(lines[1] as string, /^::error file=content\/b\.md,line=3,col=\d+,title=front-matter\/date::/);
    } finally {
      site.remove();
    }
  });

  it('fails on warnings only with --strict', () => {
    const site = tempSite({ 'a.md': '---\ntitle: "A"\ndate: 2025-04-01\ntitel: "Tippfehler"\n---\n\nText.\n' });
    try {
      const lenient = check(site.root, '--format', 'github');
      assert.equal(lenient.status, 0);
      assert.match(lenient.stdout, /^::warning file=content\/a\.md,line=4,col=1,title=front-matter\/unknown-field::Unknown field "titel"/m);
      const strict = check(site.root, '--format', 'github', '--strict');
      assert.equal(strict.status, 1);
      assert.match(strict.stdout, /^::error file=content\/a\.md,line=4,col=1,title=front-matter\/unknown-field::/m);
    } finally {
      site.remove();
    }
  });

  it('refuses an unknown format with exit 2', () => {
    const site = tempSite({ 'a.md': article() });
    try {
      const res = check(site.root, '--format', 'xml');
      assert.equal(res.status, 2);
      assert.match(res.stderr, /--format must be text, json or github/);
    } finally {
      site.remove();
    }
  });
});
