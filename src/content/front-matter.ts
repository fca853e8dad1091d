// Front-matter: gray-matter splits the file; YAML is parsed by `yaml` with positions, so every
// diagnostic can name the line. Only YAML is accepted: gray-matter's JavaScript engine would eval
// the block, so every engine but ours throws, and the language is checked before gray-matter runs.
import matter from 'gray-matter';
import { error } from '../diagnostics.js';
import { positionOf } from './text-position.js';
import { parseYamlMap, type YamlMap } from './yaml.js';
import type { Diagnostic } from '../types.js';

export interface FrontMatter extends YamlMap {
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
}

export type FrontMatterResult = { ok: true; value: FrontMatter; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

const MAX_FRONT_MATTER_BYTES = 64 * 1024;
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

const parsedBlocks = new WeakMap<object, string>();

function refuse(language: string) {
  return () => {
    throw new Error(`front-matter language "${language}" is not allowed`);
  };
}

/** gray-matter engines: ours only records the YAML text; every other language is refused (never eval). */
const ENGINES = {
  yaml: { parse: keepSource, stringify: refuse('yaml') },
  yml: { parse: keepSource, stringify: refuse('yaml') },
  javascript: { parse: refuse('javascript'), stringify: refuse('javascript') },
  js: { parse: refuse('js'), stringify: refuse('js') },
  json: { parse: refuse('json'), stringify: refuse('json') },
  coffee: { parse: refuse('coffee'), stringify: refuse('coffee') },
  coffeescript: { parse: refuse('coffeescript'), stringify: refuse('coffeescript') },
  cson: { parse: refuse('cson'), stringify: refuse('cson') },
  toml: { parse: refuse('toml'), stringify: refuse('toml') },
};

function keepSource(source: string): object {
  const holder = {};
  parsedBlocks.set(holder, source);
  return holder;
}

/** Split and parse the front-matter of a Markdown file whose line endings are already `\n`. */
export function readFrontMatter(file: string, text: string): FrontMatterResult {
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (!firstLine.startsWith('---')) {
    const later = /^---[ \t]*$/m.exec(text);
    const message = later
      ? `Front-matter must start on line 1, but the first "---" is on line ${lineOf(text, later.index)}. Remove what stands before it.`
      : 'The file has no front-matter. Start it with a "---" line, then at least "title:" and "date:", then another "---" line.';
    return { ok: false, diagnostics: [error(file, 'front-matter/missing', message, { line: 1, column: 1 })] };
  }
  const language = firstLine.slice(3).trim().toLowerCase();
  if (!YAML_LANGUAGES.has(language)) {
    return {
      ok: false,
      diagnostics: [
        error(file, 'front-matter/language', `Front-matter language "${firstLine.slice(3).trim()}" is not allowed; only YAML is. Change the first line to "---".`, { line: 1, column: 4 }),
      ],
    };
  }
  const close = findClosingDelimiter(text, firstLineEnd);
  if (close.kind === 'missing') {
    return {
      ok: false,
      diagnostics: [error(file, 'front-matter/unclosed', 'The front-matter is never closed. Add a line with only "---" after the last field.', { line: 1, column: 1 })],
    };
  }
  if (close.kind === 'malformed') {
    return {
      ok: false,
      diagnostics: [
        error(file, 'front-matter/delimiter', `Line ${close.line} starts with "---" but is not a delimiter. A delimiter line holds exactly "---"; indent or quote other text.`, { line: close.line, column: 1 }),
      ],
    };
  }
  if (close.offset > MAX_FRONT_MATTER_BYTES) {
    return { ok: false, diagnostics: [error(file, 'front-matter/too-large', `The front-matter is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KiB. Keep long text in the body.`, { line: 1, column: 1 })] };
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(textUpToGrayMatterClose(text, firstLineEnd), { engines: ENGINES, language: "yaml" } as unknown as Parameters<typeof matter>[1]);
  } catch (e) {
    return { ok: false, diagnostics: [error(file, 'front-matter/yaml', `The front-matter could not be read: ${(e as Error).message}.`, { line: 1, column: 1 })] };
  }
  const yamlSource = parsedBlocks.get(parsed.data as object);
  if (yamlSource === undefined || yamlSource.trim() === '') {
    return { ok: false, diagnostics: [error(file, 'front-matter/empty', 'The front-matter is empty. Add at least "title:" and "date:".', { line: 1, column: 1 })] };
  }
  // gray-matter keeps the rest of line 1 in the block, so YAML's line numbers are the file's.
  const yaml = parseYamlMap(file, yamlSource);
  if (!yaml.ok) return yaml;
  const value: FrontMatter = {
    ...yaml.value,
    // The body starts on the line after the closing delimiter (gray-matter would keep trailing
    // spaces of a "--- " line as a first body line and shift every body line number by one).
    body: bodyAfter(text, close.offset),
    bodyLine: lineOf(text, close.offset) + 1,
  };
  return { ok: true, value, diagnostics: yaml.diagnostics };
}

type Close = { kind: 'found'; offset: number } | { kind: 'missing' } | { kind: 'malformed'; line: number };

/** The first line after line 1 that starts with `---` must be exactly `---` (gray-matter would accept `---x`). */
function findClosingDelimiter(text: string, firstLineEnd: number): Close {
  if (firstLineEnd === -1) return { kind: 'missing' };
  const re = /^---(.*)$/gm;
  re.lastIndex = firstLineEnd + 1;
  const m = re.exec(text);
  if (!m) return { kind: 'missing' };
  if (m[1]?.trim() !== '') return { kind: 'malformed', line: lineOf(text, m.index) };
  return { kind: 'found', offset: m.index };
}

/**
 * gray-matter ends the block at the first "\n---" after line 1 and reads nothing after it; only
 * the block is used here (the body is found above). Giving it the text up to there spares it
 * copying the whole file into a Buffer and hashing it as a cache key.
 */
function textUpToGrayMatterClose(text: string, firstLineEnd: number): string {
  const close = text.indexOf('\n---', firstLineEnd);
  return close === -1 ? text : text.slice(0, close + 4);
}

function bodyAfter(text: string, closeOffset: number): string {
  const end = text.indexOf('\n', closeOffset);
  return end === -1 ? '' : text.slice(end + 1);
}

const lineOf = (text: string, offset: number) => positionOf(text, offset).line;
