// The shapes that flow through the pipeline (see DESIGN.md): sources → parsed articles →
// site model → page specs → output files. Plain data only, so every stage is a pure function
// and every value can be cached or sent to a worker thread.

export type Severity = 'error' | 'warning';

/** One problem found in the user's input, positioned and tagged with a permanent rule id. */
export interface Diagnostic {
  severity: Severity;
  /** Path as the user sees it, relative to the working directory, e.g. `content/x.md`. */
  file: string;
  line?: number;
  column?: number;
  /** Permanent kebab-case id, e.g. `front-matter/yaml`. Never renamed. */
  rule: string;
  /** What happened and what to do, in one or two sentences. */
  message: string;
}

/** A text file read from disk. */
export interface SourceFile {
  /** Display path, relative to the working directory (posix separators). */
  path: string;
  /** Path relative to its root folder (content/ or templates/), posix separators, NFC. */
  relPath: string;
  text: string;
}

/** A binary file copied to the output (stylesheets, images, fonts). */
export interface AssetFile {
  path: string;
  relPath: string;
  bytes: Uint8Array;
}

/** What identifies an unchanged source file without reading it: its stat, and the hash of its text. */
/** What a build knows of an article file: its content-relative path, its stat stamp (see statStamp) and the hash of its bytes. */
export interface SourceStamp {
  relPath: string;
  stat: string;
  hash: string;
}

/** An article file as read: its bytes, decoded only when it is parsed (in a parse worker). */
export interface ArticleSource {
  path: string;
  relPath: string;
  bytes: Uint8Array;
}

/** An article file whose stamp matched the cache, so it was not read: known by its content hash. */
export interface SiteSources {
  config: SourceFile | null;
  /** The article files that were read: those whose stamp is new (every one, without stamps). */
  articles: ArticleSource[];
  /** Stamp of every article file, by display path, for the next build. */
  stamps: Map<string, SourceStamp>;
  templates: SourceFile[];
  assets: AssetFile[];
  /** Problems found while reading (unreadable files, bad encodings, links). */
  diagnostics: Diagnostic[];
}

export interface Config {
  title: string;
  description: string;
  baseUrl: string;
  language: string;
  locale: string;
  timeZone: string;
  publisher: { name: string; url: string | null; logo: { src: string; width: number; height: number } | null };
  defaultAuthor: string | null;
  perPage: number;
  feedLimit: number;
  feedContent: 'full' | 'summary';
  relatedCount: number;
}

/** An instant together with the wall-clock offset it had in the site's time zone. */
export interface ZonedDate {
  /** ISO 8601 with offset, e.g. `2025-04-01T00:00:00+02:00`. */
  iso: string;
  epochMs: number;
  year: number;
  month: number;
  day: number;
}

export interface ArticleImage {
  src: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}

/** An entry of "Mehr zum Thema" as the editor wrote it, before it is matched to articles. */
export type RelatedRef =
  | { kind: 'slug'; slug: string; line: number; column: number }
  | { kind: 'external'; title: string; url: string; line: number; column: number }
  | { kind: 'title'; title: string; url: string | null; line: number; column: number };

/** A Markdown link to another content file, found while rendering the body. */
export interface ArticleLink {
  /** Target path relative to the content root, posix, NFC. */
  target: string;
  line: number;
  column: number;
}

/** One article after parsing: depends only on its own file (and the time zone), so it is cacheable. */
export interface ParsedArticle {
  file: string;
  relPath: string;
  slug: string;
  title: string;
  date: ZonedDate;
  updated: ZonedDate | null;
  summary: string | null;
  authors: string[];
  tags: string[];
  section: string | null;
  related: RelatedRef[];
  relatedExclude: string[];
  draft: boolean;
  image: ArticleImage | null;
  /** Sanitized body HTML; links to other content files are placeholders (see article-links.ts). */
  html: string;
  links: ArticleLink[];
  /** The beginning of the body's plain text (TEXT_KEPT characters), for excerpts; kept short because it is cached. */
  text: string;
  wordCount: number;
  /** Stemmed terms of title and text for "Mehr zum Thema" (content/article-terms.ts), computed with the parse so they are cached. */
  terms?: { stems: string[]; counts: number[]; key: string };
}

export interface ParseResult {
  article: ParsedArticle | null;
  diagnostics: Diagnostic[];
}

/** A file of the finished site, path relative to the output folder (posix). */
export interface OutputFile {
  path: string;
  contents: string | Uint8Array;
  /** The page fingerprint it was rendered from (see site/fingerprint.ts), when known. */
  fingerprint?: string;
}
