/**
 * `formatSource`: the canonical layout of a schema's text (layout.ts), or the diagnostics that stop it.
 * Pure. A file with a syntax error is not formatted (its tokens are not known for sure); the result is
 * lexed again and must hold the same tokens and comments as the input, or nothing is returned.
 *
 *   formatSource({ path: "a.dgen", text: "dataset a{seed:1}\n" })
 *   // { text: "dataset a { seed: 1 }\n", diagnostics: [] }
 */
import type { IToken } from "chevrotain";
import { parseCst } from "../../grammar/index.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { SourceFile } from "../../diagnostics/source.js";
import { parseSchema } from "../parse.js";
import { layout } from "./layout.js";

export interface FormatResult {
  /** The formatted text; absent when `diagnostics` holds an error. */
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export function formatSource(file: SourceFile): FormatResult {
  const errors = parseSchema(file).diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { diagnostics: errors };
  const before = parseCst(file.text);
  const text = layout(file.text, before.tokens, before.comments);
  const after = parseCst(text);
  if (signature(after.tokens, after.comments) !== signature(before.tokens, before.comments))
    return { diagnostics: [diag(messages.formatWouldChangeTokens, { start: 0, end: 0 }, [file.path])] };
  return { text, diagnostics: [] };
}

/** The kinds and texts of the tokens and comments, in order: what formatting must not change. */
function signature(tokens: readonly IToken[], comments: readonly IToken[]): string {
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  return JSON.stringify(all.map((tk) => [tk.tokenType.name, tk.image]));
}
