// Page fingerprints: a hash of everything a page is made from, so a rebuild renders only the pages
// whose inputs changed (CI's warm builds, the dev server's edits). A page's fingerprint covers
// - the global signature: renderer version, every template, the asset URLs, the settings and the
//   `site` data every page shows (navigation);
// - its spec: kind, template, path and `key` (paging, headings, counts: what is not in its inputs);
// - the signature of every article it lists as an input: the article's source (parse key), its
//   URL and the data other articles give it (terms, resolved links; its "Mehr zum Thema" is in its
//   own page's key, the only page that shows it); or, for
//   pages that show only its teaser (lists), the teaser signature (`teaser:<relPath>`), and for
//   pages that show only where it is (sitemaps, other articles' links to it), the place
//   signature (`place:<relPath>`): an edit of the text alone touches neither, an edit of the
//   summary or the picture only the lists.
// A page that reads anything else must say so in its spec's `key` or `inputs`.
import { hash } from 'node:crypto';
import type { AssetFile, Config, SourceFile } from '../types.js';
import type { Article, SiteModel } from './model.js';
import type { PageSpec } from './page-spec.js';

/** Bumped whenever rendering changes in a way the inputs do not show (code, not data). */
export const RENDER_VERSION = 1;

const digest = (parts: readonly string[]) => hash('sha1', parts.join('\u0000'), 'base64url');

export function globalSignature(input: {
  templates: readonly SourceFile[];
  assets: readonly AssetFile[];
  assetUrls: ReadonlyMap<string, string>;
  config: Config;
  site: unknown;
  codeVersion: string;
}): string {
  return digest([
    `render:${RENDER_VERSION}`,
    input.codeVersion,
    ...input.templates.flatMap((t) => [t.relPath, t.text]),
    ...[...input.assetUrls].flat(),
    JSON.stringify(input.config),
    JSON.stringify(input.site),
  ]);
}

/** The input of a page that shows an article's teaser only: title, URL, summary, dates, image, authors, topics, section. */
export const teaserInput = (relPath: string): string => sharedInput(teaserInputs, 'teaser:', relPath);

/** The input of a page that shows only where an article is and what it is called: URL, title, dates, publication, topics, authors, section. */
export const placeInput = (relPath: string): string => sharedInput(placeInputs, 'place:', relPath);

/**
 * The article a page input names, and which of its signatures it reads: the article's own (its
 * relPath), its teaser's (teaserInput) or its place's (placeInput). Null for the settings, a
 * template or an asset.
 */
export function articleOfInput(input: string): { relPath: string; kind: 'article' | 'teaser' | 'place' } | null {
  if (input.startsWith('teaser:')) return { relPath: input.slice('teaser:'.length), kind: 'teaser' };
  if (input.startsWith('place:')) return { relPath: input.slice('place:'.length), kind: 'place' };
  if (input === 'settings' || input.startsWith('template:') || input.startsWith('asset:')) return null;
  return { relPath: input, kind: 'article' };
}

// One string per article, whichever pages list it: each list, the sitemap and the fingerprints
// look it up again, and a string that was hashed once is found without hashing it again.
function sharedInput(inputs: Map<string, string>, prefix: string, relPath: string): string {
  let input = inputs.get(relPath);
  if (input === undefined) {
    if (inputs.size > MAX_SHARED_INPUTS) inputs.clear();
    inputs.set(relPath, (input = `${prefix}${relPath}`));
  }
  return input;
}

const teaserInputs = new Map<string, string>();
const placeInputs = new Map<string, string>();
const MAX_SHARED_INPUTS = 1_000_000;

/** The signatures of each article, by relPath, teaserInput(relPath) and placeInput(relPath); `parseKeys` are the cache keys of their sources. */
export function articleSignatures(model: SiteModel, parseKeys: ReadonlyMap<string, string>): Map<string, string> {
  const urls = new Map(model.articles.map((a) => [a.relPath, a.url]));
  const urlOf = (relPath: string) => urls.get(relPath);
  const signatures = new Map<string, string>();
  for (const a of model.articles) {
    signatures.set(a.relPath, articleSignature(a, parseKeys.get(a.relPath) ?? a.html, urlOf));
    signatures.set(teaserInput(a.relPath), teaserSignature(a));
    signatures.set(placeInput(a.relPath), placeSignature(a));
  }
  return signatures;
}

/** Everything a teaser shows (see teaserView): its place, and its summary and picture. */
export function teaserSignature(a: Article): string {
  return digest([...placeParts(a), a.summary ?? '\u0001', JSON.stringify(a.image)]);
}

/**
 * Everything a link to the article shows (relatedView) and a sitemap reads of it (sitemaps.ts:
 * its URL, title and dates, and the lists it is on): the teaser without summary and picture.
 */
export function placeSignature(a: Article): string {
  return digest(placeParts(a));
}

function placeParts(a: Article): string[] {
  return [a.url, a.title, a.date.iso, a.updated?.iso ?? '', a.unpublished ? 'unpublished' : 'published', ...termParts(a)];
}

/** The signature of an article (by its relPath); `urlOf` gives the URL of a content path (its links). */
export function articleSignature(a: Article, parseKey: string, urlOf: (relPath: string) => string | undefined): string {
  return digest([
    parseKey,
    a.url,
    a.unpublished ? 'unpublished' : 'published',
    ...termParts(a),
    '|',
    ...a.links.map((l) => urlOf(l.target) ?? '-'),
  ]);
}

/** An article's authors, topics and section, as the signatures read them. */
function termParts(a: Article): string[] {
  const term = (t: { name: string; url: string }) => `${t.name}>${t.url}`;
  return [...a.authorTerms.map(term), '|', ...a.tagTerms.map(term), '|', a.sectionTerm ? term(a.sectionTerm) : ''];
}

export function pageFingerprint(spec: PageSpec, global: string, signatures: { get(input: string): string | undefined }): string {
  return digest([global, spec.kind, spec.kind === 'template' ? spec.template : '', spec.path, spec.key ?? '', ...spec.inputs.map((i) => signatures.get(i) ?? i)]);
}
