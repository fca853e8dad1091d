import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMarkdownRenderer } from '../../src/content/markdown.js';
import { parseAttribution } from '../../src/content/remark/quote-blocks.js';
import { parseRelatedLine } from '../../src/content/remark/related-section.js';

const render = createMarkdownRenderer();
const WHERE = { file: 'content/2025/a.md', relPath: '2025/a.md', lineOffset: 5 };
const md = (body: string) => render(body, WHERE);

test('a quote with "— Name, Funktion" becomes a figure with blockquote, figcaption and cite in „…“', () => {
  const r = md('> “Wir sind sehr zufrieden.”\n> — Wladimir Putin, Präsident Russlands\n');
  assert.equal(
    r.html,
    '<figure class="quote"><blockquote>\n<p>„Wir sind sehr zufrieden.“</p>\n</blockquote><figcaption><cite>Wladimir Putin</cite>, Präsident Russlands</figcaption></figure>',
  );
  assert.deepEqual(r.diagnostics, []);
});

test('a quote with "-- Name" becomes a figure without a role', () => {
  const r = md('> "Kurz gesagt."\n> -- Wang Yi\n');
  assert.match(r.html, /^<figure class="quote"><blockquote>\n<p>„Kurz gesagt\.“<\/p>\n<\/blockquote><figcaption><cite>Wang Yi<\/cite><\/figcaption><\/figure>$/);
});

test('the attribution may stand in its own paragraph of the quote', () => {
  const r = md('> Erster Satz.\n>\n> Zweiter Satz.\n>\n> — Sprecherin\n');
  assert.match(r.html, /<blockquote>\n<p>„Erster Satz\.<\/p>\n<p>Zweiter Satz\.“<\/p>\n<\/blockquote><figcaption><cite>Sprecherin<\/cite><\/figcaption>/);
});

test('a blockquote without attribution stays a plain blockquote', () => {
  const r = md('> Nur ein Zitat.\n');
  assert.equal(r.html, '<blockquote>\n<p>Nur ein Zitat.</p>\n</blockquote>');
  const dashInside = md('> Moskau -- Peking ist weit.\n');
  assert.doesNotMatch(dashInside.html, /figure/);
});

test('parseAttribution', () => {
  assert.deepEqual(parseAttribution('— Wladimir Putin, Präsident Russlands'), { name: 'Wladimir Putin', role: 'Präsident Russlands' });
  assert.deepEqual(parseAttribution('-- Wang Yi'), { name: 'Wang Yi', role: null });
  assert.deepEqual(parseAttribution('– Name, '), { name: 'Name', role: null });
  assert.equal(parseAttribution('Wang Yi'), null);
  assert.equal(parseAttribution('—'), null);
});

test('a closing "Mehr zum Thema – Titel" paragraph is taken out of the body', () => {
  const r = md('Text.\n\nMehr zum Thema – Experte: Russland und China setzen sich gemeinsam gegen Sanktionen ein\n');
  assert.equal(r.html, '<p>Text.</p>');
  assert.deepEqual(r.related, [
    { kind: 'title', title: 'Experte: Russland und China setzen sich gemeinsam gegen Sanktionen ein', url: null, line: 8, column: 1 },
  ]);
});

test('several related lines, also with links, and only at the end', () => {
  const r = md('Mehr zum Thema – Mitten im Text\n\nText.\n\nMehr zum Thema – [Eins](eins.md)\nMehr zum Thema: Zwei\n');
  assert.match(r.html, /Mehr zum Thema – Mitten im Text/);
  assert.deepEqual(
    r.related.map((x) => (x.kind === 'title' ? [x.title, x.url, x.line] : null)),
    [
      ['Eins', '/__blatt_article__/2025%2Feins.md', 10],
      ['Zwei', null, 11],
    ],
  );
  assert.deepEqual(r.links.map((l) => [l.target, l.line]), [['2025/eins.md', 10]], 'a linked related line is checked like any link');
});

test('parseRelatedLine', () => {
  assert.equal(parseRelatedLine('Mehr zum Thema – Titel'), 'Titel');
  assert.equal(parseRelatedLine('Mehr zum Thema - Titel'), 'Titel');
  assert.equal(parseRelatedLine('Mehr zum Thema — Titel'), 'Titel');
  assert.equal(parseRelatedLine('Mehr zum Thema'), null);
  assert.equal(parseRelatedLine('Weniger zum Thema – X'), null);
});

