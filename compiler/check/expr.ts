/**
 * Types an AST expression and lowers it to an IR expression, reporting what is wrong.
 * Returns undefined after reporting an error, so callers skip dependent checks.
 *
 * `checkExpr(scope, parse("year(epoch) - year(birth_date)"))`
 *   → { k: "binary", op: "sub", t: int, l: { k: "call", fn: "year", ... }, r: ... }
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";

import type { BinaryOp, Expr, Type, VType } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { checkCall } from "./calls.js";
import { report, requireNonNull } from "./report.js";
import { stringConst } from "./string-const.js";
import { resolveName, resolveMember } from "./names.js";
import { checkIndex } from "./row-access.js";
import { guardsWhere } from "./guards.js";
import { INT64_MAX, INT64_MIN, unsafeIntegerLiteral } from "./int-ranges.js";
import { fold } from "./fold.js";
import { T, isNumeric, isStringLike, isTemporal, join, showType, showVType, v, numericJoin } from "./types.js";

export function checkExpr(scope: ExprScope, e: A.Expr, expected?: Type): Expr | undefined {
  switch (e.kind) {
    case "NumberLit":
      // Where an int64 is expected a whole number is exact at any size (held as a BigInt).
      if (e.isInteger && expected?.kind === "bigint") {
        const n = BigInt(e.raw.replace(/_/g, ""));
        if (n >= INT64_MIN && n <= INT64_MAX) return { k: "const", t: v(T.bigint), v: n };
        return unsafeIntegerLiteral(scope.schema, e.raw, expected, e.span);
      }
      if (e.isInteger && Number.isSafeInteger(e.value)) return { k: "const", t: v(T.int), v: e.value };
      // An integer literal past ±(2^53 − 1) cannot be an int of generated code: an error, not a crash.
      if (e.isInteger && expected?.kind === "int") return unsafeIntegerLiteral(scope.schema, e.raw, expected, e.span);
      return floatConst(e);
    case "StringLit":
      return stringConst(scope, e.value, e.span, expected);
    case "BoolLit":
      return { k: "const", t: v(T.bool), v: e.value };
    case "NullLit":
      return { k: "const", t: v(T.null, true), v: null };
    case "DateLit":
      return { k: "const", t: v(T.date), v: e.days };
    case "TimestampLit":
      return { k: "const", t: v(T.timestamp), v: e.ms };
    case "DurationLit":
      return { k: "const", t: v(T.duration), v: e.ms };
    case "RegexLit":
      return report(scope, messages.regexOutsideAnnotation, e.span, []);
    case "TemplateLit":
      return checkTemplate(scope, e);
    case "Ident":
      return resolveName(scope, e);
    case "Member":
      return resolveMember(scope, e);
    case "Index":
      return checkIndex(scope, e);
    case "Call":
      return checkCall(scope, e, expected);
    case "Unary":
      return checkUnary(scope, e, expected);
    case "Binary":
      return checkBinary(scope, e, expected);
    case "IfExpr":
      return checkIf(scope, e, expected);
    case "MatchExpr":
      return checkMatch(scope, e, expected);
    case "ObjectLit":
      return checkObject(scope, e);
    case "RangeExpr":
      return report(scope, messages.typeMismatch, e.span, ["a single value", "a range"]);
    case "ArrayLit":
      return report(scope, messages.notSupportedYet, e.span, ["An array value"]);
  }
}

function checkTemplate(scope: ExprScope, e: A.TemplateLit): Expr | undefined {
  const parts: (string | Expr)[] = [];
  let ok = true;
  for (const part of e.parts) {
    if (part.kind === "TemplateText") {
      parts.push(part.value);
      continue;
    }
    const x = checkExpr(scope, part);
    if (!x) {
      ok = false;
      continue;
    }
    const k = x.t.type.kind;
    if (k === "row" || k === "fileRow" || k === "record" || k === "json" || k === "regex" || k === "duration") {
      report(scope, messages.templateValue, part.span, [showType(x.t.type)]);
      ok = false;
      continue;
    }
    if (!requireNonNull(scope, x, part.span)) {
      ok = false;
      continue;
    }
    parts.push(x);
  }
  return ok ? { k: "template", t: v(T.string), parts } : undefined;
}

function checkUnary(scope: ExprScope, e: A.Unary, expected?: Type): Expr | undefined {
  const x = checkExpr(scope, e.operand, e.op === "-" ? expected : T.bool);
  if (!x || !requireNonNull(scope, x, e.operand.span)) return undefined;
  if (e.op === "not") {
    if (x.t.type.kind !== "bool")
      return report(scope, messages.typeMismatch, e.operand.span, ["bool", showType(x.t.type)]);
    return { k: "not", t: v(T.bool), e: x };
  }
  if (x.k === "const" && typeof x.v === "number")
    return {
      ...x,
      v: -x.v,
      ...(x.raw !== undefined ? { raw: x.raw.startsWith("-") ? x.raw.slice(1) : "-" + x.raw } : {}),
    };
  if (x.k === "const" && typeof x.v === "bigint") return { ...x, v: -x.v };
  if (!isNumeric(x.t.type) && x.t.type.kind !== "duration")
    return report(scope, messages.typeMismatch, e.operand.span, ["a number", showType(x.t.type)]);
  return { k: "neg", t: v(x.t.type.kind === "decimal" ? T.float : x.t.type), e: x };
}

const binaryOps: Record<A.BinaryOp, BinaryOp> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "==": "eq",
  "!=": "ne",
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
  and: "and",
  or: "or",
};

function checkBinary(scope: ExprScope, e: A.Binary, expected?: Type): Expr | undefined {
  const op = binaryOps[e.op];
  if (op === "and" || op === "or") {
    const l = checkExpr(scope, e.left, T.bool);
    const r = checkExpr(scope, e.right, T.bool);
    if (!l || !r) return undefined;
    for (const [x, a] of [
      [l, e.left],
      [r, e.right],
    ] as const)
      if (x.t.type.kind !== "bool" || x.t.nullable)
        return report(scope, messages.typeMismatch, a.span, ["bool", showVType(x.t)]);
    return { k: "binary", t: v(T.bool), op, l, r };
  }
  if (op === "eq" || op === "ne") return checkEquality(scope, e, op);
  // Only an integer type reaches the operands (for literals): a float or decimal column does not turn
  // `uniform(9, 29)` inside `uniform(9, 29) + 0.99` into a float range (v2 issue: an int range stays an int range).
  const numericExpected = expected && (expected.kind === "int" || expected.kind === "bigint") ? expected : undefined;
  const l = checkExpr(scope, e.left, numericExpected);
  const r = checkExpr(scope, e.right, numericExpected);
  if (!l || !r) return undefined;
  if (!requireNonNull(scope, l, e.left.span) || !requireNonNull(scope, r, e.right.span)) return undefined;
  const type = binaryType(op, l.t.type, r.t.type);
  if (!type) return report(scope, messages.badOperands, e.span, [e.op, showType(l.t.type), showType(r.t.type)]);
  if (type === "concat") return { k: "template", t: v(T.string), parts: [l, r] };
  return fold({ k: "binary", t: v(type), op, l, r });
}

/** The result type of an arithmetic or ordering operator, "concat" for string `+`, or undefined. */
function binaryType(op: BinaryOp, l: Type, r: Type): Type | "concat" | undefined {
  const num = isNumeric(l) && isNumeric(r) && (l.kind === "bigint") === (r.kind === "bigint");
  switch (op) {
    case "lt":
    case "le":
    case "gt":
    case "ge":
      if (num || (isTemporal(l) && isTemporal(r)) || (isStringLike(l) && isStringLike(r))) return T.bool;
      if (l.kind === "duration" && r.kind === "duration") return T.bool;
      return undefined;
    case "add":
      if (num) return numericJoin(l, r);
      if (isStringLike(l) && isStringLike(r)) return "concat";
      if (isTemporal(l) && r.kind === "duration") return l;
      if (l.kind === "duration" && isTemporal(r)) return r;
      if (l.kind === "duration" && r.kind === "duration") return T.duration;
      return undefined;
    case "sub":
      if (num) return numericJoin(l, r);
      if (isTemporal(l) && r.kind === "duration") return l;
      if (isTemporal(l) && isTemporal(r)) return T.duration;
      if (l.kind === "duration" && r.kind === "duration") return T.duration;
      return undefined;
    case "mul":
      if (num) return numericJoin(l, r);
      if (l.kind === "duration" && isNumeric(r)) return T.duration;
      if (isNumeric(l) && r.kind === "duration") return T.duration;
      return undefined;
    case "div":
      if (num) return l.kind === "bigint" ? T.bigint : T.float;
      if (l.kind === "duration" && r.kind === "duration") return T.float;
      if (l.kind === "duration" && isNumeric(r)) return T.duration;
      return undefined;
    case "mod":
      if (num) return numericJoin(l, r);
      return undefined;
    default:
      return undefined;
  }
}

