// What an article says about other articles, checked against the site: its slug is its own, its
// links lead to articles, and its "Mehr zum Thema" entries name articles (by slug, file or
// title). Reads the site through `reads`, so a check is done again exactly when something it
// looked at changed (an article of that title appears, a linked article is deleted).
import { LINK_PLACEHOLDER_PREFIX } from '../content/remark/article-links.js';
import { error, warning } from '../diagnostics.js';
import type { Reads } from '../engine/reads.js';
import type { Diagnostic } from '../types.js';
import type { Entry } from './entry.js';
import { factKey, type ArticleFact, type EditorLink, type PlaceFact, type SlugFact } from './facts.js';
import { titleKey } from './title-key.js';

export interface ArticleCheck {
  diagnostics: Diagnostic[];
  /** "Mehr zum Thema" as the editor wrote it, matched; null for an article that is not published. */
  editor: EditorLink[] | null;
}

export function checkArticle(entry: Entry, reads: Reads): ArticleCheck {
  const diagnostics: Diagnostic[] = [];
  const owner = reads.fact<SlugFact | null>(factKey.slug(entry.slug));
  if (owner && owner.relPath !== entry.relPath) {
    diagnostics.push(error(entry.file, 'output/collision', `The slug "${entry.slug}" is already used by ${owner.file}. Two articles cannot share a URL: set a different "slug:" in one of them.`, { line: 1, column: 1 }));
    return { diagnostics, editor: null };
  }
  const self = reads.fact<ArticleFact>(factKey.article(entry.relPath));
  if (!self) return { diagnostics, editor: null };
  for (const link of entry.links) {
    const target = reads.fact<PlaceFact | null>(factKey.place(link.target));
    if (target === undefined) {
      diagnostics.push(error(entry.file, 'link/missing-article', `The link to "${link.target}" points to no article. Check the file name (paths are relative to this file).`, link));
    } else if (target === null && !self.unpublished) {
      diagnostics.push(warning(entry.file, 'link/unpublished-article', `The link to "${link.target}" points to a draft or embargoed article; it is shown as plain text until that article is published.`, link));
    }
  }
  return { diagnostics, editor: editorLinks(entry, self, reads, diagnostics) };
}

/** The editor's "Mehr zum Thema" entries matched to articles, each once, never the article itself. */
function editorLinks(entry: Entry, self: ArticleFact, reads: Reads, diagnostics: Diagnostic[]): EditorLink[] {
  const links: EditorLink[] = [];
  const seen = new Set<string>([self.url]);
  const add = (link: EditorLink, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  const published = (relPath: string | null | undefined) => {
    const place = relPath ? reads.fact<PlaceFact | null>(factKey.place(relPath)) : null;
    return place && relPath ? { relPath, place } : null;
  };
  const bySlug = (slug: string) => reads.fact<SlugFact | null>(factKey.slug(slug)) ?? null;
  for (const ref of entry.related) {
    if (ref.kind === 'external') {
      add({ title: ref.title, url: ref.url }, ref.url);
    } else if (ref.kind === 'slug') {
      const owner = bySlug(ref.slug);
      const target = published(owner?.relPath);
      if (target) add({ article: target.relPath }, target.place.url);
      else if (owner) {
        if (!self.unpublished) diagnostics.push(warning(entry.file, 'related/unpublished', `The related article "${ref.slug}" is a draft or embargoed; it is left out until it is published.`, ref));
      } else {
        diagnostics.push(error(entry.file, 'related/missing', `"related" names "${ref.slug}", but no article has that slug. Use the slug of an existing article (its file name without .md).`, ref));
      }
    } else {
      // `Mehr zum Thema – [Titel](datei.md)`: the link names the article (a missing file is already a link error).
      const linked = ref.url?.startsWith(LINK_PLACEHOLDER_PREFIX) ? published(decodeURIComponent(ref.url.slice(LINK_PLACEHOLDER_PREFIX.length).split('#')[0] ?? '')) : null;
      const target = linked ?? published(reads.fact<string | null>(factKey.title(titleKey(ref.title)))) ?? published(bySlug(ref.title.trim())?.relPath);
      if (target) add({ article: target.relPath }, target.place.url);
      else if (ref.url && /^https?:\/\//i.test(ref.url)) add({ title: ref.title, url: ref.url }, ref.url);
      else {
        diagnostics.push(
          warning(entry.file, 'related/unmatched-title', `"Mehr zum Thema – ${ref.title}" matches no article title or slug; it is shown as text without a link. Correct the title or link it: Mehr zum Thema – [Titel](datei.md).`, ref),
        );
        add({ title: ref.title, url: null }, ref.title);
      }
    }
  }
  return links;
}
