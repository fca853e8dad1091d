import type { ArticleLink, Diagnostic, RelatedRef } from '../../types.js';
import type { Node } from 'unist';

/** What the Markdown transforms of one article report back, besides the changed tree. */
export interface MarkdownContext {
  /** Display path of the article, for diagnostics. */
  file: string;
  /** Path relative to the content root, for resolving links to other articles. */
  relPath: string;
  /** Added to a body line to get the file line (the front-matter comes first). */
  lineOffset: number;
  diagnostics: Diagnostic[];
  links: ArticleLink[];
  related: RelatedRef[];
}

export type Transform = (tree: import('mdast').Root, context: MarkdownContext) => void;

/** The file position of a node, or of the start of the body when the node has none. */
export function positionIn(context: MarkdownContext, node: Node | undefined): { line: number; column: number } {
  const start = node?.position?.start;
  return { line: (start?.line ?? 1) + context.lineOffset, column: start?.column ?? 1 };
}
