/**
 * Formatting: `dgen format` (compiler/format/format.ts) on the document's text, as one edit replacing
 * the whole text — the same bytes as `dgen format --stdout`. A file with syntax errors is left as it is
 * (no edits); its diagnostics already say why.
 *
 *   formatEdits(file)   // [{ range: <whole document>, newText: "dataset a { seed: 1 }\n" }] or []
 */
import type { TextEdit } from "vscode-languageserver";
import type { SourceFile } from "../../diagnostics/source.js";
import { formatSource } from "../format/format.js";
import { toRange } from "./positions.js";

export function formatEdits(file: SourceFile): TextEdit[] {
  const r = formatSource(file);
  if (r.text === undefined || r.text === file.text) return [];
  return [{ range: toRange(file, { start: 0, end: file.text.length }), newText: r.text }];
}
