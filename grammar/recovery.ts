/**
 * Brace-aware "in repetition" recovery. When a repetition (the items of a table, the settings of a
 * block) meets a token that cannot start another item, Chevrotain skips tokens until one can, or until
 * the token that closes the block. Its version does not count brackets, so the `}` of a `match` or an
 * object literal inside a broken item would close the table early and the rest of the file would be
 * lost. This one skips whole bracketed groups; otherwise it behaves as Chevrotain's
 * `tryInRepetitionRecovery` (chevrotain 11, `recoverable.js`), whose internals it uses.
 */
import { EOF, MismatchedTokenException, tokenMatcher, type IToken, type TokenType } from "chevrotain";
import * as t from "./tokens.js";

/** The parts of a Chevrotain parser this module needs; they exist at run time but are not in its typings. */
interface RecoveringParser {
  LA(i: number): IToken;
  SKIP_TOKEN(): IToken;
  findReSyncTokenType(): TokenType;
  exportLexerState(): number;
  importLexerState(state: number): void;
  SAVE_ERROR(error: MismatchedTokenException): MismatchedTokenException;
  getCurrRuleFullName(): string;
  errorMessageProvider: {
    buildMismatchTokenMessage(o: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string;
  };
}

const openers = [t.LCurly, t.LParen, t.LBracket, t.TemplateStart, t.InterpStart];
const closers = [t.RCurly, t.RParen, t.RBracket, t.TemplateEnd, t.InterpEnd];
const matchesAny = (tok: IToken, types: TokenType[]) => types.some((type) => tokenMatcher(tok, type));

export function balancedRepetitionRecovery(
  parser: unknown,
  grammarRule: (...args: unknown[]) => unknown,
  grammarRuleArgs: unknown[],
  lookAheadFunc: () => boolean,
  expectedTokType: TokenType,
): void {
  const p = parser as RecoveringParser;
  const reSyncTokType = p.findReSyncTokenType();
  const savedState = p.exportLexerState();
  const errorToken = p.LA(1);
  const skipped: IToken[] = [];
  const saveError = () => {
    const message = p.errorMessageProvider.buildMismatchTokenMessage({
      expected: expectedTokType,
      actual: errorToken,
      previous: p.LA(0),
      ruleName: p.getCurrRuleFullName(),
    });
    const error = new MismatchedTokenException(message, errorToken, p.LA(0));
    error.resyncedTokens = skipped.slice(1);
    p.SAVE_ERROR(error);
  };
  let depth = 0;
  for (let current = p.LA(1); current.tokenType !== EOF; current = p.LA(1)) {
    if (depth === 0) {
      if (tokenMatcher(current, expectedTokType)) return saveError();
      if (lookAheadFunc.call(p)) {
        saveError();
        grammarRule.apply(p, grammarRuleArgs);
        return;
      }
      if (tokenMatcher(current, reSyncTokType)) break;
    }
    if (matchesAny(current, openers)) depth++;
    else if (matchesAny(current, closers)) depth = Math.max(0, depth - 1);
    skipped.push(current);
    p.SKIP_TOKEN();
  }
  // No closer point to go on from: the error will surface in the next step and be handled there.
  p.importLexerState(savedState);
}