function checkEquality(scope: ExprScope, e: A.Binary, op: "eq" | "ne"): Expr | undefined {
  // Check the side that is not a bare string literal first, so `payment == "cash"` checks "cash"
  // against the enum of `payment`.
  const leftFirst = e.left.kind !== "StringLit";
  const first = checkExpr(scope, leftFirst ? e.left : e.right);
  if (!first) return undefined;
  const hint = first.t.type.kind === "enum" ? first.t.type : undefined;
  const second = checkExpr(scope, leftFirst ? e.right : e.left, hint);
  if (!second) return undefined;
  const [l, r] = leftFirst ? [first, second] : [second, first];
  const isNull = (x: Expr) => x.t.type.kind === "null";
  for (const x of [l, r])
    if (x.t.type.kind === "record")
      return report(scope, messages.recordNotValue, e.span, [showType(x.t.type).replace(/^a/, "A")], {
        help: "compare fields, such as p.zip == q.zip",
      });
  if (!isNull(l) && !isNull(r) && !join(l.t, r.t))
    return report(scope, messages.badOperands, e.span, [e.op, showType(l.t.type), showType(r.t.type)]);
  if (
    !isNull(l) &&
    !isNull(r) &&
    (l.t.nullable || r.t.nullable) &&
    !(isStringLike(l.t.type) || l.t.type.kind === "bool")
  )
    return report(scope, messages.nullableOperand, e.span, ["A compared value"]);
  return { k: "binary", t: v(T.bool), op, l, r };
}

