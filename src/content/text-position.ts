// Where an offset of a text stands, as editors count: line and column, both from 1 ("\n" ends a line).

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  // lastIndexOf from -1 would still look at index 0.
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}
