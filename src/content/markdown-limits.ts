// Limits checked on the Markdown text before remark sees it. Some inputs make the parser take
// seconds or overflow the stack (measured with remark 15: 300 nested list levels 6.7 s, 5,000 link
// reference definitions 8 s, 5,000 "**" runs in one paragraph 5.6 s, thousands of nested block
// quotes a stack overflow). No real article comes near these limits; each is an error naming the
// line, so one hostile file cannot stall or crash the build.
import { error } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';

export const MAX_QUOTE_DEPTH = 32;
/** Columns of indentation before a list marker (two or four per level). */
export const MAX_LIST_INDENT = 64;
export const MAX_DEFINITIONS = 200;
/** Emphasis, link and code delimiter runs in one paragraph. */
export const MAX_DELIMITER_RUNS = 1000;

export function checkMarkdownLimits(file: string, body: string, lineOffset: number): Diagnostic[] {
  const lines = body.split('\n');
  let definitions = 0;
  let runs = 0;
  let paragraphStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const at = (column = 1) => ({ line: i + 1 + lineOffset, column });
    const prefix = /^[ \t>]*/.exec(line)?.[0] ?? '';
    const quotes = prefix.split('>').length - 1;
    if (quotes > MAX_QUOTE_DEPTH) {
      return [error(file, 'markdown/too-deep', `Block quotes are nested ${quotes} levels deep here; at most ${MAX_QUOTE_DEPTH} are allowed. Remove the extra ">".`, at())];
    }
    const indent = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.exec(line.slice(prefix.lastIndexOf('>') + 1));
    if (indent && columns(indent[1] as string) > MAX_LIST_INDENT) {
      return [error(file, 'markdown/too-deep', `This list item is indented ${columns(indent[1] as string)} columns, nested too deeply; at most ${MAX_LIST_INDENT} columns are allowed. Flatten the list.`, at())];
    }
    if (/^ {0,3}\[[^\]]+\]:/.test(line) && ++definitions > MAX_DEFINITIONS) {
      return [error(file, 'markdown/too-many-definitions', `More than ${MAX_DEFINITIONS} link reference definitions ("[name]: url"). Write the links inline or split the article.`, at())];
    }
    if (line.trim() === '') {
      runs = 0;
      paragraphStart = -1;
      continue;
    }
    if (paragraphStart === -1) paragraphStart = i;
    runs += line.match(/[*_]+|`+|[[\]<]/g)?.length ?? 0;
    if (runs > MAX_DELIMITER_RUNS) {
      return [
        error(file, 'markdown/too-complex', `The paragraph starting on line ${paragraphStart + 1 + lineOffset} has more than ${MAX_DELIMITER_RUNS} emphasis, link or code marks (*, _, [, \`, <). Split it into paragraphs or escape the marks.`, at()),
      ];
    }
  }
  return [];
}

function columns(indent: string): number {
  let n = 0;
  for (const c of indent) n = c === '\t' ? n + 4 - (n % 4) : n + 1;
  return n;
}
