import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCanonicalSlug, slugFromPath, slugify } from '../../src/content/slug.js';

test('German transliteration: ä→ae, ö→oe, ü→ue, ß→ss', () => {
  assert.equal(slugify('Äpfel, Öl und Übermut'), 'aepfel-oel-und-uebermut');
  assert.equal(slugify('Straße'), 'strasse');
  assert.equal(slugify('Grüße aus Köln'), 'gruesse-aus-koeln');
});

test('NFD input gives the same slug as NFC', () => {
  assert.equal(slugify('Mu\u0308nchen'), 'muenchen');
});

test('punctuation and spaces collapse to single hyphens', () => {
  assert.equal(slugify('  „Putin“ – lobt   China! '), 'putin-lobt-china');
});

test('the default slug comes from the file name without extension', () => {
  assert.equal(slugFromPath('2025/putin-wang-yi-kreml.md'), 'putin-wang-yi-kreml');
  assert.equal(slugFromPath('Über Straßen.markdown'), 'ueber-strassen');
  assert.equal(slugFromPath('a/B.MD'), 'b');
});

test('canonical slugs', () => {
  assert.ok(isCanonicalSlug('putin-lobt-zusammenarbeit'));
  for (const bad of ['Putin', 'a--b', '-a', 'a-', 'ä', 'a/b', '', '../x']) assert.equal(isCanonicalSlug(bad), false, bad);
});

test('a text that already is a slug is its own slug, as the library makes it', async () => {
  const { default: slugifyLibrary } = await import('@sindresorhus/slugify');
  const fc = (await import('fast-check')).default;
  const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
      const slug = words.join('-');
      assert.equal(slugifyLibrary(slug, { locale: 'de', decamelize: false }), slug);
      assert.equal(slugify(slug), slug);
    }),
    { numRuns: 2000 },
  );
});

test('a name slugified again gives the same slug', () => {
  assert.equal(slugify('Außenpolitik & Sicherheit'), 'aussenpolitik-and-sicherheit');
  assert.equal(slugify('Außenpolitik & Sicherheit'), 'aussenpolitik-and-sicherheit');
});
