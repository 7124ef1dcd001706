/**
 * The `.dgen` parser: declarations (`dataset`, `enum`, `table`, `output`) and table items, on top of
 * the expression rules of `rules-expr.ts`. Line breaks are insignificant: a table item ends where the
 * next one begins (a name, `let`, `check`, `when`, `unique(`, `correlate`, `rows:`), so one item a line
 * works without depending on the line breaks.
 *
 * Recovery is on, so that every error in a file is reported: an error inside a table item ends the
 * item, and what follows up to the next item is kept as `skipped` (an error production, reported by
 * `build-ast.ts`); in the other blocks Chevrotain's recovery skips to the next setting or member,
 * counting brackets (`recovery.ts`).
 */
import { EOF, tokenMatcher, type TokenType } from "chevrotain";
import { errorMessageProvider } from "./error-messages.js";
import { NestingCounter } from "./nesting.js";
import { balancedRepetitionRecovery } from "./recovery.js";
import { ExprParser } from "./rules-expr.js";
import * as t from "./tokens.js";

export class DgenParser extends ExprParser {
  constructor() {
    super({ recoveryEnabled: true, nodeLocationTracking: "onlyOffset", maxLookahead: 3, errorMessageProvider });
    this.performSelfAnalysis();
  }

  /** Replaces Chevrotain's own (not in its typings, hence no `override`): see `recovery.ts`. */
  tryInRepetitionRecovery(
    grammarRule: (...args: unknown[]) => unknown,
    grammarRuleArgs: unknown[],
    lookAheadFunc: () => boolean,
    expectedTokType: TokenType,
  ): void {
    balancedRepetitionRecovery(this, grammarRule, grammarRuleArgs, lookAheadFunc, expectedTokType);
  }

  /** Counts the levels of nesting, and stops past `maxNesting` (see `nesting.ts`). */
  readonly nesting = new NestingCounter();

  /** Chevrotain's hook before every rule (not in its typings, hence no `override`). */
  ruleInvocationStateUpdate(shortName: number, fullName: string, idxInCallingRule: number): void {
    this.nesting.enter(this as never, ExprParser.prototype as never, shortName, fullName, idxInCallingRule);
  }

  /** Chevrotain's hook after every rule, also one left by an exception. */
  ruleFinallyStateUpdate(): void {
    this.nesting.leave(this as never, ExprParser.prototype as never);
  }

