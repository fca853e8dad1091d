// A Markdown link to another content file (`[Text](andere-meldung.md)`) becomes a placeholder
// URL; once every article's URL is known the placeholder is replaced (see site/resolve-links.ts).
import { posix } from 'node:path';
import type { Definition, Link } from 'mdast';
import { error } from '../../diagnostics.js';
import { positionIn, type MarkdownContext } from './context.js';
import type { NodeRule } from './rules.js';
import { urlScheme } from './unsafe-urls.js';

export const LINK_PLACEHOLDER_PREFIX = '/__blatt_article__/';
const CONTENT_FILE = /\.(md|markdown)$/i;

export const articleLinks: NodeRule = {
  types: ['link', 'definition'],
  start: (context) => ({
    visit(node) {
      resolveArticleLink(node as Link | Definition, context);
      return undefined;
    },
  }),
};

function resolveArticleLink(link: Link | Definition, context: MarkdownContext) {
  if (urlScheme(link.url) !== null || link.url.startsWith('#')) return;
  const [pathAndQuery = '', fragment] = splitOnce(link.url, '#');
  const path = pathAndQuery.split('?')[0] ?? '';
  if (!CONTENT_FILE.test(path)) return;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const base = decoded.startsWith('/') ? '' : posix.dirname(context.relPath);
  const target = posix.normalize(posix.join(base, decoded.replace(/^\/+/, ''))).normalize('NFC');
  const position = positionIn(context, link);
  if (target.startsWith('../') || target === '..') {
    context.diagnostics.push(error(context.file, 'link/outside-content', `The link "${link.url}" points outside the content folder. Link to an article inside it.`, position));
    return;
  }
  context.links.push({ target, ...position });
  link.url = `${LINK_PLACEHOLDER_PREFIX}${encodeURIComponent(target)}${fragment === undefined ? '' : `#${fragment}`}`;
}

function splitOnce(s: string, separator: string): [string, string | undefined] {
  const i = s.indexOf(separator);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
