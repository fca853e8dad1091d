// Slugs: lower-case ASCII with German transliteration (ä→ae, ö→oe, ü→ue, ß→ss).
import slugifyLibrary from '@sindresorhus/slugify';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_REMEMBERED = 10_000;
// The library rebuilds its replacement tables on every call; names (tags, authors, files) repeat.
const slugs = new Map<string, string>();

export function slugify(text: string): string {
  // A text that already is a slug comes back unchanged from the library: nothing in it is
  // transliterated, lower-cased or collapsed (a test pins this).
  if (SLUG.test(text)) return text;
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = slugifyLibrary(text.normalize('NFC'), { locale: 'de', decamelize: false });
    if (slugs.size >= MAX_REMEMBERED) slugs.clear();
    slugs.set(text, slug);
  }
  return slug;
}

/** The default slug of a content file: its base name without the extension. */
export function slugFromPath(relPath: string): string {
  const base = relPath.split('/').pop() ?? relPath;
  return slugify(base.replace(/\.(md|markdown)$/i, ''));
}

/** A slug an editor wrote must already be in canonical form, so URLs never change by surprise. */
export function isCanonicalSlug(slug: string): boolean {
  return SLUG.test(slug) && slug.length <= 200;
}