  schemaFile = this.RULE("schemaFile", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.datasetDecl, { LABEL: "items" }) },
        { ALT: () => this.SUBRULE(this.enumDecl, { LABEL: "items" }) },
        { ALT: () => this.SUBRULE(this.tableDecl, { LABEL: "items" }) },
        { ALT: () => this.SUBRULE(this.outputDecl, { LABEL: "items" }) },
        { ALT: () => this.SUBRULE(this.paramDecl, { LABEL: "items" }) },
      ]);
    });
  });

  /** `name: value`, in `dataset`, `table` and `output` blocks. */
  setting = this.RULE("setting", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression);
  });

  /** `param sf: float = 1`: a named constant that `--param sf=10` overrides. */
  paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(t.Param);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  datasetDecl = this.RULE("datasetDecl", () => {
    this.CONSUME(t.Dataset);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.setting);
      this.OPTION(() => this.CONSUME(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(t.Enum);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.enumMember);
      this.OPTION(() => this.CONSUME(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  /** `free: 0.7`, `paid`, or a quoted label that is not a name: `"PG-13"`. */
  enumMember = this.RULE("enumMember", () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.StringLit) }]);
    this.OPTION(() => {
      this.CONSUME(t.Colon);
      this.SUBRULE(this.expression);
    });
  });

  tableDecl = this.RULE("tableDecl", () => {
    this.CONSUME(t.Table);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LCurly);
    this.MANY({
      GATE: () => !tokenMatcher(this.LA(1), t.RCurly) && this.LA(1).tokenType !== EOF,
      DEF: () => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: () => this.startsTableItem(), ALT: () => this.SUBRULE(this.tableItem) },
            { ALT: () => this.SUBRULE(this.skipped) },
          ],
        });
      },
    });
    this.CONSUME(t.RCurly);
  });

  /**
   * Error production: what stands in a table where no item starts, skipped a token or a bracketed
   * group at a time (so that the `}` of a `match` in a broken line does not close the table).
   * `build-ast.ts` reports each run of skipped tokens. An error inside an item ends the item at the
   * error; the rest of its line is skipped this way, up to the next item.
   */
  skipped = this.RULE("skipped", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.skippedGroup) }, { ALT: () => this.CONSUME(t.AnyToken) }],
    });
  });

  skippedGroup = this.RULE("skippedGroup", () => {
    const group = (idx: number, open: TokenType, close: TokenType) => () => {
      this.consume(idx, open);
      this.many(idx, {
        GATE: () => !tokenMatcher(this.LA(1), close) && this.LA(1).tokenType !== EOF,
        DEF: () => this.subrule(idx, this.skipped),
      });
      this.consume(idx + 3, close);
    };
    this.OR([
      { ALT: group(1, t.LParen, t.RParen) },
      { ALT: group(2, t.LCurly, t.RCurly) },
      { ALT: group(3, t.LBracket, t.RBracket) },
    ]);
  });

  /** Two tokens decide whether a table item starts here (`rows` and `unique` are also names). */
  private startsTableItem(): boolean {
    const [first, second] = [this.LA(1), this.LA(2)];
    if ([t.Let, t.Check, t.When, t.Correlate].some((k) => tokenMatcher(first, k))) return true;
    if (!tokenMatcher(first, t.Identifier)) return false;
    if (tokenMatcher(second, t.Colon) || tokenMatcher(second, t.Identifier)) return true;
    return tokenMatcher(first, t.Unique) && tokenMatcher(second, t.LParen);
  }

  /** `primary key (` or `foreign key (`: a table-level key line, not a column named `primary` of type `key`. */
  private startsKeyLine(word: TokenType): boolean {
    return tokenMatcher(this.LA(1), word) && tokenMatcher(this.LA(2), t.Key) && tokenMatcher(this.LA(3), t.LParen);
  }

  /** `rows` and `unique` are soft keywords, so `rows:` and `unique(` are told from a column or a setting by what follows. */
  tableItem = this.RULE("tableItem", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => tokenMatcher(this.LA(2), t.Colon), ALT: () => this.SUBRULE(this.rowsDecl) },
        { GATE: () => this.startsKeyLine(t.Primary), ALT: () => this.SUBRULE(this.primaryKeyDecl) },
        { GATE: () => this.startsKeyLine(t.Foreign), ALT: () => this.SUBRULE(this.foreignKeyDecl) },
        { GATE: () => tokenMatcher(this.LA(2), t.LParen), ALT: () => this.SUBRULE(this.uniqueDecl) },
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.checkDecl) },
        { ALT: () => this.SUBRULE(this.whenDecl) },
        { ALT: () => this.SUBRULE(this.correlateDecl) },
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => this.SUBRULE(this.columnDecl) },
      ],
    });
  });

  rowsDecl = this.RULE("rowsDecl", () => {
    this.CONSUME(t.Rows);
    this.CONSUME(t.Colon);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => tokenMatcher(this.LA(2), t.Identifier), ALT: () => this.SUBRULE(this.perRows) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** `per customers poisson(2.1)`, `per orders 1..5`, `per sensors every 5m from A to B`. */
  perRows = this.RULE("perRows", () => {
    this.CONSUME(t.Per);
    this.CONSUME(t.Identifier, { LABEL: "parent" });
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.everyClause) },
        {
          ALT: () => {
            this.SUBRULE(this.expression, { LABEL: "count" });
            this.OPTION(() => this.SUBRULE2(this.everyClause));
          },
        },
      ],
    });
  });

  everyClause = this.RULE("everyClause", () => {
    this.CONSUME(t.Every);
    this.SUBRULE(this.expression, { LABEL: "step" });
    this.CONSUME(t.From);
    this.SUBRULE2(this.expression, { LABEL: "from" });
    this.CONSUME(t.To);
    this.SUBRULE3(this.expression, { LABEL: "to" });
  });

  columnDecl = this.RULE("columnDecl", () => {
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.typeRef);
    this.MANY(() => this.SUBRULE(this.annotation));
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.SUBRULE(this.expression);
    });
  });

  /** `int`, `string?`, `decimal(12, 2)`, `Status`, `string[]`, `int[]?`. */
  typeRef = this.RULE("typeRef", () => {
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.expression);
        this.MANY(() => {
          this.CONSUME(t.Comma);
          this.SUBRULE2(this.expression);
        });
      });
      this.CONSUME(t.RParen);
    });
    this.OPTION4(() => {
      this.CONSUME(t.LBracket);
      this.CONSUME(t.RBracket);
    });
    this.OPTION3(() => this.CONSUME(t.Question));
  });

  /** `@pk`, `@null(30%)`, `@noise(typo: 2%)`: any word after `@`, arguments as in a call. */
  annotation = this.RULE("annotation", () => {
    this.CONSUME(t.At);
    this.CONSUME(t.AnyWord);
    this.OPTION(() => this.SUBRULE(this.argList));
  });

  letDecl = this.RULE("letDecl", () => {
    this.CONSUME(t.Let);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  checkDecl = this.RULE("checkDecl", () => {
    this.CONSUME(t.Check);
    this.SUBRULE(this.expression);
  });

  whenDecl = this.RULE("whenDecl", () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.expression);
    this.CONSUME(t.Then);
    this.SUBRULE(this.assignment);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.assignment);
    });
  });

  assignment = this.RULE("assignment", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  uniqueDecl = this.RULE("uniqueDecl", () => {
    this.CONSUME(t.Unique);
    this.CONSUME(t.LParen);
    this.CONSUME(t.Identifier, { LABEL: "columns" });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.Identifier, { LABEL: "columns" });
    });
    this.OPTION(() => this.CONSUME2(t.Comma));
    this.CONSUME(t.RParen);
  });

  /** `primary key (a, b)`. */
  primaryKeyDecl = this.RULE("primaryKeyDecl", () => {
    this.CONSUME(t.Primary);
    this.CONSUME(t.Key);
    this.SUBRULE(this.nameList, { LABEL: "columns" });
  });

  /** `foreign key (a, b) references t(x, y)`. */
  foreignKeyDecl = this.RULE("foreignKeyDecl", () => {
    this.CONSUME(t.Foreign);
    this.CONSUME(t.Key);
    this.SUBRULE(this.nameList, { LABEL: "columns" });
    this.CONSUME(t.References);
    this.CONSUME(t.Identifier, { LABEL: "table" });
    this.SUBRULE2(this.nameList, { LABEL: "refColumns" });
  });

  /** `(a, b, c)`: column names of a key line. */
  nameList = this.RULE("nameList", () => {
    this.CONSUME(t.LParen);
    this.CONSUME(t.Identifier, { LABEL: "names" });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.Identifier, { LABEL: "names" });
    });
    this.OPTION(() => this.CONSUME2(t.Comma));
    this.CONSUME(t.RParen);
  });

  correlateDecl = this.RULE("correlateDecl", () => {
    this.CONSUME(t.Correlate);
    this.CONSUME(t.Identifier, { LABEL: "columns" });
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.Identifier, { LABEL: "columns" });
    });
    this.CONSUME(t.LCurly);
    this.MANY2(() => {
      this.SUBRULE(this.correlationPair);
      this.OPTION(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  correlationPair = this.RULE("correlationPair", () => {
    this.CONSUME(t.Identifier, { LABEL: "left" });
    this.CONSUME(t.Tilde);
    this.CONSUME2(t.Identifier, { LABEL: "right" });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression);
  });

  outputDecl = this.RULE("outputDecl", () => {
    this.CONSUME(t.Output);
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => tokenMatcher(this.LA(1), t.Partition), ALT: () => this.SUBRULE(this.partitionSetting) },
          { ALT: () => this.SUBRULE(this.setting) },
        ],
      });
      this.OPTION(() => this.CONSUME(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  /** `partition: orders by month(placed_at)`. */
  partitionSetting = this.RULE("partitionSetting", () => {
    this.CONSUME(t.Partition);
    this.CONSUME(t.Colon);
    this.CONSUME(t.Identifier, { LABEL: "table" });
    this.CONSUME(t.By);
    this.SUBRULE(this.expression);
  });
}

/** One parser instance, reused: Chevrotain parsers are stateful but reset by assigning `input`. */
export const dgenParser = new DgenParser();
