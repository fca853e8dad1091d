// Page specs → output files. A template mistake becomes one diagnostic naming the template file,
// however many pages hit it.
import { error } from '../diagnostics.js';
import type { Diagnostic, OutputFile } from '../types.js';
import type { PageSpec } from '../site/page-spec.js';
import { TemplateError, type Templates } from './templates.js';

export function renderPage(spec: PageSpec, templates: Templates): string | Uint8Array {
  return spec.kind === 'file' ? spec.contents() : templates.render(spec.template, spec.context());
}

/**
 * Renders one page at a time, so a writer can stream them to disk without holding the whole
 * site in memory. Template mistakes are appended to `diagnostics`, one per mistake (the message
 * names the first page that hit it); the pages they hit are skipped.
 */
export function* renderEach(specs: readonly PageSpec[], templates: Templates, diagnostics: Diagnostic[]): Generator<OutputFile> {
  const seen = new Set<string>();
  for (const spec of specs) {
    let contents: string | Uint8Array;
    try {
      contents = renderPage(spec, templates);
    } catch (e) {
      const d = renderDiagnostic(e, spec);
      const key = e instanceof TemplateError ? `${e.file}:${e.line}:${e.column}:${e.message}` : `${d.file}:${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(d);
      }
      continue;
    }
    yield { path: spec.path, contents };
  }
}

export function renderDiagnostic(e: unknown, spec: PageSpec): Diagnostic {
  if (e instanceof TemplateError) {
    const pos = e.line === undefined ? undefined : { line: e.line, column: e.column ?? 1 };
    return error(e.file, 'template/render', `${e.message} (while rendering ${spec.path})`, pos);
  }
  throw e;
}
