/**
 * Token types of the `.dgen` language.
 *
 * Hard keywords (`table`, `let`, `if`, ...) can never be names. Soft keywords (`rows`, `per`, `every`,
 * `from`, `to`, `by`, `unique`, `partition`, `param`, `primary`, `foreign`, `key`, `references`) have the category `Identifier`, so wherever the grammar takes
 * a name they are names too (a column may be called `from`); only the rules that give them a meaning ask
 * for the keyword itself. `AnyWord` (every keyword and every identifier) is used after `@` and `.`, and
 * for object keys and argument names, where even `null` reads as a name (`@null(5%)`).
 *
 * Literal tokens validate their shape loosely (`2025-13-01` lexes as a date); `build-ast.ts` computes
 * values and reports what is wrong with a precise diagnostic. The `Bad*` tokens match malformed input
 * (an unterminated string, `12abc`) so that the parser sees a literal and recovers, and `parse.ts` reports it.
 */
import { createToken, Lexer, tokenMatcher, type IToken, type TokenType } from "chevrotain";

// ---------------------------------------------------------------- categories

export const AnyWord = createToken({ name: "AnyWord", pattern: Lexer.NA });
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyWord],
});
/** Every token: what a table skips, a token at a time, when a line is not a table item (see `parser.ts`). */
export const AnyToken = createToken({ name: "AnyToken", pattern: Lexer.NA });
export const LCurly = createToken({ name: "LCurly", pattern: Lexer.NA });
export const RCurly = createToken({ name: "RCurly", pattern: Lexer.NA });

function keyword(word: string, soft: boolean): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: soft ? [Identifier] : [AnyWord],
  });
}

// ---------------------------------------------------------------- hard keywords

export const Dataset = keyword("dataset", false);
export const Enum = keyword("enum", false);
export const Table = keyword("table", false);
export const Output = keyword("output", false);
export const Let = keyword("let", false);
export const Check = keyword("check", false);
export const When = keyword("when", false);
export const Then = keyword("then", false);
export const If = keyword("if", false);
export const Else = keyword("else", false);
export const Match = keyword("match", false);
export const And = keyword("and", false);
export const Or = keyword("or", false);
export const Not = keyword("not", false);
export const True = keyword("true", false);
export const False = keyword("false", false);
export const Null = keyword("null", false);
export const Correlate = keyword("correlate", false);

// ---------------------------------------------------------------- soft keywords

export const Rows = keyword("rows", true);
export const Per = keyword("per", true);
export const Every = keyword("every", true);
export const From = keyword("from", true);
export const To = keyword("to", true);
export const By = keyword("by", true);
export const Unique = keyword("unique", true);
export const Partition = keyword("partition", true);
export const Param = keyword("param", true);
export const Primary = keyword("primary", true);
export const Foreign = keyword("foreign", true);
export const Key = keyword("key", true);
export const References = keyword("references", true);

const hardKeywords = [
  Dataset,
  Enum,
  Table,
  Output,
  Let,
  Check,
  When,
  Then,
  If,
  Else,
  Match,
  And,
  Or,
  Not,
  True,
  False,
  Null,
  Correlate,
];
const softKeywords = [Rows, Per, Every, From, To, By, Unique, Partition, Param, Primary, Foreign, Key, References];

// ---------------------------------------------------------------- trivia

export const Whitespace = createToken({ name: "Whitespace", pattern: /\s+/, group: Lexer.SKIPPED });
/** Comments: in the `comments` group, which the parser never sees; `dgen format` keeps them from there. */
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\r\n]*/, group: "comments" });
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
});
/** A `/*` with no `*\/`: kept in the `bad` group, reported by `parse.ts`. */
export const UnterminatedComment = createToken({ name: "UnterminatedComment", pattern: /\/\*[\s\S]*/, group: "bad" });

// ---------------------------------------------------------------- literals

const digits = String.raw`\d(?:_?\d)*`;
const wordEnd = String.raw`(?![A-Za-z0-9_])`;

