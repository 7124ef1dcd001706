/**
 * What the parser expected, in words. Every message built here is only the "expected ..." part
 * (`"'=' or an expression"`); `compiler/parse.ts` adds what was found and the diagnostic code.
 *
 * `describeExpected([[[Equals]], [[NumberLit]], [[StringLit]]])` → `"'=' or an expression"`.
 */
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as t from "./tokens.js";

const labels = new Map<TokenType, string>([
  [t.AnyWord, "a name"],
  [t.Identifier, "a name"],
  [t.LCurly, "'{'"],
  [t.RCurly, "'}'"],
  [t.NumberLit, "a number"],
  [t.DurationLit, "a duration"],
  [t.DateTimeLit, "a date"],
  [t.StringLit, "a string"],
  [t.RegexLit, "a regular expression"],
  [t.TemplateStart, "a template string"],
  [t.TemplateEnd, "'`'"],
  [t.TemplateText, "template text"],
  [t.InterpStart, "'{'"],
  [t.InterpEnd, "'}'"],
]);

/** Tokens that start an expression; when many of them are expected, they read as "an expression". */
const expressionStarts = new Set<TokenType>([
  t.NumberLit,
  t.DurationLit,
  t.DateTimeLit,
  t.StringLit,
  t.RegexLit,
  t.TemplateStart,
  t.True,
  t.False,
  t.Null,
  t.Identifier,
  t.LParen,
  t.LBracket,
  t.LCurly,
  t.If,
  t.Match,
  t.Not,
  t.Minus,
]);

const topLevel = "'dataset', 'enum', 'table' or 'output'";

/** What may stand before a block's closing `}`, by the rule that owns the block. */
const blockContents: Record<string, string> = {
  tableDecl: "a column, 'rows:', 'let', 'check', 'when', 'unique(...)', 'correlate', a setting or '}'",
  datasetDecl: "a setting such as 'seed: 42' or '}'",
  outputDecl: "a setting such as 'format: csv' or '}'",
  enumDecl: "an enum member or '}'",
  correlateDecl: "a pair such as 'a ~ b: 0.5' or '}'",
  objectLit: "an entry such as 'key: value' or '}'",
  matchExpr: "a match arm such as '\"US\" => 1' or '}'",
};

/** What a table expects where no item starts. */
export const expectedTableItem = blockContents.tableDecl!;

const literalKinds = new Map([
  [t.NumberLit, "number"],
  [t.DurationLit, "duration"],
  [t.DateTimeLit, "date"],
  [t.StringLit, "string"],
  [t.RegexLit, "regular expression"],
  [t.TemplateStart, "template string"],
]);

/** A found token, in words: `'}'`, `name 'foo'`, `number '42'`, `keyword 'table'`, `end of file`. */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return "end of file";
  const image = token.image.length > 30 ? `${token.image.slice(0, 27)}...` : token.image;
  for (const [type, kind] of literalKinds) if (tokenMatcher(token, type)) return `${kind} '${image}'`;
  if (tokenMatcher(token, t.Identifier)) return `name '${image}'`;
  if (tokenMatcher(token, t.AnyWord)) return `keyword '${image}'`;
  return `'${image}'`;
}

export function tokenLabel(type: TokenType): string {
  const label = labels.get(type);
  if (label) return label;
  const pattern = type.PATTERN;
  if (pattern instanceof RegExp) {
    const literal = pattern.source.replace(/\\(.)/g, "$1");
    if (/^[A-Za-z]+$/.test(literal)) return `'${literal}'`;
    if (literal.length <= 2) return `'${literal}'`;
  }
  return type.name;
}

function joinAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "something else";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The first token of each path, in words, with expression starts folded into "an expression". */
export function describeExpected(paths: readonly (readonly TokenType[])[]): string {
  const firsts = new Set<TokenType>();
  for (const path of paths) if (path[0]) firsts.add(path[0]);
  const starts = [...firsts].filter((type) => expressionStarts.has(type));
  const words: string[] = [];
  const fold = starts.length >= 3;
  for (const type of firsts) {
    if (fold && expressionStarts.has(type)) continue;
    const label = tokenLabel(type);
    if (!words.includes(label)) words.push(label);
  }
  if (fold) words.push("an expression");
  return joinAlternatives(words);
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, ruleName }) {
    if (expected === EOF) return topLevel;
    if (expected === t.RCurly && blockContents[ruleName]) return blockContents[ruleName];
    return tokenLabel(expected);
  },
  buildNotAllInputParsedMessage() {
    return topLevel;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, customUserDescription, ruleName }) {
    if (customUserDescription) return customUserDescription;
    if (ruleName === "schemaFile") return topLevel;
    if (ruleName === "tableItem") return expectedTableItem;
    return describeExpected(expectedPathsPerAlt.flat());
  },
  buildEarlyExitMessage({ expectedIterationPaths, customUserDescription }) {
    return customUserDescription ?? describeExpected(expectedIterationPaths);
  },
};
