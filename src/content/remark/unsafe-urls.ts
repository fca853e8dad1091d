// Links and images may only point to http(s), mailto and tel URLs or to relative paths.
// Anything else (javascript:, vbscript:, data:, …) is reported and removed before rendering.
import type { Definition, Image, ImageReference, Link, LinkReference, Parent, PhrasingContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { warning } from '../../diagnostics.js';
import { positionIn, type Transform } from './context.js';

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

export const removeUnsafeUrls: Transform = (tree, context) => {
  const unsafeDefinitions = new Set<string>();
  visit(tree, (node, index, parent: Parent | undefined) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const target = node as Link | Image | Definition;
    if (isSafeUrl(target.url)) return;
    context.diagnostics.push(
      warning(
        context.file,
        'markdown/unsafe-url',
        `The URL "${target.url.slice(0, 60)}" was removed: only http(s), mailto and tel links and relative paths are allowed.`,
        positionIn(context, node),
      ),
    );
    if (!parent || index === undefined) return;
    if (node.type === 'link') {
      parent.children.splice(index, 1, ...((node as Link).children as PhrasingContent[]));
      return [SKIP, index];
    }
    if (node.type === 'image') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    unsafeDefinitions.add((node as Definition).identifier);
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  if (unsafeDefinitions.size === 0) return;
  // References to a removed definition: a link keeps its text, an image goes (no empty href/src).
  visit(tree, (node, index, parent: Parent | undefined) => {
    if ((node.type !== 'linkReference' && node.type !== 'imageReference') || !parent || index === undefined) return;
    const ref = node as LinkReference | ImageReference;
    if (!unsafeDefinitions.has(ref.identifier)) return;
    parent.children.splice(index, 1, ...(node.type === 'linkReference' ? ((ref as LinkReference).children as PhrasingContent[]) : []));
    return [SKIP, index];
  });
};
