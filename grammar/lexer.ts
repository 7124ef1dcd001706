/**
 * The `.dgen` lexer: one Chevrotain lexer with four modes (`main`; `template` for the text of a
 * backtick string; `interp` for an expression inside `{...}` of a template; `braced` for `{...}` nested
 * in an interpolation, so that its `}` does not end the interpolation).
 *
 * `lex("a / 2")` → tokens `Identifier Slash NumberLit`; `lex("@regex(/a/)")` → `At Identifier LParen RegexLit RParen`.
 */
import { Lexer, type ILexingResult } from "chevrotain";
import { lexerDefinition } from "./tokens.js";

export const dgenLexer = new Lexer(lexerDefinition, {
  positionTracking: "full",
  ensureOptimizations: false,
});

/** Tokenizes `text`; never throws. Malformed input shows up as `errors` and in `groups.bad`. */
export function lex(text: string): ILexingResult {
  return dgenLexer.tokenize(text);
}
