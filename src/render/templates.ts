// Handlebars templates in an isolated environment: page templates (templates/*.hbs), layouts
// (templates/layouts/*.hbs) and partials (templates/partials/*.hbs). Checked when compiled: unknown
// helpers and partials, unquoted attributes holding expressions, and triple-stash outside the
// article body are errors naming the template file; a field missing at render time is too.
import Handlebars from 'handlebars';
import { error } from '../diagnostics.js';
import type { Diagnostic, SourceFile } from '../types.js';
import { createHelpers, HELPER_NAMES } from './helpers.js';

export const REQUIRED_PAGES = ['article', 'home', 'list', 'archive', 'topics', '404'];
/** The only values that may be output unescaped: HTML that Blatt produced and sanitized. */
const RAW_ALLOWED = new Set(['html', 'this.html']);
/** Blatt's helpers and Handlebars' own block helpers. */
const KNOWN_HELPERS = new Set([...HELPER_NAMES, 'if', 'unless', 'each', 'with', 'lookup', 'log']);

export interface Templates {
  /** Renders a page template; throws TemplateError with the template file on a mistake. */
  render(page: string, context: object): string;
  has(page: string): boolean;
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export function compileTemplates(sources: readonly SourceFile[], options: { timeZone: string; assets: ReadonlyMap<string, string> }): { templates: Templates | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const env = Handlebars.create();
  const helpers = createHelpers({ ...options, SafeString: env.SafeString });
  env.registerHelper(helpers);
  const compileOptions = {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((h) => [h, true])),
    noEscape: false,
  };
  const partialNames = new Set<string>();
  const pages = new Map<string, { file: string; fn: Handlebars.TemplateDelegate }>();
  const parsed: { source: SourceFile; name: string; kind: 'page' | 'partial'; ast: hbs.AST.Program }[] = [];

