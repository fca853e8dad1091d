// YAML with positions, for front-matter and the site settings: the `yaml` package's core schema
// (YAML 1.2: no timestamps, no merge keys), unique keys, a bound on aliases, and a way back from
// a key path to the line and column it was written at.
import { createRequire } from 'node:module';
import type * as YamlPackage from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { error, warning } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import { commonYamlMap, readCommonYaml } from './yaml-common.js';

// The yaml package is loaded when first needed: most front-matter is read without it
// (yaml-common.ts), and loading it took about 40 ms of every process, parse workers included.
// (A dependency's version is part of the code version through npm's lock file, so it keys the
// caches whether it is bundled or not.)
const requireModule = createRequire(import.meta.url);
let loaded: typeof YamlPackage | undefined;
const yamlPackage = (): typeof YamlPackage => (loaded ??= requireModule('yaml') as typeof YamlPackage);

export interface Position {
  line: number;
  column: number;
}

export interface YamlMap {
  data: Record<string, unknown>;
  /** Where a key (or nested key path) stands; the nearest existing ancestor when it is missing. */
  positionOf(path: readonly (string | number)[]): Position;
  /** The text a plain (unquoted) scalar was written as, when YAML gave it a non-text type. */
  plainSource(path: readonly (string | number)[]): string | null;
}

export type YamlResult = { ok: true; value: YamlMap; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** `lineOffset` is added to YAML's 1-based lines, for YAML embedded in a larger file. */
export function parseYamlMap(file: string, source: string, lineOffset = 0): YamlResult {
  // Most front-matter is read by js-yaml in a fifth of the time (yaml-common.ts), with the same data.
  const common = readCommonYaml(source);
  if (common) {
    const full = (): YamlMap => {
      const read = parseWithPositions(file, source, lineOffset);
      return read.ok ? read.value : { data: common.data, positionOf: () => ({ line: 1 + lineOffset, column: 1 }), plainSource: () => null };
    };
    return { ok: true, value: commonYamlMap(common, source, lineOffset, full), diagnostics: [] };
  }
  return parseWithPositions(file, source, lineOffset);
}

/** The `yaml` package's reading, with positions, comments and every diagnostic. */
export function parseWithPositions(file: string, source: string, lineOffset = 0): YamlResult {
  const { isMap, isScalar, LineCounter, parseDocument, visit } = yamlPackage();
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, schema: 'core', merge: false, uniqueKeys: true, prettyErrors: true, strict: true });
  const position = (offset: number | undefined): Position => {
    const p = lines.linePos(offset ?? 0);
    return { line: p.line + lineOffset, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const what = e.message.split(/ at line \d+|:\n/)[0] ?? e.message;
    diagnostics.push(
      /Maximum call stack/.test(what)
        ? error(file, 'yaml/too-deep', 'The YAML is nested too deeply to be read. Front-matter needs at most a few levels of lists and maps.', position(e.pos[0]))
        : error(file, 'yaml/syntax', `YAML error: ${what}. Check the indentation, and quote values that contain ": " or start with a special character.`, position(unclosedFlowStart(doc, e.pos[0]) ?? e.pos[0])),
    );
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  // Explicit tags (!!js/function, !!binary, !foo …) and merge keys (<<) are refused, not half-applied.
  const refuseTag = (node: Node) => {
    if (node.tag) diagnostics.push(error(file, 'yaml/tag', `The YAML tag "${node.tag.replace('tag:yaml.org,2002:', '!!')}" is not allowed. Remove it and write the value as plain text in quotes.`, position(node.range?.[0])));
  };
  const refuseMergeKey = (pair: Pair) => {
    if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
      diagnostics.push(error(file, 'yaml/merge-key', 'Merge keys ("<<") are not supported. Write the fields out.', position(pair.key.range?.[0])));
    }
  };
  if (!checkShallowNodes(doc.contents, refuseTag, refuseMergeKey)) {
    // Deep nesting: yaml's own walk, whose stack overflow is reported as before.
    diagnostics.length = 0;
    try {
      visit(doc, { Node: (_, node) => refuseTag(node), Pair: (_, pair) => refuseMergeKey(pair) });
    } catch {
      diagnostics.push(error(file, 'yaml/too-deep', 'The YAML is nested too deeply to be read. Front-matter needs at most a few levels of lists and maps.', position(0)));
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { ok: false, diagnostics: [error(file, 'yaml/not-a-map', 'Expected "key: value" lines.', position((doc.contents as { range?: [number, number, number] }).range?.[0]))] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, diagnostics: [error(file, 'yaml/too-deep', 'The YAML is nested too deeply to be read. Front-matter needs at most a few levels of lists and maps.', position(0))] };
    return { ok: false, diagnostics: [error(file, 'yaml/aliases', `YAML error: ${(e as Error).message}. Write values out instead of using aliases (*name).`, position(0))] };
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const value = pair.value;
      if (isScalar(value) && value.type === 'PLAIN' && value.comment && value.range) {
        const end = position(value.range[1]);
        if (end.line === position(value.range[0]).line) {
          const key = isScalar(pair.key) ? String(pair.key.value) : 'value';
          diagnostics.push(
            warning(file, 'yaml/comment-in-value', `Everything after " #" in "${key}" is a YAML comment and was dropped. Put the value in quotes to keep the "#".`, end),
          );
        }
      }
    }
  }
  const value: YamlMap = {
    data: (data ?? {}) as Record<string, unknown>,
    positionOf(path) {
      if (path.length === 1 && isMap(doc.contents)) {
        const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === path[0]);
        const key = pair?.key as { range?: [number, number, number] } | undefined;
        if (key?.range) return position(key.range[0]);
      }
      for (let i = path.length; i > 0; i--) {
        const node = doc.getIn(path.slice(0, i), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return position(node.range[0]);
      }
      return position(0);
    },
    plainSource(path) {
      const node = doc.getIn(path, true);
      if (isScalar(node) && node.type === 'PLAIN' && typeof node.value !== 'string' && typeof node.source === 'string') return node.source;
      return null;
    },
  };
  return { ok: true, value, diagnostics };
}

/** Deeper than this, yaml's own `visit` runs instead (front-matter is a few levels deep). */
const MAX_SHALLOW_DEPTH = 64;

/**
 * Calls `onNode` and `onPair` in the order yaml's `visit` would (a node before its items, a pair
 * before its key and value) without its frozen copy of the path at every node. Returns false
 * when the nesting is deeper than MAX_SHALLOW_DEPTH; the calls made until then are to be undone.
 */
function checkShallowNodes(contents: unknown, onNode: (node: Node) => void, onPair: (pair: Pair) => void): boolean {
  const { isCollection, isNode, isPair } = yamlPackage();
  const check = (node: unknown, depth: number): boolean => {
    if (depth > MAX_SHALLOW_DEPTH) return false;
    if (isNode(node)) onNode(node);
    if (isPair(node)) {
      onPair(node);
      return check(node.key, depth + 1) && check(node.value, depth + 1);
    }
    return !isCollection(node) || node.items.every((item) => check(item, depth + 1));
  };
  return check(contents, 0);
}

/**
 * An unclosed `[` or `{` is only noticed on the next line; point at the bracket instead (the
 * collection the parser gave up on ends exactly where the error is).
 */
function unclosedFlowStart(doc: Document, errorOffset: number): number | null {
  const { isCollection, visit } = yamlPackage();
  let start: number | null = null;
  visit(doc, {
    Node(_key, node) {
      if (isCollection(node) && node.flow && node.range && node.range[1] === errorOffset) start = node.range[0];
    },
  });
  return start;
}
