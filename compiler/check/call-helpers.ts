/**
 * The helpers of §5: rounding, clamping, string and date functions, durations and coalesce.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, HelperFn, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs, constValue, helper, numArg, type Handler } from "./call-args.js";
import { report, requireNonNull } from "./report.js";
import { T, isTemporal, join, showType, v, numericJoin } from "./types.js";

export function numericHelper(fn: HelperFn, arity: number, result: (ts: Type[]) => Type): Handler {
  return (scope, call) => {
    if (call.args.length !== arity)
      return report(scope, messages.wrongArgCount, call.span, [fn, String(arity), call.args.length]);
    const args: Expr[] = [];
    for (const a of call.args) {
      const x = numArg(scope, a.value);
      if (!x) return undefined;
      args.push(x);
    }
    return helper(fn, result(args.map((a) => a.t.type)), args);
  };
}

export function round(scope: ExprScope, call: A.Call): Expr | undefined {
  const b = bindArgs(scope, call, "round", [{ name: "x" }, { name: "digits", optional: true }]);
  if (!b) return undefined;
  const x = numArg(scope, b.get("x"));
  if (!x) return undefined;
  const digitsArg = b.get("digits");
  const digits = digitsArg ? scope.check(digitsArg) : undefined;
  const d = digits ? constValue(digits) : 0;
  if (d === undefined || !Number.isInteger(d) || d < 0 || d > 15)
    return report(scope, messages.badParameter, digitsArg!.span, [
      "round",
      "digits",
      "must be a whole number from 0 to 15",
    ]);
  const t: Type = d === 0 ? T.int : x.t.type.kind === "int" ? T.int : T.float;
  return helper("round", t, [x, { k: "const", t: v(T.int), v: d }]);
}

export function stringHelper(fn: HelperFn, result: Type): Handler {
  return (scope, call) => {
    if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, [fn, "1", call.args.length]);
    const a = call.args[0]!.value;
    const x = scope.check(a);
    if (!x || !requireNonNull(scope, x, a.span)) return undefined;
    if (fn !== "str" && x.t.type.kind !== "string" && x.t.type.kind !== "enum" && x.t.type.kind !== "uuid")
      return report(scope, messages.typeMismatch, a.span, ["string", showType(x.t.type)]);
    return helper(fn, result, [x]);
  };
}

export function concat(scope: ExprScope, call: A.Call): Expr | undefined {
  const parts: (string | Expr)[] = [];
  for (const a of call.args) {
    const x = scope.check(a.value);
    if (!x || !requireNonNull(scope, x, a.value.span)) return undefined;
    // A string literal is literal text, as in a template (so key proofs read it the same way).
    parts.push(x.k === "const" && typeof x.v === "string" && x.t.type.kind === "string" ? x.v : x);
  }
  return { k: "template", t: v(T.string), parts };
}

export function temporalHelper(fn: HelperFn, result: Type): Handler {
  return (scope, call) => {
    if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, [fn, "1", call.args.length]);
    const a = call.args[0]!.value;
    const x = scope.check(a);
    if (!x || !requireNonNull(scope, x, a.span)) return undefined;
    if (!isTemporal(x.t.type))
      return report(scope, messages.typeMismatch, a.span, ["a date or timestamp", showType(x.t.type)]);
    return helper(fn, result, [x]);
  };
}

export function durationOf(ms: number): Handler {
  return (scope, call) => {
    if (call.args.length !== 1)
      return report(scope, messages.wrongArgCount, call.span, ["days", "1", call.args.length]);
    const x = numArg(scope, call.args[0]!.value);
    if (!x) return undefined;
    const c = constValue(x);
    if (c !== undefined) return { k: "const", t: v(T.duration), v: c * ms };
    return { k: "binary", t: v(T.duration), op: "mul", l: x, r: { k: "const", t: v(T.int), v: ms } };
  };
}

export function coalesce(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.args.length < 2)
    return report(scope, messages.wrongArgCount, call.span, ["coalesce", "at least 2", call.args.length]);
  const args: Expr[] = [];
  let t: ReturnType<typeof join> | undefined;
  for (const a of call.args) {
    const x = scope.check(a.value, expected);
    if (!x) return undefined;
    t = t ? join(t, x.t) : x.t;
    if (!t) return report(scope, messages.matchArmType, a.value.span, [showType(args[0]!.t.type), showType(x.t.type)]);
    args.push(x);
  }
  return helper("coalesce", t!.type, args, args[args.length - 1]!.t.nullable);
}

export function minMax(fn: "min" | "max"): Handler {
  return (scope, call) => {
    if (call.args.length < 2)
      return report(scope, messages.wrongArgCount, call.span, [fn, "at least 2", call.args.length]);
    const args: Expr[] = [];
    for (const a of call.args) {
      const x = numArg(scope, a.value);
      if (!x) return undefined;
      args.push(x);
    }
    return helper(fn, args.map((a) => a.t.type).reduce(numericJoin), args);
  };
}

export function clamp(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  const b = bindArgs(scope, call, "clamp", [{ name: "x" }, { name: "lo" }, { name: "hi" }]);
  if (!b) return undefined;
  const x = numArg(scope, b.get("x"), expected);
  const lo = numArg(scope, b.get("lo"));
  const hi = numArg(scope, b.get("hi"));
  if (!x || !lo || !hi) return undefined;
  const l = constValue(lo);
  const h = constValue(hi);
  if (l !== undefined && h !== undefined && l > h) return report(scope, messages.loAboveHi, call.span, ["clamp"]);
  return helper("clamp", [x, lo, hi].map((a) => a.t.type).reduce(numericJoin), [x, lo, hi]);
}

export const notYet =
  (what: string): Handler =>
  (scope, call) =>
    report(scope, messages.notSupportedYet, call.callee.span, [what]);
