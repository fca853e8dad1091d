// `blatt related <slug>`: the "Mehr zum Thema" of one article as the build chooses it, with the
// score of each automatic choice and why (shared topics, section, strongest shared terms).
import type { SiteModel } from './model.js';
import { explainRelated, MIN_SCORE } from './related.js';
import { WEIGHTS } from './related-index.js';

export function relatedReport(model: SiteModel, slug: string): { ok: boolean; lines: string[] } {
  const article = model.bySlug.get(slug);
  if (!article) {
    const hint = model.articles.length > 0 ? ` Slugs look like "${model.articles[0]?.slug}".` : '';
    return { ok: false, lines: [`No published article has the slug "${slug}".${hint} Use --drafts to include drafts and embargoed articles.`] };
  }
  const lines = [`"Mehr zum Thema" for "${article.title}" (${article.file}), ${model.config.relatedCount} wanted:`];
  const editor = article.relatedLinks.filter((l) => l.source === 'editor');
  let n = 0;
  for (const link of editor) lines.push(`  ${++n}. ${link.title}  ${link.url ?? '(no link)'}  [editor]`);
  const choices = explainRelated(model, article);
  for (const c of choices) {
    lines.push(`  ${++n}. ${c.article.title}  ${c.article.url}  [automatic, score ${c.score.toFixed(2)}]`);
    const why: string[] = [];
    if (c.sharedTags.length > 0) why.push(`shared topics: ${c.sharedTags.join(', ')}`);
    if (c.sameSection) why.push(`same section: ${c.sameSection}`);
    const terms = c.sharedTerms.slice(0, 6);
    if (terms.length > 0) why.push(`text (${c.sharedTerms.reduce((s, t) => s + t.score, 0).toFixed(2)}): ${terms.map((t) => `${t.stem} ${t.score.toFixed(2)}`).join(', ')}`);
    lines.push(`       ${why.join('; ') || 'no shared topics, section or terms'}`);
  }
  if (n === 0) lines.push('  (none)');
  if (n < model.config.relatedCount) {
    lines.push(`  No other article reaches the minimum score of ${MIN_SCORE} (each shared topic scores its rarity, the section ×${WEIGHTS.section}, text similarity ×${WEIGHTS.text}).`);
  }
  if (article.relatedExclude.length > 0) lines.push(`  Excluded by related_exclude: ${article.relatedExclude.join(', ')}`);
  return { ok: true, lines };
}
