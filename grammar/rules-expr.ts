/**
 * Expression rules of the `.dgen` grammar, as the base class of the parser (`parser.ts` adds the
 * declarations). Precedence, low to high: or, and, not, comparison, `..`, `+ -`, `* / %`, unary `-`,
 * postfix (call, member), primary. `if` and `match` are primaries whose last part is a whole expression,
 * so `x + if c then 1 else 2 + 3` reads `x + (if c then 1 else (2 + 3))`.
 *
 * Pure grammar: the rules build a CST and nothing else; `compiler/ast/build-ast.ts` reads it.
 */
import { CstParser, tokenMatcher, type IParserConfig } from "chevrotain";
import * as t from "./tokens.js";

export class ExprParser extends CstParser {
  constructor(config: IParserConfig) {
    super(t.allTokens, config);
  }

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.orExpr);
  });

  orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(t.Or, { LABEL: "operators" });
      this.SUBRULE2(this.andExpr, { LABEL: "operands" });
    });
  });

  andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(t.And, { LABEL: "operators" });
      this.SUBRULE2(this.notExpr, { LABEL: "operands" });
    });
  });

  /** `not not x`: prefixes in a loop, not by recursion, so that a long run of them costs no stack. */
  notExpr = this.RULE("notExpr", () => {
    this.MANY(() => this.CONSUME(t.Not));
    this.SUBRULE(this.comparison);
  });

  comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.rangeExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.EqEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.NotEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.LtEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.GtEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.Lt, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.Gt, { LABEL: "operators" }) },
      ]);
      this.SUBRULE2(this.rangeExpr, { LABEL: "operands" });
    });
  });

  rangeExpr = this.RULE("rangeExpr", () => {
    this.SUBRULE(this.additive, { LABEL: "low" });
    this.OPTION(() => {
      this.CONSUME(t.DotDot);
      this.SUBRULE2(this.additive, { LABEL: "high" });
    });
  });

  additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Plus, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.Minus, { LABEL: "operators" }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: "operands" });
    });
  });

  multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Star, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.Slash, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(t.Percent, { LABEL: "operators" }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: "operands" });
    });
  });

  unary = this.RULE("unary", () => {
    this.MANY(() => this.CONSUME(t.Minus));
    this.SUBRULE(this.postfix);
  });

  /** `a.b.c(1, x: 2)`, `t[i].c`: suffixes in source order, each one a `member`, an `argList` or an `indexSuffix`. */
  postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.member, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.argList, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.indexSuffix, { LABEL: "suffixes" }) },
      ]);
    });
  });

  /** `[i]`: row access, `customer[k]`. */
  indexSuffix = this.RULE("indexSuffix", () => {
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RBracket);
  });

  member = this.RULE("member", () => {
    this.CONSUME(t.Dot);
    this.CONSUME(t.AnyWord);
  });

  /** `(1, column: "city",)`: also the arguments of annotations. */
  argList = this.RULE("argList", () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.arg);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.arg);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RParen);
  });

  arg = this.RULE("arg", () => {
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), t.Colon),
      DEF: () => {
        this.CONSUME(t.AnyWord, { LABEL: "name" });
        this.CONSUME(t.Colon);
      },
    });
    this.SUBRULE(this.expression);
  });

  primary = this.RULE("primary", () => {
    this.OR({
      ERR_MSG: "an expression",
      DEF: [
        { ALT: () => this.CONSUME(t.NumberLit) },
        { ALT: () => this.CONSUME(t.DurationLit) },
        { ALT: () => this.CONSUME(t.DateTimeLit) },
        { ALT: () => this.CONSUME(t.StringLit) },
        { ALT: () => this.CONSUME(t.RegexLit) },
        { ALT: () => this.CONSUME(t.True) },
        { ALT: () => this.CONSUME(t.False) },
        { ALT: () => this.CONSUME(t.Null) },
        { ALT: () => this.CONSUME(t.Identifier) },
        { ALT: () => this.SUBRULE(this.template) },
        { ALT: () => this.SUBRULE(this.parenExpr) },
        { ALT: () => this.SUBRULE(this.objectLit) },
        { ALT: () => this.SUBRULE(this.arrayLit) },
        { ALT: () => this.SUBRULE(this.ifExpr) },
        { ALT: () => this.SUBRULE(this.matchExpr) },
      ],
    });
  });

  parenExpr = this.RULE("parenExpr", () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
  });

  template = this.RULE("template", () => {
    this.CONSUME(t.TemplateStart);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.TemplateText) }, { ALT: () => this.SUBRULE(this.interpolation) }]);
    });
    this.CONSUME(t.TemplateEnd);
  });

  interpolation = this.RULE("interpolation", () => {
    this.CONSUME(t.InterpStart);
    this.OPTION(() => this.SUBRULE(this.expression));
    this.CONSUME(t.InterpEnd);
  });

  objectLit = this.RULE("objectLit", () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.objectEntry);
      this.OPTION(() => this.CONSUME(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  objectEntry = this.RULE("objectEntry", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.StringLit, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(t.AnyWord, { LABEL: "key" }) },
    ]);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression);
  });

  arrayLit = this.RULE("arrayLit", () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RBracket);
  });

  ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(t.If);
    this.SUBRULE(this.expression, { LABEL: "condition" });
    this.CONSUME(t.Then);
    this.SUBRULE2(this.expression, { LABEL: "then" });
    this.CONSUME(t.Else);
    this.SUBRULE3(this.expression, { LABEL: "else" });
  });

  /** `match x { "US" => a, "DE" | "AT" => b, _ => c }`: arms separated by commas or line breaks. */
  matchExpr = this.RULE("matchExpr", () => {
    this.CONSUME(t.Match);
    this.SUBRULE(this.expression, { LABEL: "subject" });
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.matchArm);
      this.OPTION(() => this.CONSUME(t.Comma));
    });
    this.CONSUME(t.RCurly);
  });

  matchArm = this.RULE("matchArm", () => {
    this.SUBRULE(this.rangeExpr, { LABEL: "patterns" });
    this.MANY(() => {
      this.CONSUME(t.Pipe);
      this.SUBRULE2(this.rangeExpr, { LABEL: "patterns" });
    });
    this.CONSUME(t.FatArrow);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });
}
