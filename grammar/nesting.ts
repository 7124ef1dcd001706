/**
 * The nesting limit of the parser. Chevrotain parses by recursive descent: every level of brackets,
 * calls, `if`, `match`, objects or templates costs about twelve rule calls on the JavaScript stack,
 * and Node's stack runs out near 100 levels. So the parser counts the levels it is inside (each
 * `expression` and each bracketed group it skips after an error is one level) and stops, with
 * `NestingTooDeep`, at the first token that would open level `maxNesting + 1`; `compiler/parse.ts`
 * reports it as DG1020 at that token.
 *
 * `((((…65 times…1))))` → `NestingTooDeep` at the 65th `(`'s expression.
 */
import type { IToken } from "chevrotain";

/** The deepest nesting accepted (docs/language.md, "Limits"). */
export const maxNesting = 64;

/** The rules that open one level of nesting. */
const nestingRules = new Set(["expression", "skippedGroup"]);

export class NestingTooDeep extends Error {
  constructor(readonly token: IToken) {
    super(`nesting deeper than ${maxNesting} levels`);
  }
}

/** Chevrotain's hooks around every rule call; they exist at run time but are not in its typings. */
interface RuleHooks {
  ruleInvocationStateUpdate(shortName: number, fullName: string, idxInCallingRule: number): void;
  ruleFinallyStateUpdate(): void;
  LA(i: number): IToken;
  RECORDING_PHASE?: boolean;
}

/**
 * Counts nesting around Chevrotain's own hooks. `base` is the parser's prototype chain above ours;
 * `opened` holds, per rule call on the stack, whether it opened a level (the finally hook pops it,
 * also when a rule is left by an exception, so the count stays right through recovery).
 */
export class NestingCounter {
  private readonly opened: boolean[] = [];
  private depth = 0;

  reset(): void {
    this.opened.length = 0;
    this.depth = 0;
  }

  enter(parser: RuleHooks, base: RuleHooks, shortName: number, fullName: string, idx: number): void {
    base.ruleInvocationStateUpdate.call(parser, shortName, fullName, idx);
    const opens = nestingRules.has(fullName) && parser.RECORDING_PHASE !== true;
    this.opened.push(opens);
    // The outermost expression (a column's value) is level 0.
    if (opens && ++this.depth > maxNesting + 1) throw new NestingTooDeep(parser.LA(1));
  }

  leave(parser: RuleHooks, base: RuleHooks): void {
    if (this.opened.pop()) this.depth--;
    base.ruleFinallyStateUpdate.call(parser);
  }
}
