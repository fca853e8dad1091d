// The article title is the page's only level-1 heading; "#" headings in the body become level 2.
import type { Heading } from 'mdast';
import { warning } from '../../diagnostics.js';
import { positionIn } from './context.js';
import type { NodeRule } from './rules.js';

export const demoteTitleHeadings: NodeRule = {
  types: ['heading'],
  start: (context) => ({
    visit(node) {
      const heading = node as Heading;
      if (heading.depth !== 1) return undefined;
      heading.depth = 2;
      context.diagnostics.push(
        warning(context.file, 'markdown/heading-level', 'A "#" heading in the body was made a "##" heading: the title is the only level-1 heading. Write "##".', positionIn(context, heading)),
      );
      return undefined;
    },
  }),
};
