// Applies German typography to the prose of each block; code, inline code, URLs and HTML stay as written.
import type { Nodes, Parent, Text } from 'mdast';
import { germanTypography } from '../typography.js';
import { SKIP, type NodeRule } from './rules.js';

const OPAQUE = new Set(['inlineCode', 'code', 'html', 'image', 'imageReference', 'break']);

export const typography: NodeRule = {
  types: ['paragraph', 'heading', 'tableCell'],
  start: () => ({
    visit(node) {
      const texts: (Text | null)[] = [];
      collect(node as Parent, texts);
      const result = germanTypography(texts.map((t) => (t === null ? null : t.value)));
      texts.forEach((t, i) => {
        if (t) t.value = result[i] as string;
      });
      return SKIP;
    },
  }),
};

function collect(node: Parent, out: (Text | null)[]) {
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text') out.push(child);
    else if (OPAQUE.has(child.type)) out.push(null);
    else if ('children' in child) collect(child as Parent, out);
  }
}
