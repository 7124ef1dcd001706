/**
 * CST → AST for expressions (the rules of `grammar/rules-expr.ts`). Spans come from the CST: a binary
 * chain `a + b * c` spans from its first operand to the last one consumed, a call from its callee to
 * its `)`; a parenthesised expression keeps the span of what is inside the parentheses.
 */
import type { CstNode, IToken } from "chevrotain";
import { tokens as tok } from "../../grammar/index.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import {
  type BuildContext,
  emptyAfter,
  missingExpr,
  nameOf,
  node,
  nodes,
  nodeSpan,
  onlyChildNode,
  spanFrom,
  token,
  tokens,
  tokenSpan,
} from "./build-context.js";
import {
  dateDays,
  decodeString,
  decodeTemplateText,
  durationMs,
  numberValue,
  regexError,
  splitRegex,
  timestampMs,
} from "./build-literals.js";
import type {
  Arg,
  BinaryOp,
  Expr,
  MatchArm,
  ObjectEntry,
  Span,
  StringLit,
  TemplateLit,
  TemplateText,
} from "./nodes.js";

type Builder = (cx: BuildContext, ctx: CstNode, at: Span) => Expr;

/** Builds the expression in `ctx` (an `expression` node or any rule below it). */
export function buildExpr(cx: BuildContext, ctx: CstNode | undefined, at: Span): Expr {
  if (!ctx) return missingExpr(at);
  const build = builders[ctx.name];
  return build ? build(cx, ctx, nodeSpan(ctx, at)) : missingExpr(at);
}

/** `a op b op c`, folded to the left. */
function chain(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  const operands = nodes(ctx, "operands");
  const operators = tokens(ctx, "operators");
  let result = buildExpr(cx, operands[0], at);
  for (let i = 1; i < operands.length && i - 1 < operators.length; i++) {
    const right = buildExpr(cx, operands[i], result.span);
    const span = spanFrom(nodeSpan(operands[0]!, at), nodeSpan(operands[i]!, right.span));
    result = { kind: "Binary", span, op: operators[i - 1]!.image as BinaryOp, left: result, right };
  }
  return result;
}

/** `- - x`, `not not x`: the operators in a run, applied from the innermost (the last) out. */
function prefix(op: "-" | "not", key: string, operandRule: string): Builder {
  return (cx, ctx, at) => {
    let result = buildExpr(cx, node(ctx, operandRule), at);
    const operators = tokens(ctx, key);
    for (let i = operators.length - 1; i >= 0; i--) {
      result = { kind: "Unary", span: { start: operators[i]!.startOffset, end: at.end }, op, operand: result };
    }
    return result;
  };
}

function rangeExpr(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  const low = buildExpr(cx, node(ctx, "low"), at);
  const highNode = node(ctx, "high");
  if (!token(ctx, "DotDot") && !highNode) return low;
  return { kind: "RangeExpr", span: at, low, high: buildExpr(cx, highNode, at) };
}

function postfix(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  let result = buildExpr(cx, node(ctx, "primary"), at);
  for (const suffix of nodes(ctx, "suffixes")) {
    const span = spanFrom(result.span, nodeSpan(suffix, result.span));
    if (suffix.name === "member") {
      result = { kind: "Member", span, object: result, property: nameOf(token(suffix, "AnyWord"), span) };
    } else if (suffix.name === "indexSuffix") {
      result = { kind: "Index", span, object: result, index: buildExpr(cx, node(suffix, "expression"), span) };
    } else if (result.kind === "Ident" || result.kind === "Member") {
      result = { kind: "Call", span, callee: result, args: buildArgs(cx, suffix, span) };
    } else {
      cx.report(diag(messages.notCallable, nodeSpan(suffix, span), []));
    }
  }
  return result;
}

/** The arguments of an `argList` node (calls and annotations). */
export function buildArgs(cx: BuildContext, argList: CstNode, at: Span): Arg[] {
  return nodes(argList, "arg").map((argNode) => {
    const span = nodeSpan(argNode, at);
    const nameToken = token(argNode, "name");
    const value = buildExpr(cx, node(argNode, "expression"), span);
    return nameToken ? { kind: "Arg", span, name: nameOf(nameToken, span), value } : { kind: "Arg", span, value };
  });
}

