/**
 * A schema's text and the mapping from offsets to lines and columns.
 * Offsets are UTF-16 code-unit offsets (what JavaScript strings index); lines and columns are 1-based.
 */
import type { Span } from "./span.js";

export interface SourceFile {
  /** The path as the user gave it (used in messages). */
  readonly path: string;
  readonly text: string;
}

export interface LineCol {
  readonly line: number;
  readonly column: number;
}

const lineStartsCache = new WeakMap<SourceFile, number[]>();

function lineStarts(file: SourceFile): number[] {
  let starts = lineStartsCache.get(file);
  if (!starts) {
    starts = [0];
    const text = file.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    lineStartsCache.set(file, starts);
  }
  return starts;
}

/** `lineCol(file, 0)` → `{ line: 1, column: 1 }`. */
export function lineCol(file: SourceFile, offset: number): LineCol {
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1] ?? file.text.length;
  const end = line < starts.length ? starts[line]! : file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, "");
}

export function spanText(file: SourceFile, span: Span): string {
  return file.text.slice(span.start, span.end);
}

export const noSpan: Span = { start: 0, end: 0 };