/** `2025-01-01`, `2025-01-01T10:00:00Z`, `2025-01-01T10:00+02:00`: one token; `build-ast.ts` tells them apart. */
export const DateTimeLit = createToken({
  name: "DateTimeLit",
  pattern: new RegExp(String.raw`\d{4}-\d{1,2}-\d{1,2}(?:T[0-9:.]*(?:Z|[+-]\d{1,2}(?::?\d{1,2})?)?)?` + wordEnd),
});
/** `250ms`, `90s`, `5m`, `1.5h`, `7d`, `2w`, `1y`. */
export const DurationLit = createToken({
  name: "DurationLit",
  pattern: new RegExp(`${digits}(?:\\.${digits})?(?:ms|s|m|h|d|w|y)${wordEnd}`),
});
/** `42`, `1_000_000`, `3.5`, `1e6`, `2.5e-3`, `5%`; never swallows the `.` of `1..5`. */
export const NumberLit = createToken({
  name: "NumberLit",
  pattern: new RegExp(`${digits}(?:\\.${digits})?(?:[eE][+-]?${digits})?(?:%(?![A-Za-z0-9_(]))?${wordEnd}`),
});
/** `12abc`, `1_`, `1e`: a number the user meant but mistyped. */
export const BadNumber = createToken({
  name: "BadNumber",
  pattern: /\d[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?%?/,
  categories: [NumberLit],
});
export const StringLit = createToken({ name: "StringLit", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/ });
/** A string that reaches the end of its line: the parser sees a string, `parse.ts` reports DG1003. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLit],
});
/** `'bob'`: a string in the wrong quotes. The parser sees a string; `build-expr.ts` reports DG1022. */
export const SingleQuotedString = createToken({
  name: "SingleQuotedString",
  pattern: /'(?:[^'\\\r\n]|\\[^\r\n])*'/,
  categories: [StringLit],
});

// ---------------------------------------------------------------- regex literals

/** Tokens after which a `/` divides; anywhere else it opens a regex literal. */
const operandEnds: TokenType[] = [];

function lastToken(matched: IToken[]): IToken | undefined {
  return matched[matched.length - 1];
}

function regexAllowed(matched: IToken[]): boolean {
  const prev = lastToken(matched);
  return prev === undefined || !operandEnds.some((t) => tokenMatcher(prev, t));
}

/**
 * Scans `/body/flags` from `offset`; returns the offset of the closing `/` or -1. A `/` inside `[...]`
 * does not close the literal; when a class is never closed (`/[a-/`), the first `/` does, so that the
 * literal is reported as an invalid regex rather than swallowing the rest of the line.
 */
function scanRegexBody(text: string, offset: number, classAware = true): number {
  let inClass = false;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || c === "\r") break;
    if (c === "\\") i++;
    else if (c === "[" && classAware) inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) return i;
  }
  return classAware ? scanRegexBody(text, offset, false) : -1;
}

function execResult(text: string, offset: number, end: number): RegExpExecArray {
  const result = [text.slice(offset, end)] as unknown as RegExpExecArray;
  result.index = offset;
  result.input = text;
  return result;
}

export const RegexLit = createToken({
  name: "RegexLit",
  line_breaks: false,
  start_chars_hint: ["/"],
  pattern: {
    exec(text: string, offset: number, matched: IToken[]): RegExpExecArray | null {
      if (text[offset] !== "/" || text[offset + 1] === "/" || text[offset + 1] === "*") return null;
      if (!regexAllowed(matched)) return null;
      const close = scanRegexBody(text, offset);
      if (close < 0) return null;
      let end = close + 1;
      while (end < text.length && /[A-Za-z]/.test(text[end]!)) end++;
      return execResult(text, offset, end);
    },
  },
});
/** A regex literal with no closing `/` on its line: the parser sees a regex, `parse.ts` reports DG1010. */
export const UnterminatedRegex = createToken({
  name: "UnterminatedRegex",
  line_breaks: false,
  start_chars_hint: ["/"],
  categories: [RegexLit],
  pattern: {
    exec(text: string, offset: number, matched: IToken[]): RegExpExecArray | null {
      if (text[offset] !== "/" || !regexAllowed(matched)) return null;
      let end = offset + 1;
      while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
      return execResult(text, offset, end);
    },
  },
});

// ---------------------------------------------------------------- templates

