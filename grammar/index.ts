/**
 * The `.dgen` grammar: tokens, lexer and parser, producing a concrete syntax tree. Imports nothing from
 * `compiler/`; `compiler/ast/build-ast.ts` turns the CST into the AST.
 *
 * `parseCst('dataset d { seed: 1 }')` → `{ cst: <schemaFile node>, lexErrors: [], parseErrors: [], ... }`.
 */
import type { CstNode, ILexingError, IRecognitionException, IToken } from "chevrotain";
import { lex } from "./lexer.js";
import { NestingTooDeep } from "./nesting.js";
import { dgenParser } from "./parser.js";

export interface CstResult {
  /** The `schemaFile` node; partial (with `recoveredNode` marks) where the parser recovered. */
  readonly cst: CstNode;
  readonly lexErrors: readonly ILexingError[];
  readonly parseErrors: readonly IRecognitionException[];
  /** The tokens the parser saw (comments and whitespace dropped). */
  readonly tokens: readonly IToken[];
  /** Malformed trivia the parser never sees (an unterminated block comment). */
  readonly badTokens: readonly IToken[];
  /** The line and block comments, which the parser never sees; `dgen format` keeps them. */
  readonly comments: readonly IToken[];
  /** The token where nesting passed `maxNesting`; parsing stopped there and `cst` is empty. */
  readonly tooDeep?: IToken;
  /** Set only on a bug in the grammar itself; the caller reports it as an internal error. */
  readonly internalError?: string;
}

/** Lexes and parses `text`; never throws. */
export function parseCst(text: string): CstResult {
  const lexed = lex(text);
  const badTokens = lexed.groups["bad"] ?? [];
  const comments = lexed.groups["comments"] ?? [];
  try {
    dgenParser.nesting.reset();
    dgenParser.input = lexed.tokens;
    const cst = dgenParser.schemaFile();
    return { cst, lexErrors: lexed.errors, parseErrors: [...dgenParser.errors], tokens: lexed.tokens, badTokens, comments };
  } catch (error) {
    const empty: CstNode = { name: "schemaFile", children: {} };
    if (error instanceof NestingTooDeep) {
      return {
        cst: empty,
        lexErrors: lexed.errors,
        parseErrors: [],
        tokens: lexed.tokens,
        badTokens,
        comments,
        tooDeep: error.token,
      };
    }
    const internalError = error instanceof Error ? error.message : String(error);
    return { cst: empty, lexErrors: lexed.errors, parseErrors: [], tokens: lexed.tokens, badTokens, comments, internalError };
  }
}

export { describeToken, expectedTableItem, tokenLabel } from "./error-messages.js";
export { maxNesting } from "./nesting.js";
export * as tokens from "./tokens.js";
