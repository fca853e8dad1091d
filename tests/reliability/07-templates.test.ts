// Case 7: templates. Every value from content is escaped for its context (text, attribute, URL,
// JSON-LD inside <script>); the template check rejects unquoted attributes holding expressions and
// triple-stash outside the article body; Handlebars never reaches prototypes.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compileTemplates } from '../../src/render/templates.js';
import { article, buildSite, fileOf, tempSite, type TempSite } from '../helpers/site.js';

let site: TempSite;
before(() => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
});
after(() => site.remove());

const EVIL = `"><script>alert(1)</script><img src=x onerror=alert(2)>' onmouseover='alert(3)`;

test('values from content are escaped in text, attributes and JSON-LD', async () => {
  site.write('content/2025/boese.md', `---\ntitle: ${JSON.stringify(`${EVIL} </script><!--`)}\ndate: 2025-04-01\nsummary: ${JSON.stringify(EVIL)}\nauthor: ${JSON.stringify(EVIL)}\ntags: [${JSON.stringify(EVIL)}]\nsection: ${JSON.stringify(EVIL)}\nimage: {src: "/bild.jpg?a=\\"><script>", alt: ${JSON.stringify(EVIL)}, caption: ${JSON.stringify(EVIL)}, credit: ${JSON.stringify(EVIL)}}\n---\n\nText.\n`);
  try {
    const result = await buildSite(site);
    assert.ok(result.files, JSON.stringify(result.diagnostics));
    for (const file of result.files) {
      if (!file.path.endsWith('.html')) continue;
      const html = String(file.contents).replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, (m) => m.replace(/=/g, ''));
      assert.doesNotMatch(html, /<script>alert/, `${file.path}: script injected`);
      assert.doesNotMatch(html, /<img src=x/, `${file.path}: element injected`);
      assert.doesNotMatch(html, /\son(error|mouseover)=/i, `${file.path}: attribute injected`);
      // JSON-LD: nothing inside can end the script element or open a comment.
      for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        assert.doesNotMatch(m[1]!, /<\/script|<!--|</i, `${file.path}: JSON-LD breaks out`);
        JSON.parse(m[1]!.replace(/=/g, '\\u003d'));
      }
    }
    // Feeds: RSS description and Atom summary are HTML, so the plain-text summary arrives escaped.
    for (const f of result.files.filter((x) => /(^|\/)(feed|atom)\.xml$/.test(x.path))) {
      assert.doesNotMatch(String(f.contents), /<description><!\[CDATA\[[^\]]*<script|<summary type="html"><!\[CDATA\[[^\]]*<script/, `${f.path}: summary as markup`);
    }
    const page = fileOf(result, '2025/04/boese/index.html');
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the title is shown as text');
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!;
    assert.ok(JSON.stringify(JSON.parse(ld)).includes('</script>'), 'JSON-LD keeps the text, escaped');
  } finally {
    rmSync(join(site.content, '2025/boese.md'));
  }
});

test('mustache syntax in content stays text and is never evaluated', async () => {
  site.write('content/2025/mustache.md', `---\ntitle: "{{constructor.constructor 'return process'}} {{{html}}}"\ndate: 2025-04-01\n---\n\n{{#each this}}{{/each}} {{> partial}} {{constructor.constructor}}\n`);
  try {
    const result = await buildSite(site);
    assert.ok(result.files, JSON.stringify(result.diagnostics));
    const page = fileOf(result, '2025/04/mustache/index.html');
    assert.match(page, /\{\{constructor\.constructor 'return process'\}\}|\{\{constructor\.constructor &#x27;return process&#x27;\}\}/);
    assert.match(page, /\{\{#each this\}\}/);
  } finally {
    rmSync(join(site.content, '2025/mustache.md'));
  }
});

function compile(files: Record<string, string>) {
  const base: Record<string, string> = { 'article.hbs': 'a', 'home.hbs': 'h', 'list.hbs': 'l', 'archive.hbs': 'r', 'topics.hbs': 't', '404.hbs': 'n' };
  const sources = Object.entries({ ...base, ...files }).map(([relPath, text]) => ({ path: `templates/${relPath}`, relPath, text }));
  return compileTemplates(sources, { timeZone: 'Europe/Berlin', assets: new Map() });
}

test('the template check rejects unquoted attributes with expressions and triple-stash outside the body', () => {
  for (const [text, rule, line] of [
    ['<a href={{url}}>x</a>', 'template/unquoted-attribute', 1],
    ['<p>\n<img alt=x src={{image.src}}>', 'template/unquoted-attribute', 2],
    ['<div class={{#if x}}a{{/if}}>', 'template/unquoted-attribute', 1],
    ['<div data-x={{{title}}}>', 'template/unescaped', 1],
    ['<h1>{{{title}}}</h1>', 'template/unescaped', 1],
    ['<p>{{{article.summary}}}</p>', 'template/unescaped', 1],
    ['{{{page.jsonLd}}}', 'template/unescaped', 1],
    ['{{& title}}', 'template/unescaped', 1],
  ] as const) {
    const { templates, diagnostics } = compile({ 'home.hbs': text });
    assert.equal(templates, null, text);
    const d = diagnostics.find((x) => x.rule === rule);
    assert.ok(d, `${text}: ${JSON.stringify(diagnostics)}`);
    assert.equal(d.file, 'templates/home.hbs');
    assert.equal(d.line, line, text);
  }
  // Quoted attributes and the article body are fine.
  const ok = compile({ 'home.hbs': '<a href="{{url}}" class=\'{{c}}\'>{{title}}</a>{{#each body}}{{{html}}}{{/each}}' });
  assert.deepEqual(ok.diagnostics, []);
});

test('Handlebars never reaches prototypes from templates or data', () => {
  const probes = [
    '{{constructor}}',
    '{{constructor.constructor}}',
    '{{this.constructor.name}}',
    '{{__proto__}}',
    '{{__proto__.polluted}}',
    '{{#with constructor}}{{name}}{{/with}}',
    '{{#with __proto__}}{{toString}}{{/with}}',
    '{{lookup this "constructor"}}',
    '{{#each this}}{{@key}}={{this}};{{/each}}',
    '{{title.constructor.name}}',
    '{{title.length}}',
  ];
  for (const probe of probes) {
    const { templates, diagnostics } = compile({ 'home.hbs': probe });
    if (!templates) {
      assert.ok(diagnostics.length > 0, probe); // refused at compile time: fine
      continue;
    }
    // Plain data, and data with an own "__proto__" key (as JSON.parse makes it).
    for (const data of [{ title: 'T' }, JSON.parse('{"title": "T", "__proto__": {"polluted": "ja"}}') as object]) {
      let out = '';
      try {
        out = templates.render('home', data);
      } catch (e) {
        assert.equal((e as Error).constructor.name, 'TemplateError', `${probe}: ${(e as Error).message}`);
        continue;
      }
      assert.doesNotMatch(out, /function|\[native code\]|String|Function/, `${probe} → ${out}`);
      if (!Object.prototype.hasOwnProperty.call(data, '__proto__')) assert.doesNotMatch(out, /Object/, `${probe} → ${out}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, probe);
    }
  }
});
