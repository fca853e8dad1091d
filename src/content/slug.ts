// Slugs: lower-case ASCII with German transliteration (ä→ae, ö→oe, ü→ue, ß→ss).
import slugifyLibrary from '@sindresorhus/slugify';

export function slugify(text: string): string {
  return slugifyLibrary(text.normalize('NFC'), { locale: 'de', decamelize: false });
}

/** The default slug of a content file: its base name without the extension. */
export function slugFromPath(relPath: string): string {
  const base = relPath.split('/').pop() ?? relPath;
  return slugify(base.replace(/\.(md|markdown)$/i, ''));
}

/** A slug an editor wrote must already be in canonical form, so URLs never change by surprise. */
export function isCanonicalSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 200;
}
