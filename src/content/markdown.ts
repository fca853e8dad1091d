// Markdown → sanitized HTML through remark + remark-html, with Blatt's transforms in between.
// Loaded lazily (see loadMarkdownRenderer): a warm build whose articles are all cached never pays
// for loading remark.
import type { Root } from 'mdast';
import type { Handlers } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import remarkHtml from 'remark-html';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { ArticleLink, Diagnostic, RelatedRef } from '../types.js';
import { articleLinks } from './remark/article-links.js';
import type { MarkdownContext } from './remark/context.js';
import { demoteTitleHeadings } from './remark/headings.js';
import { quoteBlocks, quoteFigureToHtml } from './remark/quote-blocks.js';
import { removeRawHtml } from './remark/raw-html.js';
import { relatedSection } from './remark/related-section.js';
import { runRules, type NodeRule } from './remark/rules.js';
import { typography } from './remark/typography.js';
import { removeUnsafeUrls } from './remark/unsafe-urls.js';

/** GitHub's sanitizing schema plus the quote figure. Raw HTML is removed before this runs anyway. */
const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'cite'],
  attributes: { ...defaultSchema.attributes, figure: [['className', 'quote']] },
};

/**
 * Order matters: unsafe URLs go before links are resolved; links to other articles before the
 * related lines are taken out (so `Mehr zum Thema – [Titel](datei.md)` is checked and resolved like
 * any link); quotes and related lines before typography. Each list of node rules is one walk.
 */
const CLEANUP: NodeRule[] = [removeRawHtml, removeUnsafeUrls, articleLinks, demoteTitleHeadings];
const PRESENTATION: NodeRule[] = [quoteBlocks, typography];

export interface RenderedMarkdown {
  html: string;
  text: string;
  links: ArticleLink[];
  related: RelatedRef[];
  diagnostics: Diagnostic[];
}

export type MarkdownRenderer = (body: string, where: { file: string; relPath: string; lineOffset: number }) => RenderedMarkdown;

export function createMarkdownRenderer(): MarkdownRenderer {
  const handlers = { quoteFigure: quoteFigureToHtml } as Handlers;
  const processor = remark().use(remarkHtml, { sanitize: SANITIZE_SCHEMA, handlers });
  return (body, where) => {
    const context: MarkdownContext = { ...where, diagnostics: [], links: [], related: [] };
    const tree = processor.parse(body) as Root;
    runRules(tree, CLEANUP, context);
    relatedSection(tree, context);
    runRules(tree, PRESENTATION, context);
    const html = String(processor.stringify(processor.runSync(tree) as Root)).trim();
    const text = plainText(tree);
    return { html, text, links: context.links, related: context.related, diagnostics: context.diagnostics };
  };
}

/** The prose of the body, one space between blocks, for reading time and similarity. */
function plainText(tree: Root): string {
  const parts: string[] = [];
  for (const block of tree.children) {
    // A quote figure holds the quote and its speaker: keep a space between them.
    const pieces = block.type === ('quoteFigure' as string) ? (block as unknown as { children: Root['children'] }).children : [block];
    for (const piece of pieces) parts.push(toString(piece, { includeHtml: false }));
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
