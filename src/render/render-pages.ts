// Page specs → output files. A template mistake becomes one diagnostic naming the template file,
// however many pages hit it.
import { error } from '../diagnostics.js';
import type { Diagnostic, OutputFile } from '../types.js';
import type { PageSpec } from '../site/plan.js';
import { TemplateError, type Templates } from './templates.js';

export function renderPage(spec: PageSpec, templates: Templates): string | Uint8Array {
  return spec.kind === 'file' ? spec.contents() : templates.render(spec.template, spec.context());
}

export function renderPages(specs: readonly PageSpec[], templates: Templates): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics = new Map<string, Diagnostic>();
  for (const spec of specs) {
    try {
      files.push({ path: spec.path, contents: renderPage(spec, templates) });
    } catch (e) {
      const d = renderDiagnostic(e, spec);
      // One diagnostic per template mistake (the message names the first page that hit it).
      const key = e instanceof TemplateError ? `${e.file}:${e.line}:${e.column}:${e.message}` : `${d.file}:${d.message}`;
      if (!diagnostics.has(key)) diagnostics.set(key, d);
    }
  }
  return { files, diagnostics: [...diagnostics.values()] };
}

export function renderDiagnostic(e: unknown, spec: PageSpec): Diagnostic {
  if (e instanceof TemplateError) {
    const pos = e.line === undefined ? undefined : { line: e.line, column: e.column ?? 1 };
    return error(e.file, 'template/render', `${e.message} (while rendering ${spec.path})`, pos);
  }
  throw e;
}
