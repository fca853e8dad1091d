// "Mehr zum Thema – Titel" names an article by its title: titles match when they are equal after
// folding case, quotation marks, dashes and spaces.

export function titleKey(title: string): string {
  // Sources are NFC already (decode-source.ts); German has no locale-specific lower-casing.
  return title
    .toLowerCase()
    .replace(/[„“”"‚‘’'«»]|…|\.\.\./g, '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
