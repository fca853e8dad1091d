// Case 12: property-based. Random Markdown and front-matter never crash the build; every input
// ends as a page or as a diagnostic naming its file.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { article, buildSite, tempSite, type TempSite } from '../helpers/site.js';

let site: TempSite;
before(() => {
  site = tempSite({ '2025/gut.md': article({ title: 'Gut' }) });
});
after(() => site.remove());

const markdownPiece = fc.oneof(
  fc.constantFrom('# ', '## ', '> ', '- ', '1. ', '* ', '**', '_', '`', '```\n', '[', ']', '(', ')', '<', '>', '![', '---\n', '\n', '\n\n', '|', '\\', '&amp;', '&#x0;', '"', '„', '“', ':', 'javascript:', 'http://x.de/', '{{', '}}', '<script>', '<!--', '-->', '\t', '    ', '\u00a0', '\u200b', '\r', 'Ü', 'ß', '🙂', '[^1]', '[x]: /y'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const markdown = fc.array(markdownPiece, { maxLength: 60 }).map((parts) => parts.join(''));

const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('2025-04-01', '2025-04-01T25:00', '0123', '~', '*a', '&a x', '!!js/function x', '[', '{', "'", '"', '#', '- x', '<<', '__proto__'));
const key = fc.constantFrom('title', 'date', 'updated', 'summary', 'author', 'authors', 'tags', 'section', 'slug', 'related', 'draft', 'image', 'canonical', '__proto__', 'constructor', '<<', 'x');
const yamlValue = (v: unknown) => (typeof v === "string" ? (v.length % 2 === 0 ? JSON.stringify(v) : v) : String(v));
const frontMatter = fc.array(fc.tuple(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))), { maxLength: 8 }).map((pairs) =>
  pairs.map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${yamlValue(x)}`).join('\n')}` : `${k}: ${yamlValue(v)}`)).join('\n'),
);

/** `fixedHead`: the front-matter is valid, so a successful build must contain the page. */
async function check(text: string, fixedHead = false) {
  site.write('content/2025/zufall.md', text);
  try {
    const result = await buildSite(site);
    const mine = result.diagnostics.filter((d) => d.file === 'content/2025/zufall.md');
    const page = result.files?.some((f) => f.path.endsWith('/zufall/index.html') || /\/\d\d\/[a-z0-9-]+\/index\.html$/.test(f.path) && String(f.contents).includes('zufall')) ?? false;
    if (result.files === null) {
      assert.ok(mine.some((d) => d.severity === 'error'), `failed without an error for the file: ${JSON.stringify(result.diagnostics)}\n${JSON.stringify(text)}`);
    } else {
      assert.ok(result.files.length > 0);
      if (fixedHead) assert.ok(result.files.some((f) => f.path === '2025/04/zufall/index.html'), `no page and no error: ${JSON.stringify(text)}`);
      else assert.ok(page || mine.length > 0 || /draft|date|updated/.test(text), `neither a page nor a diagnostic: ${JSON.stringify(text)}`);
    }
    for (const d of result.diagnostics) {
      assert.equal(typeof d.message, 'string');
      assert.doesNotMatch(d.message, /\n\s+at /, 'no stack trace in a message');
    }
  } finally {
    rmSync(join(site.content, '2025/zufall.md'), { force: true });
  }
}

test('random Markdown bodies never crash the build', async () => {
  await fc.assert(fc.asyncProperty(markdown, async (body) => check(`---\ntitle: "Zufall"\ndate: 2025-04-01\n---\n\n${body}\n`, true)), { numRuns: 120, seed: 20250402 });
});

test('random front-matter never crashes the build', async () => {
  await fc.assert(fc.asyncProperty(frontMatter, markdown, async (fm, body) => check(`---\n${fm}\n---\n\n${body}\n`)), { numRuns: 120, seed: 20250403 });
});

test('random bytes never crash the build', async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => check(Buffer.concat([Buffer.from('---\ntitle: "Z"\ndate: 2025-04-01\n---\n'), bytes]) as unknown as string)), { numRuns: 80, seed: 20250404 });
});