export const TemplateStart = createToken({ name: "TemplateStart", pattern: /`/, push_mode: "template" });
export const TemplateEnd = createToken({ name: "TemplateEnd", pattern: /`/, pop_mode: true });
/** A line break inside a template ends it (templates are one line); `parse.ts` reports DG1005. */
export const UnterminatedTemplate = createToken({
  name: "UnterminatedTemplate",
  pattern: /\r\n?|\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [TemplateEnd],
});
/** Literal text; escapes (`\{`, `\}`, `` \` ``, `\\` and the JSON ones) are decoded by `build-ast.ts`. */
export const TemplateText = createToken({ name: "TemplateText", pattern: /(?:[^`{\\\r\n]|\\[^\r\n])+/ });
export const InterpStart = createToken({ name: "InterpStart", pattern: /\{/, push_mode: "interp" });
export const InterpEnd = createToken({ name: "InterpEnd", pattern: /\}/, pop_mode: true });

// ---------------------------------------------------------------- punctuation and operators

export const LBrace = createToken({ name: "LBrace", pattern: /\{/, categories: [LCurly] });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/, categories: [RCurly] });
/** `{` inside an interpolation: nests, so that the matching `}` does not end the interpolation. */
export const LBraceNested = createToken({
  name: "LBraceNested",
  pattern: /\{/,
  categories: [LCurly],
  push_mode: "braced",
});
export const RBraceNested = createToken({ name: "RBraceNested", pattern: /\}/, categories: [RCurly], pop_mode: true });

export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const Comma = createToken({ name: "Comma", pattern: /,/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const At = createToken({ name: "At", pattern: /@/ });
export const Question = createToken({ name: "Question", pattern: /\?/ });
export const Tilde = createToken({ name: "Tilde", pattern: /~/ });
export const FatArrow = createToken({ name: "FatArrow", pattern: /=>/ });
export const EqEq = createToken({ name: "EqEq", pattern: /==/ });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/ });
export const LtEq = createToken({ name: "LtEq", pattern: /<=/ });
export const GtEq = createToken({ name: "GtEq", pattern: />=/ });
export const Lt = createToken({ name: "Lt", pattern: /</ });
export const Gt = createToken({ name: "Gt", pattern: />/ });
export const Equals = createToken({ name: "Equals", pattern: /=/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Star = createToken({ name: "Star", pattern: /\*/ });
export const Slash = createToken({ name: "Slash", pattern: /\// });
export const Percent = createToken({ name: "Percent", pattern: /%/ });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/ });

operandEnds.push(Identifier, NumberLit, DurationLit, DateTimeLit, StringLit, RegexLit, True, False, Null);
operandEnds.push(RParen, RBracket, RCurly, TemplateEnd);

// ---------------------------------------------------------------- modes

/** Everything that can appear in an expression, minus the curly braces (which differ by mode). */
const common: TokenType[] = [
  Whitespace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  DateTimeLit,
  DurationLit,
  NumberLit,
  BadNumber,
  StringLit,
  UnterminatedString,
  SingleQuotedString,
  RegexLit,
  UnterminatedRegex,
  TemplateStart,
  ...hardKeywords,
  ...softKeywords,
  Identifier,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  DotDot,
  Dot,
  At,
  Question,
  Tilde,
  FatArrow,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Pipe,
];

export const lexerDefinition = {
  defaultMode: "main",
  modes: {
    main: [...common, LBrace, RBrace],
    template: [TemplateEnd, UnterminatedTemplate, InterpStart, TemplateText],
    interp: [...common, LBraceNested, InterpEnd],
    braced: [...common, LBraceNested, RBraceNested],
  },
};

const concreteTokens: TokenType[] = [
  ...common,
  LBrace,
  RBrace,
  LBraceNested,
  RBraceNested,
  TemplateEnd,
  UnterminatedTemplate,
  InterpStart,
  InterpEnd,
  TemplateText,
];
for (const type of concreteTokens) type.CATEGORIES = [...(type.CATEGORIES ?? []), AnyToken];

/** Every token type, for the parser. */
export const allTokens: TokenType[] = [AnyToken, AnyWord, LCurly, RCurly, ...concreteTokens];
