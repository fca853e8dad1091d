import type { Diagnostic, Severity } from './types.js';

export function diagnostic(
  severity: Severity,
  file: string,
  rule: string,
  message: string,
  position?: { line?: number; column?: number },
): Diagnostic {
  const d: Diagnostic = { severity, file, rule, message };
  if (position?.line !== undefined) d.line = position.line;
  if (position?.column !== undefined) d.column = position.column;
  return d;
}

export const error = (file: string, rule: string, message: string, position?: { line?: number; column?: number }) =>
  diagnostic('error', file, rule, message, position);

export const warning = (file: string, rule: string, message: string, position?: { line?: number; column?: number }) =>
  diagnostic('warning', file, rule, message, position);

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** Sorted by file, then line, then column, then rule: the order editors read them in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `content/x.md:4:7  error  message  [rule]` */
export function formatDiagnostic(d: Diagnostic): string {
  const position = d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  return `${d.file}${position}  ${d.severity}  ${d.message}  [${d.rule}]`;
}

/** GitHub Actions workflow command, so the problem shows on the changed line of a pull request. */
export function formatGithub(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  props.push(`title=${escapeProperty(d.rule)}`);
  return `::${d.severity} ${props.join(',')}::${escapeData(d.message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function summarize(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
