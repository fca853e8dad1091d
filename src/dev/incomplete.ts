// Recognizes a source file caught in the middle of a save: empty, or with front-matter that was
// opened but not yet closed. Pure; the dev server waits and reads such a file again.

export function looksIncomplete(text: string): boolean {
  if (text.trim() === '') return true;
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!body.startsWith('---')) return false;
  return !/\n---[ \t]*(\n|$)/.test(body.slice(3));
}
