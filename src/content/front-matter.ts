// Front-matter: gray-matter splits the file; YAML is parsed by `yaml` with positions, so every
// diagnostic can name the line. Only YAML is accepted: gray-matter's JavaScript engine would eval
// the block, so every engine but ours throws, and the language is checked before gray-matter runs.
import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { error, warning } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** Where a key (or nested key path) of the front-matter stands in the file. */
  positionOf(path: readonly (string | number)[]): { line: number; column: number };
  /** The text a plain (unquoted) scalar was written as, when YAML gave it another type. */
  plainSource(path: readonly (string | number)[]): string | null;
}

export type FrontMatterResult = { ok: true; value: FrontMatter; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

const MAX_FRONT_MATTER_BYTES = 64 * 1024;
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

const documents = new WeakMap<object, { doc: Document; lines: LineCounter }>();

function refuse(language: string) {
  return () => {
    throw new Error(`front-matter language "${language}" is not allowed`);
  };
}

/** gray-matter engines: ours for YAML, refusal for everything else (never eval). */
const ENGINES = {
  yaml: { parse: parseYaml, stringify: refuse('yaml') },
  yml: { parse: parseYaml, stringify: refuse('yaml') },
  javascript: { parse: refuse('javascript'), stringify: refuse('javascript') },
  js: { parse: refuse('js'), stringify: refuse('js') },
  json: { parse: refuse('json'), stringify: refuse('json') },
  coffee: { parse: refuse('coffee'), stringify: refuse('coffee') },
  coffeescript: { parse: refuse('coffeescript'), stringify: refuse('coffeescript') },
  cson: { parse: refuse('cson'), stringify: refuse('cson') },
  toml: { parse: refuse('toml'), stringify: refuse('toml') },
};

function parseYaml(source: string): object {
  const lines = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter: lines,
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    prettyErrors: true,
    strict: true,
  });
  const holder = {};
  documents.set(holder, { doc, lines });
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
    parsed = matter(text, { engines: ENGINES, language: "yaml" } as unknown as Parameters<typeof matter>[1]);
  } catch (e) {
    return { ok: false, diagnostics: [error(file, 'front-matter/yaml', `The front-matter could not be read: ${(e as Error).message}.`, { line: 1, column: 1 })] };
  }
  const entry = documents.get(parsed.data as object);
  if (!entry) {
    return { ok: false, diagnostics: [error(file, 'front-matter/missing', 'The front-matter is empty. Add at least "title:" and "date:".', { line: 1, column: 1 })] };
  }
  const { doc, lines } = entry;
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const what = e.message.split(/ at line \d+|:\n/)[0] ?? e.message;
    diagnostics.push(error(file, 'front-matter/yaml', `YAML error: ${what}. Check the indentation and quote values that contain ": " or start with a special character.`, { line: pos.line, column: pos.col }));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { ok: false, diagnostics: [error(file, 'front-matter/not-a-map', 'The front-matter must be a list of "key: value" lines.', { line: 2, column: 1 })] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, diagnostics: [error(file, 'front-matter/yaml', `YAML error: ${(e as Error).message}. Avoid aliases (*name) in front-matter.`, { line: 2, column: 1 })] };
  }
  warnAboutDroppedComments(doc, lines, file, diagnostics);

  const position = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  const bodyLine = lineOf(text, close.offset) + 1;
  const value: FrontMatter = {
    data: (data ?? {}) as Record<string, unknown>,
    body: parsed.content.replace(/^\n/, ''),
    bodyLine,
    positionOf(path) {
      for (let i = path.length; i > 0; i--) {
        const node = doc.getIn(path.slice(0, i), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) {
          // Point at the key for top-level fields, the value otherwise.
          if (i === 1 && isMap(doc.contents)) {
            const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === path[0]);
            const key = pair?.key as { range?: [number, number, number] } | undefined;
            if (key?.range) return position(key.range[0]);
          }
          return position(node.range[0]);
        }
      }
      return { line: 2, column: 1 };
    },
    plainSource(path) {
      const node = doc.getIn(path, true);
      if (isScalar(node) && node.type === 'PLAIN' && typeof node.value !== 'string' && typeof node.source === 'string') return node.source;
      return null;
    },
  };
  return { ok: true, value, diagnostics };
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

function warnAboutDroppedComments(doc: Document, lines: LineCounter, file: string, out: Diagnostic[]) {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    const value = pair.value;
    if (isScalar(value) && value.type === 'PLAIN' && value.comment && value.range) {
      const line = lines.linePos(value.range[1]).line;
      const startLine = lines.linePos(value.range[0]).line;
      if (line === startLine) {
        const key = isScalar(pair.key) ? String(pair.key.value) : 'value';
        const p = lines.linePos(value.range[1]);
        out.push(
          warning(file, 'front-matter/comment-in-value', `Everything after " #" in "${key}" is a YAML comment and was dropped. Put the value in quotes to keep the "#".`, { line: p.line, column: p.col }),
        );
      }
    }
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
