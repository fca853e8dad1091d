// Links and images may only point to http(s), mailto and tel URLs or to relative paths.
// Anything else (javascript:, vbscript:, data:, …) is reported and removed before rendering.
import type { Definition, Image, Link, PhrasingContent, Root } from 'mdast';
import { warning } from '../../diagnostics.js';
import { positionIn } from './context.js';
import { walkChildren, type NodeRule } from './rules.js';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** The scheme of a URL as a browser would read it (control characters and spaces ignored), or null if relative. */
export function urlScheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return m ? (m[1] as string) : null;
}

export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === null || SAFE_SCHEMES.has(scheme);
}

export const removeUnsafeUrls: NodeRule = {
  types: ['link', 'image', 'definition'],
  start(context) {
    const unsafeDefinitions = new Set<string>();
    return {
      visit(node, index, parent) {
        const target = node as Link | Image | Definition;
        if (isSafeUrl(target.url)) return undefined;
        context.diagnostics.push(
          warning(
            context.file,
            'markdown/unsafe-url',
            `The URL "${target.url.slice(0, 60)}" was removed: only http(s), mailto and tel links and relative paths are allowed.`,
            positionIn(context, node),
          ),
        );
        if (node.type === 'link') {
          parent.children.splice(index, 1, ...(node.children as PhrasingContent[]));
          return index;
        }
        if (node.type === 'definition') unsafeDefinitions.add(node.identifier);
        parent.children.splice(index, 1);
        return index;
      },
      finish(tree) {
        if (unsafeDefinitions.size > 0) removeReferences(tree, unsafeDefinitions);
      },
    };
  },
};

/** References to a removed definition: a link keeps its text, an image goes (no empty href/src). */
function removeReferences(tree: Root, identifiers: ReadonlySet<string>) {
  walkChildren(tree, (node, index, parent) => {
    if ((node.type !== 'linkReference' && node.type !== 'imageReference') || !identifiers.has(node.identifier)) return undefined;
    parent.children.splice(index, 1, ...(node.type === 'linkReference' ? (node.children as PhrasingContent[]) : []));
    return index;
  });
}