  for (const source of sources) {
    const m = /^(?:(layouts|partials)\/)?([a-z0-9-]+)\.hbs$/.exec(source.relPath);
    if (!m) {
      diagnostics.push(error(source.path, 'template/location', 'Templates are templates/<name>.hbs (pages), templates/layouts/<name>.hbs or templates/partials/<name>.hbs, with lower-case names.'));
      continue;
    }
    try {
      // Parsed once: the checks below read this tree, and compiling (on first use) takes it as it
      // is and applies whitespace control to it, instead of parsing the text a second time.
      const ast = env.parseWithoutProcessing(source.text);
      const kind = m[1] ? 'partial' : 'page';
      parsed.push({ source, name: m[2] as string, kind, ast });
      if (kind === 'partial') partialNames.add(m[2] as string);
    } catch (e) {
      diagnostics.push(templateDiagnostic(source.path, e));
    }
  }
  for (const { source, name, kind, ast } of parsed) {
    const before = diagnostics.length;
    checkTemplate(source, ast, partialNames, diagnostics);
    if (diagnostics.length > before) continue;
    // Compiled on first use: a build that renders nothing never pays for it. Everything compiling
    // could reject (syntax, unknown helpers) has been checked on the parsed template above.
    const fn = env.compile(ast, compileOptions);
    const located = (context: unknown, runtime?: Handlebars.RuntimeOptions) => {
      try {
        return fn(context, runtime);
      } catch (e) {
        throw e instanceof TemplateError ? e : toTemplateError(source.path, e);
      }
    };
    if (kind === 'partial') env.registerPartial(name, located as unknown as Handlebars.Template);
    else pages.set(name, { file: source.path, fn: located });
  }
  for (const page of REQUIRED_PAGES) {
    if (!pages.has(page) && !sources.some((s) => s.relPath === `${page}.hbs`)) {
      diagnostics.push(error(`templates/${page}.hbs`, 'template/missing', `The page template "${page}.hbs" is missing from the templates folder.`));
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { templates: null, diagnostics };
  return {
    templates: {
      has: (page) => pages.has(page),
      render(page, context) {
        const entry = pages.get(page);
        if (!entry) throw new TemplateError(`The page template "${page}.hbs" is missing.`, `templates/${page}.hbs`);
        return entry.fn(context);
      },
    },
    diagnostics,
  };
}

/** Static checks that Handlebars itself does not make. */
function checkTemplate(source: SourceFile, ast: hbs.AST.Program, partials: ReadonlySet<string>, out: Diagnostic[]) {
  const visitor = new Handlebars.Visitor();
  const at = (node: hbs.AST.Node) => ({ line: node.loc.start.line, column: node.loc.start.column + 1 });
  visitor.PartialStatement = function (node: hbs.AST.PartialStatement) {
    checkPartial(node.name, node);
    return Handlebars.Visitor.prototype.PartialStatement.call(this, node);
  };
  visitor.PartialBlockStatement = function (node: hbs.AST.PartialBlockStatement) {
    checkPartial(node.name, node);
    return Handlebars.Visitor.prototype.PartialBlockStatement.call(this, node);
  };
  visitor.MustacheStatement = function (node: hbs.AST.MustacheStatement) {
    checkHelper(node, false);
    if (node.escaped === false) {
      const path = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
      const isHelperCall = node.params.length > 0;
      if (!isHelperCall && !RAW_ALLOWED.has(path)) {
        out.push(error(source.path, 'template/unescaped', `"{{{${path}}}}" outputs unescaped HTML. Only the article body ("{{{html}}}") may; use "{{${path}}}".`, at(node)));
      }
    }
    return Handlebars.Visitor.prototype.MustacheStatement.call(this, node);
  };
  const checkHelper = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, isBlock: boolean) => {
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const callsHelper = isBlock || node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (callsHelper && !KNOWN_HELPERS.has(name)) {
      out.push(error(source.path, 'template/unknown-helper', `The helper "${name}" does not exist. Available helpers: ${[...KNOWN_HELPERS].join(', ')}.`, at(node)));
    }
  };
  visitor.BlockStatement = function (node: hbs.AST.BlockStatement) {
    checkHelper(node, true);
    return Handlebars.Visitor.prototype.BlockStatement.call(this, node);
  };
  visitor.SubExpression = function (node: hbs.AST.SubExpression) {
    checkHelper(node, false);
    return Handlebars.Visitor.prototype.SubExpression.call(this, node);
  };
  function checkPartial(name: hbs.AST.PathExpression | hbs.AST.SubExpression, node: hbs.AST.Node) {
    if (name.type !== 'PathExpression') return;
    const partial = (name as hbs.AST.PathExpression).original;
    if (partial !== '@partial-block' && !partials.has(partial)) {
      out.push(error(source.path, 'template/missing-partial', `The partial "${partial}" does not exist. Create templates/partials/${partial}.hbs or fix the name.`, at(node)));
    }
  }
  visitor.accept(ast);
  const lines = source.text.split('\n');
  lines.forEach((text, i) => {
    const m = /\s[a-zA-Z:-]+=\{\{/.exec(text);
    if (m) {
      out.push(error(source.path, 'template/unquoted-attribute', 'An attribute value holding an expression must be in quotes, e.g. href="{{url}}", so a value with a space cannot add attributes.', { line: i + 1, column: m.index + 2 }));
    }
  });
}

function templateDiagnostic(file: string, e: unknown): Diagnostic {
  const t = toTemplateError(file, e);
  const pos = t.line === undefined ? undefined : { line: t.line, column: t.column ?? 1 };
  return error(t.file, 'template/syntax', t.message, pos);
}

function toTemplateError(file: string, e: unknown): TemplateError {
  const err = e as Error & { lineNumber?: number; column?: number };
  let message = (err?.message ?? String(e)).split('\n')[0] ?? '';
  const lineMatch = /on line (\d+)/.exec(err?.message ?? '') ?? /- (\d+):(\d+)$/.exec(message);
  const line = err.lineNumber ?? (lineMatch ? Number(lineMatch[1]) : undefined);
  const column = err.column !== undefined ? err.column + 1 : lineMatch?.[2] ? Number(lineMatch[2]) + 1 : undefined;
  message = message.replace(/ - \d+:\d+$/, '');
  const notDefined = /^"([^"]+)" not defined in/.exec(message);
  if (notDefined) message = `The template uses "${notDefined[1]}", which this page's data does not have. Check the spelling or guard it with {{#if}}.`;
  const missingHelper = /helper (?:named )?"?([\w-]+)"?/i.exec(message);
  if (/knownHelpersOnly|Missing helper/i.test(message) && missingHelper) message = `The helper "${missingHelper[1]}" does not exist. Available helpers: ${HELPER_NAMES.join(', ')}.`;
  return new TemplateError(message, file, line, column);
}

/** A template mistake found while rendering `page`, as a diagnostic naming the template file. */
export function renderDiagnostic(e: TemplateError, page: { path: string }): Diagnostic {
  const pos = e.line === undefined ? undefined : { line: e.line, column: e.column ?? 1 };
  return error(e.file, 'template/render', `${e.message} (while rendering ${page.path})`, pos);
}