function checkIf(scope: ExprScope, e: A.IfExpr, expected?: Type): Expr | undefined {
  const c = checkExpr(scope, e.condition, T.bool);
  // Each branch knows what the condition says about `index` and `ordinal` (guards.ts).
  const outer = scope.guards;
  scope.guards = guardsWhere(e.condition, true, outer);
  const a = checkExpr(scope, e.then, expected);
  scope.guards = guardsWhere(e.condition, false, outer);
  const b = checkExpr(scope, e.else, expected);
  scope.guards = outer;
  if (!c || !a || !b) return undefined;
  if (c.t.type.kind !== "bool" || c.t.nullable)
    return report(scope, messages.conditionNotBool, e.condition.span, ["'if'", showVType(c.t)]);
  const t = join(a.t, b.t);
  if (!t) return report(scope, messages.matchArmType, e.else.span, [showVType(a.t), showVType(b.t)]);
  return { k: "if", t, c, a, b };
}

function checkMatch(scope: ExprScope, e: A.MatchExpr, expected?: Type): Expr | undefined {
  const subject = checkExpr(scope, e.subject);
  if (!subject) return undefined;
  const hint = subject.t.type.kind === "enum" ? subject.t.type : undefined;
  const arms: { patterns: Expr[]; value: Expr }[] = [];
  let otherwise: Expr | undefined;
  let type: VType | undefined;
  let ok = true;
  const covered = new Set<unknown>();
  for (const arm of e.arms) {
    const value = checkExpr(scope, arm.value, expected);
    if (!value) {
      ok = false;
      continue;
    }
    const joined = type ? join(type, value.t) : value.t;
    if (!joined) {
      report(scope, messages.matchArmType, arm.value.span, [showVType(type!), showVType(value.t)]);
      ok = false;
      continue;
    }
    type = joined;
    if (arm.wildcard) {
      otherwise ??= value;
      continue;
    }
    const patterns: Expr[] = [];
    for (const p of arm.patterns) {
      const x = checkExpr(scope, p, hint);
      if (!x) {
        ok = false;
        continue;
      }
      if (x.k !== "const") {
        report(scope, messages.notConstant, p.span, ["A 'match' pattern"]);
        ok = false;
        continue;
      }
      if (!join(subject.t, x.t)) {
        report(scope, messages.typeMismatch, p.span, [showVType(subject.t), showVType(x.t)]);
        ok = false;
        continue;
      }
      covered.add(x.v);
      patterns.push(x);
    }
    arms.push({ patterns, value });
  }
  if (!ok || !type) return undefined;
  if (!otherwise) {
    const exhaustive = hint !== undefined && hint.values.every((m) => covered.has(m));
    if (!exhaustive) return report(scope, messages.matchNotExhaustive, e.span, []);
    otherwise = arms[arms.length - 1]!.value;
  }
  return { k: "match", t: type, subject, arms, otherwise };
}

function checkObject(scope: ExprScope, e: A.ObjectLit): Expr | undefined {
  const entries: { key: string; value: Expr }[] = [];
  const seen = new Set<string>();
  let ok = true;
  for (const entry of e.entries) {
    if (seen.has(entry.key.text)) {
      report(scope, messages.duplicateName, entry.key.span, ["key", entry.key.text]);
      ok = false;
    }
    seen.add(entry.key.text);
    const x = checkExpr(scope, entry.value);
    if (!x) {
      ok = false;
      continue;
    }
    if (x.t.type.kind === "row" || x.t.type.kind === "fileRow" || x.t.type.kind === "record" || x.t.type.kind === "regex") {
      report(scope, messages.templateValue, entry.value.span, [showType(x.t.type)]);
      ok = false;
      continue;
    }
    entries.push({ key: entry.key.text, value: x });
  }
  if (!ok) return undefined;
  const fields = entries.map((en) => ({ name: en.key, type: en.value.t.type, nullable: en.value.t.nullable }));
  return { k: "object", t: v({ kind: "json", fields }), entries };
}

/** A float literal; its exact text kept when the double does not print as it (`12345678901234567890.12`). */
function floatConst(e: A.NumberLit): Expr {
  const text = e.raw.replace(/_/g, "");
  const exact = !e.isPercent && /^\d+(\.\d+)?$/.test(text) && String(e.value) !== text;
  return { k: "const", t: v(T.float), v: e.value, ...(exact ? { raw: text } : {}) };
}