// ---------------------------------------------------------------- literals

function literal(cx: BuildContext, t: IToken): Expr {
  const span = tokenSpan(t);
  const raw = t.image;
  switch (t.tokenType) {
    case tok.NumberLit: {
      const n = numberValue(raw);
      if (!n) cx.report(diag(messages.invalidNumber, span, [raw]));
      return {
        kind: "NumberLit",
        span,
        raw,
        value: n?.value ?? 0,
        isInteger: n?.isInteger ?? true,
        isPercent: n?.isPercent ?? false,
      };
    }
    case tok.BadNumber: // reported by parse.ts with the other malformed tokens
      return { kind: "NumberLit", span, raw, value: 0, isInteger: true, isPercent: raw.endsWith("%") };
    case tok.DurationLit: {
      const ms = durationMs(raw);
      if (ms === undefined) cx.report(diag(messages.invalidDuration, span, [raw]));
      return { kind: "DurationLit", span, raw, ms: ms ?? 0 };
    }
    case tok.DateTimeLit:
      return dateTime(cx, raw, span);
    case tok.StringLit:
    case tok.UnterminatedString:
    case tok.SingleQuotedString:
      return stringLit(cx, t);
    case tok.RegexLit:
    case tok.UnterminatedRegex:
      return regexLit(cx, t);
    case tok.True:
    case tok.False:
      return { kind: "BoolLit", span, value: t.tokenType === tok.True };
    case tok.Null:
      return { kind: "NullLit", span };
    default:
      return { kind: "Ident", span, name: raw };
  }
}

function dateTime(cx: BuildContext, raw: string, span: Span): Expr {
  if (raw.includes("T")) {
    const ms = timestampMs(raw);
    if (ms === undefined) cx.report(diag(messages.invalidDate, span, [raw]));
    return { kind: "TimestampLit", span, raw, ms: ms ?? 0 };
  }
  const days = dateDays(raw);
  if (days === undefined) cx.report(diag(messages.invalidDate, span, [raw]));
  return { kind: "DateLit", span, raw, days: days ?? 0 };
}

/** A `"..."` token (also one left unterminated at the end of its line). */
export function stringLit(cx: BuildContext, t: IToken): StringLit {
  const span = tokenSpan(t);
  const closed = t.tokenType !== tok.UnterminatedString;
  if (t.tokenType === tok.SingleQuotedString) return singleQuoted(cx, t.image, span);
  const body = t.image.slice(1, closed ? -1 : undefined);
  const decoded = decodeString(body);
  for (const bad of decoded.badEscapes) {
    const start = span.start + 1 + bad.offset;
    cx.report(diag(messages.invalidEscape, { start, end: start + bad.text.length }, [bad.text]));
  }
  return { kind: "StringLit", span, value: decoded.value };
}

