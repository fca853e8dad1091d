// German typography for prose: „…“ and ‚…‘ quotes (English curly quotes too), the spaced en dash,
// the ellipsis, and protected spaces in "9. Mai", "z. B." and "5 %". Works on a run of text
// segments (the text nodes of one paragraph) so quotes may open in one segment and close in
// another; `null` stands for an opaque inline element such as code, which is never changed.

const NBSP = '\u00a0';
const MONTHS = 'Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan\\.|Feb\\.|Mrz\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sep\\.|Sept\\.|Okt\\.|Nov\\.|Dez\\.';
const DATE_SPACE = new RegExp(`(\\b\\d{1,2}\\.)[ \\t]+(?=(?:${MONTHS})(?![\\p{L}]))`, 'gu');
const ABBREVIATIONS = /\b(z|d|u|v|o|s|i|m|n|e)\.[ \u00a0]?(B|h|a|U|Ä|ä|o|u|d|W|Chr|R)\.(?=$|[\s,;:!?)])/g;
const UNIT_SPACE = /(\d)[ \t]+(%|‰|€|\$|Euro|Prozent|Mio\.|Mrd\.|km|kg|Uhr|Grad|°C)(?![\p{L}])/gu;
const SPACED_DASH = /(\S)[ \t]+(?:-{1,3}|—)[ \t]+(?=\S)/g;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;

const DOUBLE = new Set(['"', '“', '”', '„']);
const QUOTE_CHARS = /["“”„'‘’‚]/g;
const OPENING_CONTEXT = /[\s([{\u2013\u2014/\u00a0„‚-]/u;

export function germanTypography(segments: readonly (string | null)[]): (string | null)[] {
  let prev = '';
  let openSingles = 0;
  return segments.map((segment, index) => {
    if (segment === null) {
      prev = 'x';
      return null;
    }
    const nextSegment = segments[index + 1];
    const out = mapOutsideUrls(segment, (part, partIndex, whole) => {
      const text = replaceInline(part);
      // Only quotation marks need their neighbours; everything else was replaced above.
      return text.replace(QUOTE_CHARS, (c: string, i: number) => {
        const before = i === 0 ? (partIndex === 0 ? prev : whole[partIndex - 1] ?? '') : (text[i - 1] as string);
        const after = i + 1 < text.length ? (text[i + 1] as string) : whole[partIndex + part.length] ?? firstChar(nextSegment);
        if (DOUBLE.has(c)) return c === '„' || isOpening(before, after) ? '„' : '“';
        if (c === '‚') {
          openSingles++;
          return '‚';
        }
        if (isWordChar(before) && isWordChar(after)) return '’';
        if (isOpening(before, after) && !/\d/.test(after)) {
          openSingles++;
          return '‚';
        }
        if (openSingles > 0 && !isOpening(before, after)) {
          openSingles--;
          return '‘';
        }
        return '’';
      });
    });
    if (out.length > 0) prev = out[out.length - 1] as string;
    return out;
  });
}

function replaceInline(text: string): string {
  return text
    .replace(/\.\.\./g, '…')
    .replace(SPACED_DASH, `$1 – `)
    .replace(/^(?:-{2,3}|—)[ \t]+/, '– ')
    .replace(/^([ \t]+)(?:-{1,3}|—)[ \t]+(?=\S)/, '$1– ')
    .replace(DATE_SPACE, `$1${NBSP}`)
    .replace(ABBREVIATIONS, `$1.${NBSP}$2.`)
    .replace(UNIT_SPACE, `$1${NBSP}$2`);
}

/** Applies `fn` to the parts of `text` that are not URLs; URLs stay exactly as written. */
function mapOutsideUrls(text: string, fn: (part: string, index: number, whole: string) => string): string {
  if (!text.includes('://') && !/www\./i.test(text)) return fn(text, 0, text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_LIKE)) {
    out += fn(text.slice(last, m.index), last, text) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + fn(text.slice(last), last, text);
}

function isOpening(before: string, after: string): boolean {
  return (before === '' || OPENING_CONTEXT.test(before)) && after !== '' && !/\s/.test(after);
}

function isWordChar(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}]/u.test(c);
}

function firstChar(segment: string | null | undefined): string {
  if (segment === null) return 'x';
  return segment?.[0] ?? '';
}
