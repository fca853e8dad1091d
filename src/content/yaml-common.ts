// The common shape of front-matter, read fast. The `yaml` package (yaml.ts) reads a front-matter
// block in 0.13 ms on a warm core and about 0.5 ms in a busy parse worker, a tenth of a cold
// build's parse; js-yaml, which gray-matter brings along, takes a fifth of that. But js-yaml reads
// YAML 1.1 (`017` is octal, `1:30` a number, `yes` true) and keeps no positions. So it reads only
// the YAML that both read alike, with a schema of exactly the `yaml` package's core tags:
// - every line is blank, a key (a plain name) with or without a value, or list items (`- `);
// - values are single-line: a plain scalar that starts with no indicator and holds no ": ",
//   or a quoted string whose escapes are the common ones;
// - no tabs, comments, tags, anchors, aliases, directives, block scalars or flow collections;
// - keys of at most 1,000 characters that YAML reads as text (not `null` or `true`);
// - nothing on a line more indented than a scalar above it (which YAML would fold into it).
// Anything else, and anything js-yaml refuses, goes to the `yaml` package, which also gives every
// position and value source that is asked for (rarely: a diagnostic, a number where text is
// expected). Only the positions of list items (where "Mehr zum Thema" entries stand) are needed
// for every article; they are found on the lines here. tests/unit/yaml-common.test.ts compares
// both readers on every input it has.
import jsYaml from 'js-yaml';
import { positionOf } from './text-position.js';
import type { YamlMap } from './yaml.js';

/** One js-yaml type per tag (js-yaml keeps only the last type of a tag), trying the `yaml` package's core tests in its order. */
function coreTag(tag: string, forms: [RegExp, (source: string) => unknown][]): jsYaml.Type {
  return new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (source: string | null) => source !== null && forms.some(([test]) => test.test(source)),
    construct: (source: string) => {
      for (const [test, value] of forms) if (test.test(source)) return value(source);
      return source;
    },
  });
}

/** YAML 1.2's core schema as the `yaml` package has it (its schema/core and schema/common/null). */
const CORE_SCHEMA = new jsYaml.Schema({
  include: [jsYaml.FAILSAFE_SCHEMA],
  implicit: [
    coreTag('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    coreTag('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
    coreTag('int', [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ]),
    coreTag('float', [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
    ]),
  ],
});

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/;
const NOT_TEXT_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;
const SINGLE_QUOTED = /^'(?:[^']|'')*'$/;
/** A plain scalar: no indicator first (a minus only before a character other than a space or minus), and nothing YAML reads specially in it. */
const PLAIN = /^(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|-(?=[^\s-]))[^\t#[\]{}]*$/;

interface Line {
  indent: number;
  /** Offsets where the content of each `- ` item on the line starts (empty for none). */
  items: number[];
  /** The key at the line's top level (after any items), or null. */
  key: string | null;
}

/** The lines of `source` when all of it is in the common shape, else null. */
function commonLines(source: string): Line[] | null {
  if (/[\t\r]/.test(source)) return null;
  const lines: Line[] = [];
  let start = 0;
  // Columns a line may be indented by at most, after a line that ended in a scalar.
  let maxIndent = Infinity;
  for (const text of source.split('\n')) {
    const line = readLine(text, start);
    start += text.length + 1;
    if (line === undefined) continue; // blank
    if (line === null || line.indent > maxIndent) return null;
    maxIndent = line.nextIndent;
    lines.push(line);
  }
  return lines;
}

function readLine(text: string, start: number): (Line & { nextIndent: number }) | null | undefined {
  let i = 0;
  while (text[i] === ' ') i++;
  if (i === text.length) return undefined;
  const indent = i;
  const items: number[] = [];
  // Items: "- " (or a lone "-" at the end), any number of them.
  while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
    i++;
    while (text[i] === ' ') i++;
    items.push(start + i);
  }
  const rest = text.slice(i);
  if (rest === '') return { indent, items, key: null, nextIndent: Infinity };
  const key = KEY.exec(rest);
  if (key) {
    // YAML allows an implicit key at most 1024 characters before its ":" (js-yaml does not check);
    // a key YAML reads as null or a boolean becomes "" or "true" in the yaml package's data, and
    // "null" or "true" in js-yaml's.
    if (key[1] === '__proto__' || (key[1] as string).length > 1000 || NOT_TEXT_KEY.test(key[1] as string)) return null;
    const value = rest.slice(key[0].length).trimStart();
    if (value === '') return { indent, items, key: key[1] as string, nextIndent: Infinity };
    // After "key: value" the next line may stand no deeper than the key.
    return isScalar(value) ? { indent, items, key: key[1] as string, nextIndent: i } : null;
  }
  // A scalar item ("- text"); without an item marker the line would continue a scalar above.
  if (items.length === 0 || !isScalar(rest)) return null;
  return { indent, items, key: null, nextIndent: i - 1 };
}

function isScalar(value: string): boolean {
  const text = value.trimEnd();
  if (text[0] === '"') return DOUBLE_QUOTED.test(text);
  if (text[0] === "'") return SINGLE_QUOTED.test(text);
  return PLAIN.test(text) && !/: |:$/.test(text);
}

/** A mapping of the common shape, read by js-yaml; null when the text is not in that shape or js-yaml refuses it. */
export function readCommonYaml(source: string): { data: Record<string, unknown>; lines: Line[] } | null {
  const lines = commonLines(source);
  if (!lines) return null;
  let data: unknown;
  try {
    data = jsYaml.load(source, { schema: CORE_SCHEMA, json: false });
  } catch {
    return null;
  }
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return null;
  return { data: data as Record<string, unknown>, lines };
}

/**
 * The YamlMap of a mapping read by readCommonYaml. `full` reads the same text with the `yaml`
 * package, for what is asked rarely; it is called at most once.
 */
export function commonYamlMap(read: { data: Record<string, unknown>; lines: Line[] }, source: string, lineOffset: number, full: () => YamlMap): YamlMap {
  let fullMap: YamlMap | undefined;
  const slow = () => (fullMap ??= full());
  const { data, lines } = read;
  return {
    data,
    positionOf(path) {
      if (path.length === 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
        const at = itemStart(lines, path[0], path[1], data);
        if (at !== null) {
          const { line, column } = positionOf(source, at);
          return { line: line + lineOffset, column };
        }
      }
      return slow().positionOf(path);
    },
    plainSource(path) {
      // The source is asked for when a scalar is not text; text and missing values have none.
      let value: unknown = data;
      for (const step of path) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
      return value === undefined || typeof value === 'string' ? null : slow().plainSource(path);
    },
  };
}

/** Offset of the content of item `index` of the list under the top-level `key`, or null when the lines do not show it plainly. */
function itemStart(lines: readonly Line[], key: string, index: number, data: Record<string, unknown>): number | null {
  const list = data[key];
  if (!Array.isArray(list)) return null;
  const at = lines.findIndex((l) => l.indent === 0 && l.items.length === 0 && l.key === key);
  if (at === -1) return null;
  const starts: number[] = [];
  let column = -1;
  for (let k = at + 1; k < lines.length; k++) {
    const line = lines[k] as Line;
    if (line.indent === 0 && line.items.length === 0) break; // the next top-level key
    if (line.items.length === 0) continue;
    if (column === -1) column = line.indent;
    if (line.indent === column) starts.push(line.items[0] as number);
  }
  if (starts.length !== list.length || list[index] === null) return null;
  return starts[index] ?? null;
}
