// Raw HTML is never passed through: the sanitizer would drop it silently, so each piece is reported
// (comments excepted) and removed here, where its line is still known.
import type { Html } from 'mdast';
import { warning } from '../../diagnostics.js';
import { positionIn } from './context.js';
import type { NodeRule } from './rules.js';

export const removeRawHtml: NodeRule = {
  types: ['html'],
  start: (context) => ({
    visit(node, index, parent) {
      const html = node as Html;
      if (!/^\s*<!--[\s\S]*-->\s*$/.test(html.value)) {
        const snippet = html.value.trim().replace(/\s+/g, ' ').slice(0, 40);
        context.diagnostics.push(
          warning(context.file, 'markdown/raw-html', `Raw HTML "${snippet}" was removed: only Markdown is published. Use Markdown syntax instead.`, positionIn(context, html)),
        );
      }
      parent.children.splice(index, 1);
      return index;
    },
  }),
};
