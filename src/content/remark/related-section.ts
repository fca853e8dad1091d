// The closing "Mehr zum Thema – <Titel>" paragraph(s) of an article are taken out of the body and
// become entries of the related-links section (matched to articles later, when all are known).
import type { Link, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { positionIn, type Transform } from './context.js';

const RELATED_LINE = /^\s*Mehr zum Thema\s*[–—:-]+\s*(\S.*?)\s*$/;

export function parseRelatedLine(line: string): string | null {
  const m = RELATED_LINE.exec(line);
  return m ? (m[1] as string) : null;
}

export const relatedSection: Transform = (tree, context) => {
  const taken = [];
  while (tree.children.at(-1)?.type === 'paragraph') {
    const paragraph = tree.children.at(-1) as Paragraph;
    const lines = toString(paragraph).split('\n');
    const titles = lines.map(parseRelatedLine);
    if (titles.some((t) => t === null)) break;
    const links = paragraph.children.filter((c): c is Link => c.type === 'link');
    const position = positionIn(context, paragraph);
    taken.unshift(
      ...titles.map((title, i) => ({
        kind: 'title' as const,
        title: title as string,
        url: links.find((l) => l.position?.start.line === (paragraph.position?.start.line ?? 0) + i)?.url ?? null,
        line: position.line + i,
        column: position.column,
      })),
    );
    tree.children.pop();
  }
  context.related.push(...taken);
};
