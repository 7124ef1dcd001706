/**
 * Offsets ↔ LSP positions. The compiler's spans are UTF-16 code-unit offsets and LSP positions count
 * UTF-16 code units too (its default encoding, the only one this server offers), so a column is the
 * offset minus the line's start — text before it in any script, emoji included, counts as JavaScript
 * counts it. Lines break at \n, \r\n and a lone \r, in both `diagnostics/source.ts` and LSP.
 *
 *   toRange(file, { start: 4, end: 6 })   // { start: { line: 0, character: 4 }, end: { line: 0, character: 6 } }
 */
import type { Position, Range } from "vscode-languageserver";
import { lineCol, type SourceFile } from "../../diagnostics/source.js";
import type { Span } from "../../diagnostics/span.js";

export function toPosition(file: SourceFile, offset: number): Position {
  const at = lineCol(file, Math.max(0, Math.min(offset, file.text.length)));
  return { line: at.line - 1, character: at.column - 1 };
}

export function toRange(file: SourceFile, span: Span): Range {
  return { start: toPosition(file, span.start), end: toPosition(file, Math.max(span.start, span.end)) };
}

/** A position → an offset, clamped to the line (a character past its end is its end). */
export function toOffset(file: SourceFile, position: Position): number {
  const text = file.text;
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = nextBreak(text, offset);
    if (nl < 0) return text.length;
    offset = nl;
  }
  const end = lineEnd(text, offset);
  return Math.min(offset + Math.max(0, position.character), end);
}

/** The offset after the next line break from `from`, or -1. */
function nextBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}