/** `'bob'`: one error (DG1022) with the double-quoted string as the fix; read as the string it means. */
function singleQuoted(cx: BuildContext, image: string, span: Span): StringLit {
  const body = image.slice(1, -1).replace(/\\'|\\.|"/g, (m) => (m === "\\'" ? "'" : m === '"' ? '\\"' : m));
  const replacement = `"${body}"`;
  cx.report(
    diag(messages.singleQuotedString, span, [], {
      help: `use double quotes: ${replacement}`,
      fix: { span, replacement },
    }),
  );
  return { kind: "StringLit", span, value: decodeString(body).value };
}

function regexLit(cx: BuildContext, t: IToken): Expr {
  const span = tokenSpan(t);
  if (t.tokenType === tok.UnterminatedRegex) {
    return { kind: "RegexLit", span, pattern: t.image.slice(1), flags: "" };
  }
  const { pattern, flags } = splitRegex(t.image);
  const reason = regexError(pattern, flags);
  if (reason !== undefined) cx.report(diag(messages.invalidRegex, span, [t.image, reason]));
  return { kind: "RegexLit", span, pattern, flags };
}

function template(cx: BuildContext, ctx: CstNode, at: Span): TemplateLit {
  type Piece = { start: number; text?: IToken; interp?: CstNode };
  const pieces: Piece[] = [
    ...tokens(ctx, "TemplateText").map((text) => ({ start: text.startOffset, text })),
    ...nodes(ctx, "interpolation").map((interp) => ({ start: nodeSpan(interp, at).start, interp })),
  ].sort((a, b) => a.start - b.start);
  const parts: (TemplateText | Expr)[] = [];
  for (const piece of pieces) {
    if (piece.text) {
      const span = tokenSpan(piece.text);
      const decoded = decodeTemplateText(piece.text.image);
      for (const bad of decoded.badEscapes) {
        const start = span.start + bad.offset;
        cx.report(diag(messages.invalidEscape, { start, end: start + bad.text.length }, [bad.text]));
      }
      parts.push({ kind: "TemplateText", span, value: decoded.value });
    } else if (piece.interp) {
      const span = nodeSpan(piece.interp, at);
      const inner = node(piece.interp, "expression");
      if (inner) parts.push(buildExpr(cx, inner, span));
      else if (token(piece.interp, "InterpEnd")) cx.report(diag(messages.emptyTemplatePart, span, []));
    }
  }
  return { kind: "TemplateLit", span: at, parts };
}

// ---------------------------------------------------------------- compound primaries

function primary(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  const child = onlyChildNode(ctx);
  if (child) return buildExpr(cx, child, at);
  for (const list of Object.values(ctx.children)) {
    const t = list[0];
    if (t && !("children" in t) && !t.isInsertedInRecovery && Number.isFinite(t.startOffset)) return literal(cx, t);
  }
  return missingExpr(emptyAfter(at));
}

function objectLit(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  const entries = nodes(ctx, "objectEntry").map((entry): ObjectEntry => {
    const span = nodeSpan(entry, at);
    const keyToken = token(entry, "key");
    const value = buildExpr(cx, node(entry, "expression"), span);
    if (keyToken && [tok.StringLit, tok.UnterminatedString, tok.SingleQuotedString].includes(keyToken.tokenType)) {
      const key = stringLit(cx, keyToken);
      return { kind: "ObjectEntry", span, key: { text: key.value, span: key.span }, keyIsString: true, value };
    }
    return { kind: "ObjectEntry", span, key: nameOf(keyToken, span), keyIsString: false, value };
  });
  return { kind: "ObjectLit", span: at, entries };
}

function matchExpr(cx: BuildContext, ctx: CstNode, at: Span): Expr {
  const subject = buildExpr(cx, node(ctx, "subject"), at);
  const arms = nodes(ctx, "matchArm").map((armNode): MatchArm => {
    const span = nodeSpan(armNode, at);
    const all = nodes(armNode, "patterns").map((p) => buildExpr(cx, p, span));
    const isWildcard = (e: Expr) => e.kind === "Ident" && e.name === "_";
    const patterns = all.filter((e) => !isWildcard(e));
    const value = buildExpr(cx, node(armNode, "value"), span);
    return { kind: "MatchArm", span, patterns, wildcard: patterns.length < all.length, value };
  });
  return { kind: "MatchExpr", span: at, subject, arms };
}

const builders: Record<string, Builder> = {
  expression: (cx, ctx, at) => buildExpr(cx, node(ctx, "orExpr"), at),
  orExpr: chain,
  andExpr: chain,
  comparison: chain,
  additive: chain,
  multiplicative: chain,
  notExpr: prefix("not", "Not", "comparison"),
  unary: prefix("-", "Minus", "postfix"),
  rangeExpr,
  postfix,
  primary,
  parenExpr: (cx, ctx, at) => buildExpr(cx, node(ctx, "expression"), at),
  template,
  objectLit,
  arrayLit: (cx, ctx, at) => ({
    kind: "ArrayLit",
    span: at,
    elements: nodes(ctx, "expression").map((e) => buildExpr(cx, e, at)),
  }),
  ifExpr: (cx, ctx, at) => ({
    kind: "IfExpr",
    span: at,
    condition: buildExpr(cx, node(ctx, "condition"), at),
    then: buildExpr(cx, node(ctx, "then"), at),
    else: buildExpr(cx, node(ctx, "else"), at),
  }),
  matchExpr,
};
