// The text of a new article for `blatt new "Titel"`: front-matter filled in, a draft. Pure: the
// CLI passes the clock and the settings and writes the file.
import { slugify } from './slug.js';
import { zonedDate } from './dates.js';

export interface NewArticleInput {
  title: string;
  /** Now, in ms since the epoch. */
  now: number;
  timeZone: string;
  /** `default_author` of the site settings, if any. */
  author: string | null;
}

export type NewArticle = { ok: true; relPath: string; text: string } | { ok: false; message: string };

export function newArticle(input: NewArticleInput): NewArticle {
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (title === '') return { ok: false, message: 'The title is empty. Write it in quotes: blatt new "Titel des Artikels".' };
  const slug = slugify(title);
  if (slug === '') return { ok: false, message: `"${title}" gives no usable file name. Use a title with letters or digits.` };
  const date = zonedDate(input.now, input.timeZone);
  const lines = [
    '---',
    `title: ${quote(title)}`,
    `date: ${quote(date.iso)}`,
    'summary: ""',
    'tags: []',
    input.author === null ? '# author: "Vorname Nachname"' : `author: ${quote(input.author)}`,
    'draft: true',
    '---',
    '',
    '',
  ];
  return { ok: true, relPath: `${date.year}/${slug}.md`, text: lines.join('\n') };
}

/** A YAML double-quoted scalar (JSON's escapes are valid YAML). */
const quote = (s: string) => JSON.stringify(s);
