// The article title is the page's only level-1 heading; "#" headings in the body become level 2.
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { warning } from '../../diagnostics.js';
import { positionIn, type Transform } from './context.js';

export const demoteTitleHeadings: Transform = (tree, context) => {
  visit(tree, 'heading', (node: Heading) => {
    if (node.depth !== 1) return;
    node.depth = 2;
    context.diagnostics.push(
      warning(context.file, 'markdown/heading-level', 'A "#" heading in the body was made a "##" heading: the title is the only level-1 heading. Write "##".', positionIn(context, node)),
    );
  });
};
