import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachWord } from '../../src/content/words.js';

const words = (text: string) => {
  const out: string[] = [];
  forEachWord(text, (w) => out.push(w));
  return out;
};
const bySplit = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

test('words are the runs of letters and digits, as the Unicode split gives them', () => {
  for (const text of ['', ' ', 'Grüße, Straße!', '„Zitat“ – 5 % mehr…', 'x²+y²', 'a\u0301b', '𝐀𝐁 c', 'lone \ud835 surrogate', '\udc00x', 'Ⅻ 漢字 ١٢٣', 'end.']) {
    assert.deepEqual(words(text), bySplit(text), JSON.stringify(text));
  }
});
