// Applies German typography to the prose of each block; code, inline code, URLs and HTML stay as written.
import type { Nodes, Parent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { germanTypography } from '../typography.js';
import type { Transform } from './context.js';

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const OPAQUE = new Set(['inlineCode', 'code', 'html', 'image', 'imageReference', 'break']);

export const typography: Transform = (tree) => {
  visit(tree, (node) => {
    if (!BLOCKS.has(node.type)) return;
    const texts: (Text | null)[] = [];
    collect(node as Parent, texts);
    const result = germanTypography(texts.map((t) => (t === null ? null : t.value)));
    texts.forEach((t, i) => {
      if (t) t.value = result[i] as string;
    });
    return 'skip';
  });
};

function collect(node: Parent, out: (Text | null)[]) {
  for (const child of node.children as Nodes[]) {
    if (child.type === 'text') out.push(child);
    else if (OPAQUE.has(child.type)) out.push(null);
    else if ('children' in child) collect(child as Parent, out);
  }
}
