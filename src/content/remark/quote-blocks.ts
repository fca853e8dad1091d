// A blockquote whose last line is an attribution ("— Name, Funktion" or "-- Name") becomes a quote
// figure: <figure class="quote"><blockquote>„…“</blockquote><figcaption><cite>Name</cite>, Funktion</figcaption></figure>.
import type { Element } from 'hast';
import type { Blockquote, Paragraph, Parent, PhrasingContent, Text } from 'mdast';
import type { Handler } from 'mdast-util-to-hast';
import type { NodeRule } from './rules.js';

const ATTRIBUTION = /^\s*(?:—|―|–|--)\s*(\S.*)$/;
const OPENING_QUOTES = /^[„"“”»«‚‘']+/;
const CLOSING_QUOTES = /[“”"«»‘’']+$/;

export interface Attribution {
  name: string;
  role: string | null;
}

export function parseAttribution(line: string): Attribution | null {
  const m = ATTRIBUTION.exec(line);
  if (!m) return null;
  const text = (m[1] as string).trim();
  const comma = text.indexOf(',');
  if (comma === -1) return { name: text, role: null };
  return { name: text.slice(0, comma).trim(), role: text.slice(comma + 1).trim() || null };
}

/** The walk goes on into the quote itself (its own quotes and prose), not into the new figure. */
export const quoteBlocks: NodeRule = {
  types: ['blockquote'],
  start: () => ({
    visit(node, index, parent) {
      wrapQuote(node as Blockquote, index, parent);
      return undefined;
    },
  }),
};

function wrapQuote(node: Blockquote, index: number, parent: Parent) {
  const attribution = takeAttribution(node);
  if (!attribution) return;
  wrapInGermanQuotes(node);
  const caption: PhrasingContent[] = [
    { type: 'emphasis', children: [{ type: 'text', value: attribution.name }], data: { hName: 'cite' } },
  ];
  if (attribution.role) caption.push({ type: 'text', value: `, ${attribution.role}` });
  const figure = {
    type: 'quoteFigure',
    children: [node, { type: 'quoteCaption', data: { hName: 'figcaption' }, children: caption }],
  };
  parent.children.splice(index, 1, figure as unknown as Blockquote);
}

/**
 * The quote figure as HTML: <figure class="quote">. Written out rather than given as
 * `data.hProperties`, which mdast-util-to-hast deep-copies with structuredClone for each figure.
 */
export const quoteFigureToHtml: Handler = (state, node) => {
  const figure: Element = { type: 'element', tagName: 'figure', properties: { className: ['quote'] }, children: state.all(node) };
  state.patch(node, figure);
  return figure;
};

/** Removes the attribution line from the end of the quote and returns it. */
function takeAttribution(quote: Blockquote): Attribution | null {
  const last = quote.children.at(-1);
  if (last?.type !== 'paragraph') return null;
  const tail = last.children.at(-1);
  if (tail?.type !== 'text') return null;
  const newline = tail.value.lastIndexOf('\n');
  const lineText = tail.value.slice(newline + 1);
  const attribution = parseAttribution(lineText);
  if (!attribution) return null;
  if (newline === -1 && last.children.length === 1) {
    if (quote.children.length === 1) return null; // nothing left to quote
    quote.children.pop();
  } else if (newline === -1) {
    return null; // the attribution line is not on a line of its own
  } else {
    tail.value = tail.value.slice(0, newline).trimEnd();
    if (tail.value === '') last.children.pop(); // the quote ended in emphasis or a link
  }
  return attribution;
}

/** The quote is shown in German quotation marks „…“, whatever marks the editor typed. */
function wrapInGermanQuotes(quote: Blockquote) {
  const paragraphs = quote.children.filter((c): c is Paragraph => c.type === 'paragraph');
  const first = firstText(paragraphs[0]);
  const last = lastText(paragraphs.at(-1));
  if (!first || !last) return;
  first.value = `„${first.value.replace(OPENING_QUOTES, '')}`;
  last.value = `${last.value.replace(CLOSING_QUOTES, '')}“`;
}

/** The first text of a paragraph, also inside emphasis, strong or a link (`> *„Zitat“*`). */
function firstText(p: Paragraph | undefined): Text | undefined {
  let c: PhrasingContent | undefined = p?.children[0];
  while (c && c.type !== 'text' && 'children' in c) c = c.children[0];
  return c?.type === 'text' ? c : undefined;
}

function lastText(p: Paragraph | undefined): Text | undefined {
  let c: PhrasingContent | undefined = p?.children.at(-1);
  while (c && c.type !== 'text' && 'children' in c) c = c.children.at(-1);
  return c?.type === 'text' ? c : undefined;
}
