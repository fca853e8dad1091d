// A page spec: one output file of the site, known before anything is rendered: its path, the
// template or producer that makes it, and what it reads (for incremental rendering).

export interface SpecBase {
  /** Output path relative to the output folder, posix. */
  path: string;
  /** What the page reads: article relPaths, `template:<name>`, `asset:<name>`, `settings`. */
  inputs: readonly string[];
  /** What else the page shows that its inputs do not determine (page number, counts, headings); see fingerprint.ts. */
  key?: string;
}
export interface TemplatePage extends SpecBase {
  kind: 'template';
  template: string;
  context: () => object;
  /**
   * For lists: the context besides `site` and `teasers` (one teaser per input `teaser:<relPath>`,
   * in order), so a later build can make the page again from the teasers alone (build-quick.ts).
   */
  listHead?: () => object;
}
export interface ProducedFile extends SpecBase {
  kind: 'file';
  contents: () => string | Uint8Array;
  /** For feeds: what, besides its articles (the inputs after `settings`), the feed is made from (render/feeds.ts). */
  feed?: FeedRecipe;
}
export interface FeedRecipe {
  folder: string;
  title: string;
  description: string;
}
export type PageSpec = TemplatePage | ProducedFile;
