import assert from 'node:assert/strict';
import { test } from 'node:test';
import { germanTypography } from '../../src/content/typography.js';

const t = (s: string) => germanTypography([s])[0];

test('English and straight double quotes become German „…“', () => {
  assert.equal(t('Er sagte "Hallo" und “Tschüss”.'), 'Er sagte „Hallo“ und „Tschüss“.');
});

test('German quotes stay German', () => {
  assert.equal(t('auf „gegenseitigem Vertrauen“ basieren'), 'auf „gegenseitigem Vertrauen“ basieren');
});

test('single quotes become ‚…‘ and apostrophes ’', () => {
  assert.equal(t("Er sagte 'nein', geht's?"), 'Er sagte ‚nein‘, geht’s?');
});

test('quotes spanning segments (e.g. around emphasis) pair up', () => {
  assert.deepEqual(germanTypography(['Er sagte "', 'sehr', '" laut.']), ['Er sagte „', 'sehr', '“ laut.']);
});

test('spaced hyphen becomes an en dash; ranges and compounds stay', () => {
  assert.equal(t('Moskau - Peking, UN-Sicherheitsrat, 9-17'), 'Moskau – Peking, UN-Sicherheitsrat, 9-17');
});

test('protected spaces in dates, abbreviations and units', () => {
  assert.equal(t('am 9. Mai, z. B. hier, 5 %'), 'am 9.\u00a0Mai, z.\u00a0B. hier, 5\u00a0%');
});

test('URLs are never changed', () => {
  assert.equal(t('siehe https://example.org/a--b"c - d'), 'siehe https://example.org/a--b"c – d');
});

test('inline code (null segment) is opaque', () => {
  assert.deepEqual(germanTypography(['Nutze ', null, ' - fertig']), ['Nutze ', null, ' – fertig']);
});
