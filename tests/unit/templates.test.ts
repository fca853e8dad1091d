import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileTemplates, REQUIRED_PAGES } from '../../src/render/templates.js';
import type { SourceFile } from '../../src/types.js';

const tpl = (relPath: string, text: string): SourceFile => ({ path: `templates/${relPath}`, relPath, text });
const pages = (overrides: Record<string, string> = {}, extra: SourceFile[] = []) => {
  const files = REQUIRED_PAGES.map((p) => tpl(`${p}.hbs`, overrides[p] ?? `<p>${p}</p>`));
  for (const [name, text] of Object.entries(overrides)) if (!REQUIRED_PAGES.includes(name)) files.push(tpl(`${name}.hbs`, text));
  return compileTemplates([...files, ...extra], { timeZone: 'Europe/Berlin', assets: new Map([['style.css', '/assets/style.x.css']]) });
};

test('templates compile and render with helpers, partials and a layout', () => {
  const r = pages({ article: '{{#> base}}<h1>{{title}}</h1><time datetime="{{isoDate date}}">{{formatDate date}}</time> {{readingTime words}}{{/base}}' }, [
    tpl('layouts/base.hbs', '<html lang="de"><link href="{{asset "style.css"}}">{{> @partial-block}}</html>'),
  ]);
  assert.deepEqual(r.diagnostics, []);
  const html = r.templates!.render('article', { title: 'A & B', date: { epochMs: Date.parse('2025-03-31T22:00:00Z') }, words: 660 });
  assert.equal(html, '<html lang="de"><link href="/assets/style.x.css"><h1>A &amp; B</h1><time datetime="2025-04-01T00:00:00+02:00">1.\u00a0April 2025</time> 3\u00a0Min. Lesezeit</html>');
});

test('a missing helper is an error naming the template file', () => {
  const r = pages({ home: '<p>{{shout title}}</p>' });
  assert.equal(r.templates, null);
  const d = r.diagnostics.find((x) => x.file === 'templates/home.hbs');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.match(d.message, /shout/);
});

test('a missing partial is an error naming the template file and line', () => {
  const r = pages({ home: '<p>x</p>\n{{> teaser}}' });
  assert.equal(r.templates, null);
  assert.deepEqual(r.diagnostics.map((d) => [d.file, d.rule, d.line]), [['templates/home.hbs', 'template/missing-partial', 2]]);
});

test('a missing field is an error naming the template file at render time', () => {
  const r = pages({ home: '<p>{{page.titel}}</p>' });
  assert.ok(r.templates);
  assert.throws(
    () => r.templates!.render('home', { page: { title: 'x' } }),
    (e: Error & { file?: string }) => e.file === 'templates/home.hbs' && /titel/.test(e.message),
  );
});

test('a missing field inside a partial names the partial', () => {
  const r = pages({ home: '{{> card}}' }, [tpl('partials/card.hbs', '<p>{{nope}}</p>')]);
  assert.ok(r.templates, JSON.stringify(r.diagnostics));
  assert.throws(() => r.templates!.render('home', {}), (e: Error & { file?: string }) => e.file === 'templates/partials/card.hbs');
});

test('an unquoted attribute holding an expression is an error', () => {
  const r = pages({ home: '<a href={{url}}>x</a>' });
  assert.equal(r.templates, null);
  assert.deepEqual(r.diagnostics.map((d) => [d.file, d.rule, d.line]), [['templates/home.hbs', 'template/unquoted-attribute', 1]]);
});

test('triple-stash is only allowed for the article body html', () => {
  const bad = pages({ home: '<div>{{{summary}}}</div>' });
  assert.equal(bad.templates, null);
  assert.equal(bad.diagnostics[0]!.rule, 'template/unescaped');
  assert.equal(bad.diagnostics[0]!.file, 'templates/home.hbs');
  const ok = pages({ home: '<div>{{{html}}}</div>' });
  assert.ok(ok.templates);
});

test('a syntax error names file and line', () => {
  const r = pages({ home: '<p>\n{{#if x}}\n</p>' });
  assert.equal(r.templates, null);
  assert.equal(r.diagnostics[0]!.file, 'templates/home.hbs');
  assert.equal(r.diagnostics[0]!.rule, 'template/syntax');
});

test('a missing page template is an error', () => {
  const r = compileTemplates([tpl('home.hbs', 'x')], { timeZone: 'Europe/Berlin', assets: new Map() });
  assert.equal(r.templates, null);
  assert.ok(r.diagnostics.some((d) => d.file === 'templates/article.hbs' && d.rule === 'template/missing'));
});

test('templates cannot reach prototype properties or content-supplied templates', () => {
  const r = pages({ home: '<p>{{title}}</p>' });
  assert.equal(r.templates!.render('home', { title: '{{constructor.name}}' }), '<p>{{constructor.name}}</p>');
});
