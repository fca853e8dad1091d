// Node rules: the Markdown transforms that look at single nodes, run together in one walk of the
// tree instead of one walk each. A rule names the node types it wants; for each such node, in
// document order, the walk asks the rules in their order what to do. Diagnostics stay in the
// order separate walks gave: all of the first rule's, then all of the second's, and so on.
import type { Nodes, Parent, Root } from 'mdast';
import type { MarkdownContext } from './context.js';

/** Do not walk into the node's children. */
export const SKIP = Symbol('skip');

/**
 * What the walk does after a rule saw a node: `undefined` asks the next rule, then walks into
 * the node's children; `SKIP` leaves out the children; an index (the node was removed or
 * replaced) goes on at that index of the parent without asking further rules.
 */
export type Step = undefined | typeof SKIP | number;

export interface RuleRun {
  visit(node: Nodes, index: number, parent: Parent): Step;
  /** Called once after the walk, for work that needs the whole tree seen (optional). */
  finish?(tree: Root): void;
}

export interface NodeRule {
  types: readonly Nodes['type'][];
  /** State for one tree; its diagnostics go to `context.diagnostics`. */
  start(context: MarkdownContext): RuleRun;
}

/** Runs `rules` over `tree` in one walk. */
export function runRules(tree: Root, rules: readonly NodeRule[], context: MarkdownContext): void {
  const contexts = rules.map((): MarkdownContext => ({ ...context, diagnostics: [] }));
  const runs = rules.map((rule, i) => rule.start(contexts[i] as MarkdownContext));
  const runsByType = new Map<string, RuleRun[]>();
  rules.forEach((rule, i) => {
    for (const type of rule.types) {
      const list = runsByType.get(type) ?? [];
      list.push(runs[i] as RuleRun);
      runsByType.set(type, list);
    }
  });
  walkChildren(tree, (node, index, parent) => {
    for (const run of runsByType.get(node.type) ?? NONE) {
      const step = run.visit(node, index, parent);
      if (step !== undefined) return step;
    }
    return undefined;
  });
  for (const run of runs) run.finish?.(tree);
  for (const c of contexts) context.diagnostics.push(...c.diagnostics);
}

const NONE: RuleRun[] = [];

/** Visits every node below `parent` in document order (the node before its children). */
export function walkChildren(parent: Parent, visit: (node: Nodes, index: number, parent: Parent) => Step): void {
  let index = 0;
  while (index < parent.children.length) {
    const node = parent.children[index] as Nodes;
    const step = visit(node, index, parent);
    if (typeof step === 'number') {
      index = step;
      continue;
    }
    if (step !== SKIP && 'children' in node) walkChildren(node, visit);
    index++;
  }
}
