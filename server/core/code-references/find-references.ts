import type { CodeReference } from "./scan-result";

/** Longer source lines (minified code) are cut to this many characters around the key. */
export const MAX_EXCERPT_LENGTH = 200;

/**
 * The references to known flag keys in one file's text, by compiled patterns
 * (reference-patterns.ts). A key found by several patterns at the same place counts once.
 */
export function findReferences(file: { path: string; text: string }, flagKeys: ReadonlySet<string>, patterns: readonly RegExp[]): CodeReference[] {
  const found = new Map<number, CodeReference>();
  let lines: LineStarts | undefined;
  for (const pattern of patterns) {
    let exact: RegExp | undefined;
    for (const match of file.text.matchAll(pattern)) {
      const flagKey = match.groups?.key;
      if (flagKey === undefined || !flagKeys.has(flagKey)) continue;
      // Where the key starts: asked of a copy with match indices, only for the few matches that are flags
      // (indices on every match of a pattern that matches every string literal would double the time).
      exact ??= new RegExp(pattern.source, "dy");
      exact.lastIndex = match.index;
      const start = exact.exec(file.text)?.indices?.groups?.key?.[0];
      if (start === undefined || found.has(start)) continue;
      lines ??= lineStarts(file.text);
      found.set(start, { flagKey, path: file.path, ...locate(file.text, lines, start) });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

type LineStarts = number[];

function lineStarts(text: string): LineStarts {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function locate(text: string, starts: LineStarts, offset: number): { line: number; column: number; text: string } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  const lineStart = starts[low]!;
  const lineEnd = low + 1 < starts.length ? starts[low + 1]! - 1 : text.length;
  return { line: low + 1, column: offset - lineStart + 1, text: excerpt(text.slice(lineStart, lineEnd), offset - lineStart) };
}

/** The trimmed line, or a window of it around the key when the line is very long. */
function excerpt(line: string, keyAt: number): string {
  const trimmed = line.trim();
  if (trimmed.length <= MAX_EXCERPT_LENGTH) return trimmed;
  const from = Math.max(0, keyAt - MAX_EXCERPT_LENGTH / 2);
  const to = Math.min(line.length, from + MAX_EXCERPT_LENGTH);
  return `${from > 0 ? "…" : ""}${line.slice(from, to).trim()}${to < line.length ? "…" : ""}`;
}
