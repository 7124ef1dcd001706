/**
 * The generators of §5: uniform and between, the distributions, one_of and weighted, pattern, pick
 * and sequence; parameters are checked where constant (sd > 0, lo ≤ hi, p in [0, 1], weights ≥ 0
 * and not all 0).
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, GenFn, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";

import { compilePattern } from "../../runtime/text/pattern.js";
import { bindArgs, constValue, gen, helper, numArg, param, type Handler, type Param } from "./call-args.js";
import { choiceSet } from "./choices.js";
import { stringConst } from "./string-const.js";
import { report, requireNonNull } from "./report.js";
import { T, isNumeric, isTemporal, join, showType, v } from "./types.js";

export const distributions: Record<
  string,
  { params: Param[]; fn: GenFn; type: Type; rules: [string, (n: number) => boolean, string][] }
> = {
  normal: {
    params: [{ name: "mean" }, { name: "sd" }],
    fn: "normal",
    type: T.float,
    rules: [["sd", (n) => n > 0, "must be greater than 0"]],
  },
  lognormal: {
    params: [{ name: "mu" }, { name: "sigma" }],
    fn: "lognormal",
    type: T.float,
    rules: [["sigma", (n) => n > 0, "must be greater than 0"]],
  },
  exponential: {
    params: [{ name: "rate" }],
    fn: "exponential",
    type: T.float,
    rules: [["rate", (n) => n > 0, "must be greater than 0"]],
  },
  poisson: {
    params: [{ name: "lambda" }],
    fn: "poisson",
    type: T.int,
    rules: [["lambda", (n) => n >= 0 && n <= 1e9, "must be between 0 and 1e9"]],
  },
  zipf: {
    params: [{ name: "s" }, { name: "n" }],
    fn: "zipf",
    type: T.int,
    rules: [
      ["s", (n) => n > 0, "must be greater than 0"],
      ["n", (n) => Number.isInteger(n) && n >= 1, "must be a whole number of at least 1"],
    ],
  },
  bernoulli: {
    params: [{ name: "p" }],
    fn: "bernoulli",
    type: T.bool,
    rules: [["p", (n) => n >= 0 && n <= 1, "must be between 0 and 1"]],
  },
  beta: {
    params: [{ name: "a" }, { name: "b" }],
    fn: "beta",
    type: T.float,
    rules: [
      ["a", (n) => n > 0, "must be greater than 0"],
      ["b", (n) => n > 0, "must be greater than 0"],
    ],
  },
  gamma: {
    params: [{ name: "k" }, { name: "theta" }],
    fn: "gamma",
    type: T.float,
    rules: [
      ["k", (n) => n > 0, "must be greater than 0"],
      ["theta", (n) => n > 0, "must be greater than 0"],
    ],
  },
};

export function distribution(name: string): Handler {
  const d = distributions[name]!;
  return (scope, call) => {
    const b = bindArgs(scope, call, name, d.params);
    if (!b) return undefined;
    const args: Expr[] = [];
    let ok = true;
    for (const p of d.params) {
      const x = numArg(scope, b.get(p.name));
      if (!x) ok = false;
      else args.push(x);
    }
    if (!ok) return undefined;
    for (const [pname, rule, text] of d.rules) {
      const i = d.params.findIndex((p) => p.name === pname);
      if (!param(scope, name, pname, args[i], b.get(pname), rule, text)) ok = false;
    }
    return ok ? gen(scope, d.fn, d.type, args) : undefined;
  };
}

export function uniform(scope: ExprScope, call: A.Call, expected: Type | undefined, fn = "uniform"): Expr | undefined {
  const b = bindArgs(scope, call, fn, [{ name: "lo" }, { name: "hi" }]);
  if (!b) return undefined;
  // The bounds are read as numbers (an int64 column takes the whole-number draw, converted).
  const bounds = expected?.kind === "bigint" ? undefined : expected;
  const lo = scope.check(b.get("lo")!, bounds);
  const hi = scope.check(b.get("hi")!, bounds);
  if (!lo || !hi) return undefined;
  if (!requireNonNull(scope, lo, b.get("lo")!.span) || !requireNonNull(scope, hi, b.get("hi")!.span)) return undefined;
  const cl = lo.k === "const" ? lo.v : undefined;
  const ch = hi.k === "const" ? hi.v : undefined;
  if (typeof cl === "number" && typeof ch === "number" && cl > ch)
    return report(scope, messages.loAboveHi, call.span, [fn]);
  if (isTemporal(lo.t.type) && isTemporal(hi.t.type)) {
    const ts = lo.t.type.kind === "timestamp" || hi.t.type.kind === "timestamp" || expected?.kind === "timestamp";
    if (!ts) return gen(scope, "uniformInt", T.date, [lo, hi]);
    return gen(scope, "uniformInt", T.timestamp, [toTimestamp(lo), toTimestamp(hi)]);
  }
  if (fn === "between")
    return report(scope, messages.typeMismatch, call.span, [
      "two dates or timestamps",
      `${showType(lo.t.type)} and ${showType(hi.t.type)}`,
    ]);
  if (!isNumeric(lo.t.type) || !isNumeric(hi.t.type))
    return report(scope, messages.typeMismatch, call.span, [
      "two numbers, dates or timestamps",
      `${showType(lo.t.type)} and ${showType(hi.t.type)}`,
    ]);
  const ints = lo.t.type.kind === "int" && hi.t.type.kind === "int";
  const wantsFloat = expected !== undefined && (expected.kind === "float" || expected.kind === "decimal");
  if (ints && !wantsFloat) return gen(scope, "uniformInt", T.int, [lo, hi]);
  return gen(scope, "uniformFloat", T.float, [lo, hi]);
}

export function toTimestamp(x: Expr): Expr {
  if (x.t.type.kind === "timestamp") return x;
  if (x.k === "const" && typeof x.v === "number") return { k: "const", t: v(T.timestamp), v: x.v * 86_400_000 };
  return helper("toTimestamp", T.timestamp, [x]);
}

export function constArgs(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr[] | undefined {
  const out: Expr[] = [];
  for (const a of call.args) {
    if (a.name) return report(scope, messages.unknownArgument, a.name.span, [a.name.text, "one_of"]);
    const x = scope.check(a.value, expected);
    if (!x) return undefined;
    if (x.k !== "const" || x.v === null)
      return report(scope, messages.notConstant, a.value.span, ["Each choice of 'one_of'"]);
    out.push(x);
  }
  return out;
}

export function oneOf(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.args.length === 0) return report(scope, messages.wrongArgCount, call.span, ["one_of", "at least 1", 0]);
  const hint = expected?.kind === "enum" ? expected : undefined;
  const xs = constArgs(scope, call, hint);
  if (!xs) return undefined;
  let t = xs[0]!.t;
  for (let i = 1; i < xs.length; i++) {
    const j = join(t, xs[i]!.t);
    if (!j)
      return report(scope, messages.matchArmType, call.args[i]!.span, [showType(t.type), showType(xs[i]!.t.type)]);
    t = j;
  }
  const values = xs.map((x) => (x.k === "const" ? (x.v as string | number) : ""));
  return { k: "choice", t, choices: choiceSet(scope.schema, values), slot: scope.slot++ };
}

export function weighted(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  const arg = call.args[0];
  if (call.args.length !== 1 || !arg || arg.value.kind !== "ObjectLit")
    return report(scope, messages.wrongArgCount, call.span, [
      "weighted",
      '1 (an object of weights such as {"a": 0.7, "b": 0.3})',
      call.args.length,
    ]);
  const hint = expected?.kind === "enum" ? expected : undefined;
  const values: string[] = [];
  const weights: number[] = [];
  let ok = true;
  for (const entry of arg.value.entries) {
    const key = stringConst(scope, entry.key.text, entry.key.span, hint);
    const w = scope.check(entry.value);
    if (!key || !w) {
      ok = false;
      continue;
    }
    if (w.k !== "const" || typeof w.v !== "number" || !(w.v >= 0) || !Number.isFinite(w.v)) {
      report(scope, messages.badWeights, entry.value.span, ["each weight must be a number of at least 0"]);
      ok = false;
      continue;
    }
    values.push(entry.key.text);
    weights.push(w.v);
  }
  if (!ok) return undefined;
  if (values.length === 0 || weights.every((w) => w === 0))
    return report(scope, messages.badWeights, arg.span, ["they must not all be 0"]);
  const t = hint ? v(hint) : v(T.string);
  return { k: "choice", t, choices: choiceSet(scope.schema, values, weights), slot: scope.slot++ };
}

export function pattern(scope: ExprScope, call: A.Call): Expr | undefined {
  const b = bindArgs(scope, call, "pattern", [{ name: "pattern" }]);
  if (!b) return undefined;
  const arg = b.get("pattern")!;
  if (arg.kind !== "StringLit") return report(scope, messages.notConstant, arg.span, ["The pattern"]);
  const r = compilePattern(arg.value);
  if (!r.ok) {
    // The offset counts characters of the decoded string; it maps onto the source only without escapes.
    const exact = arg.span.end - arg.span.start === arg.value.length + 2;
    const span = exact ? { start: arg.span.start + 1 + r.offset, end: arg.span.start + 2 + r.offset } : arg.span;
    return report(scope, messages.badPattern, span, [r.error.replace(/\.$/, "")]);
  }
  return { k: "pattern", t: v(T.string), spec: r.spec, slot: scope.slot++ };
}

export function sequence(scope: ExprScope, call: A.Call): Expr | undefined {
  const b = bindArgs(scope, call, "sequence", [
    { name: "start", optional: true },
    { name: "step", optional: true },
  ]);
  if (!b) return undefined;
  const start = b.get("start") ? scope.check(b.get("start")!) : { k: "const" as const, t: v(T.int), v: 1 };
  const step = b.get("step") ? scope.check(b.get("step")!) : { k: "const" as const, t: v(T.int), v: 1 };
  const s0 = constValue(start);
  const s1 = constValue(step);
  if (s0 === undefined || !Number.isSafeInteger(s0))
    return report(scope, messages.notConstant, b.get("start")?.span ?? call.span, [
      "The start of 'sequence' (a whole number)",
    ]);
  if (s1 === undefined || !Number.isSafeInteger(s1) || s1 === 0)
    return report(scope, messages.badParameter, b.get("step")?.span ?? call.span, [
      "sequence",
      "step",
      "must be a whole number other than 0",
    ]);
  return { k: "sequence", t: v(T.int), start: s0, step: s1 };
}
