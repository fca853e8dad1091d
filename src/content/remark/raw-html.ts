// Raw HTML is never passed through: the sanitizer would drop it silently, so each piece is reported
// (comments excepted) and removed here, where its line is still known.
import type { Html, Parent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { warning } from '../../diagnostics.js';
import { positionIn, type Transform } from './context.js';

export const removeRawHtml: Transform = (tree, context) => {
  visit(tree, 'html', (node: Html, index, parent: Parent | undefined) => {
    if (!parent || index === undefined) return;
    if (!/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) {
      const snippet = node.value.trim().replace(/\s+/g, ' ').slice(0, 40);
      context.diagnostics.push(
        warning(context.file, 'markdown/raw-html', `Raw HTML "${snippet}" was removed: only Markdown is published. Use Markdown syntax instead.`, positionIn(context, node)),
      );
    }
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
};