test('links to other .md files become placeholders and are recorded with their file line', () => {
  const r = md('Siehe [andere](andere-meldung.md) und [tief](../2024/alt.markdown#abschnitt).\n');
  assert.deepEqual(
    r.links.map((l) => [l.target, l.line, l.column]),
    [
      ['2025/andere-meldung.md', 6, 7],
      ['2024/alt.markdown', 6, 39],
    ],
  );
  assert.match(r.html, /href="\/__blatt_article__\/2025%2Fandere-meldung\.md"/);
  assert.match(r.html, /href="\/__blatt_article__\/2024%2Falt\.markdown#abschnitt"/);
});

test('links to web pages and anchors are left alone; links outside content are errors', () => {
  const r = md('[w](https://example.org/x.md) [a](#oben) [o](../../geheim.md)\n');
  assert.deepEqual(r.links, []);
  assert.match(r.html, /href="https:\/\/example.org\/x.md"/);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.rule, 'link/outside-content');
  assert.equal(r.diagnostics[0]!.severity, 'error');
  assert.equal(r.diagnostics[0]!.line, 6);
});

test('raw HTML is removed with a warning at its file line; comments silently', () => {
  const r = md('Absatz.\n\n<div onclick="x()">Block</div>\n\nText <span>inline</span>.\n\n<!-- Notiz -->\n');
  assert.doesNotMatch(r.html, /<div|<span|onclick|Notiz/);
  assert.match(r.html, /Text inline\./);
  const raw = r.diagnostics.filter((d) => d.rule === 'markdown/raw-html');
  assert.deepEqual(raw.map((d) => [d.severity, d.line]), [
    ['warning', 8],
    ['warning', 10],
    ['warning', 10],
  ]);
});

test('a <script> is removed, never passed through', () => {
  const r = md('<script>alert(1)</script>\n\nText\n');
  assert.doesNotMatch(r.html, /script|alert/);
  assert.equal(r.diagnostics[0]!.rule, 'markdown/raw-html');
});

test('javascript:, data: and vbscript: links are dropped with a warning; the text stays', () => {
  const r = md('[klick](javascript:alert(1)) [b](JaVaScRiPt:x) ![bild](data:image/png;base64,xx) [c](vbscript:y)\n');
  assert.doesNotMatch(r.html, /javascript|data:|vbscript|<img/i);
  assert.match(r.html, /klick/);
  assert.equal(r.diagnostics.filter((d) => d.rule === 'markdown/unsafe-url').length, 4);
  assert.equal(r.diagnostics[0]!.line, 6);
});

test('German typography in prose, never in code or URLs', () => {
  const r = md('Er sagte "Hallo" - am 9. Mai, z. B. hier. `code "x" - y`\n\n```\n"block" - z\n```\n\n[link "t"](https://e.de/"a")\n');
  assert.match(r.html, /Er sagte „Hallo“ – am 9\.\u00a0Mai, z\.\u00a0B\. hier\./);
  assert.match(r.html, /<code>code "x" - y<\/code>/);
  assert.match(r.html, /<pre><code>"block" - z\n<\/code><\/pre>/);
});

test('"#" headings in the body become level 2 with a warning', () => {
  const r = md('# Titel\n\n## Zwischen\n');
  assert.equal(r.html, '<h2>Titel</h2>\n<h2>Zwischen</h2>');
  assert.equal(r.diagnostics[0]!.rule, 'markdown/heading-level');
  assert.equal(r.diagnostics[0]!.line, 6);
});

test('plain text separates blocks and the quote from its speaker', () => {
  const r = md('Eins zwei.\n\n> "Drei."\n> — Vier Fünf\n');
  assert.equal(r.text, 'Eins zwei. „Drei.“ Vier Fünf');
});

test('a quote in emphasis still gets German quotation marks', () => {
  const r = md('> *Wir sind zufrieden.*\n> — Name, Rolle\n');
  assert.equal(r.html, '<figure class="quote"><blockquote>\n<p><em>„Wir sind zufrieden.“</em></p>\n</blockquote><figcaption><cite>Name</cite>, Rolle</figcaption></figure>');
});

test('diagnostics come grouped by rule, as when each rule walked the tree on its own', () => {
  const r = md('# Titel\n\n[x](javascript:y) <b>fett</b> [a](../../raus.md)\n\n<i>kursiv</i>\n');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.rule, d.line]),
    [
      ['markdown/raw-html', 8],
      ['markdown/raw-html', 8],
      ['markdown/raw-html', 10],
      ['markdown/raw-html', 10],
      ['markdown/unsafe-url', 8],
      ['link/outside-content', 8],
      ['markdown/heading-level', 6],
    ],
  );
});
