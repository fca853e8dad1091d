// `blatt related <slug>`: the "Mehr zum Thema" of one article as the build chooses it, with the
// score of each automatic choice and why (shared topics, section, strongest shared terms).
import type { Config } from '../types.js';
import { factKey, type ArticleFact, type EditorLink, type PlaceFact, type SlugFact, type TermFact } from './facts.js';
import { DEFAULT_PARAMS, explain, type RelatedState } from './related/index.js';

/** What the report reads of a site just built (engine/pass.ts, `inspect`). */
export interface SiteQuery {
  config: Config;
  fact<T>(key: string): T | undefined;
  related(): RelatedState;
}

export function relatedReport(site: SiteQuery, slug: string): { ok: boolean; lines: string[] } {
  const owner = site.fact<SlugFact>(factKey.slug(slug));
  const article = owner ? site.fact<ArticleFact>(factKey.article(owner.relPath)) : undefined;
  if (!owner || !article) {
    return { ok: false, lines: [`No published article has the slug "${slug}". Slugs are file names without .md, or the "slug:" of the front-matter; use --drafts to include drafts and embargoed articles.`] };
  }
  const { relatedCount } = site.config;
  const lines = [`"Mehr zum Thema" for "${article.title}" (${article.file}), ${relatedCount} wanted:`];
  const place = (relPath: string) => site.fact<PlaceFact>(factKey.place(relPath));
  const term = (kind: 'tag' | 'section', s: string) => site.fact<TermFact>(factKey.term(kind, s))?.name ?? s;
  let n = 0;
  for (const link of site.fact<EditorLink[]>(factKey.editor(owner.relPath)) ?? []) {
    const target = 'article' in link ? place(link.article) : null;
    lines.push(`  ${++n}. ${target?.title ?? ('title' in link ? link.title : '')}  ${target?.url ?? ('url' in link ? (link.url ?? '(no link)') : '')}  [editor]`);
  }
  for (const c of explain(site.related(), owner.relPath)) {
    const target = place(c.key);
    lines.push(`  ${++n}. ${target?.title ?? c.key}  ${target?.url ?? ''}  [automatic, score ${c.score.toFixed(2)}]`);
    const why: string[] = [];
    if (c.sharedTags.length > 0) why.push(`shared topics: ${c.sharedTags.map((t) => term('tag', t)).join(', ')}`);
    if (c.sameSection) why.push(`same section: ${term('section', c.sameSection)}`);
    const terms = c.sharedTerms.slice(0, 6);
    if (terms.length > 0) why.push(`text (${c.sharedTerms.reduce((s, t) => s + t.score, 0).toFixed(2)}): ${terms.map((t) => `${t.stem} ${t.score.toFixed(2)}`).join(', ')}`);
    lines.push(`       ${why.join('; ') || 'no shared topics, section or terms'}`);
  }
  if (n === 0) lines.push('  (none)');
  if (n < relatedCount) {
    lines.push(`  No other article reaches the minimum score of ${DEFAULT_PARAMS.minScore} (each shared topic scores its rarity, the section ×${DEFAULT_PARAMS.sectionWeight}, text similarity ×${DEFAULT_PARAMS.textWeight}).`);
  }
  if (article.relatedExclude.length > 0) lines.push(`  Excluded by related_exclude: ${article.relatedExclude.join(', ')}`);
  return { ok: true, lines };
}
