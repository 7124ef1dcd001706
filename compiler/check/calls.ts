/**
 * Calls: the generators and helpers of §5, typed and lowered; parameters checked where constant
 * (sd > 0, lo ≤ hi, p in [0, 1], weights ≥ 0 and not all 0).
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../diagnostics/messages.js";
import { didYouMean } from "../diagnostics/spelling.js";
import type { Expr, GenFn, HelperFn, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { checkExpr, report, requireNonNull, stringConst } from "./expr.js";
import { checkFakerCall } from "./faker-calls.js";
import { checkFromFile } from "./from-file.js";
import { compilePattern } from "../../runtime/text/pattern.js";
import { T, isNumeric, isTemporal, join, showType, v, numericJoin } from "./types.js";
import { choiceSet } from "./choices.js";

interface Param {
  readonly name: string;
  readonly optional?: boolean;
}

type Bound = Map<string, A.Expr>;

/** Binds positional and named arguments to parameters; undefined after reporting a mismatch. */
export function bindArgs(scope: ExprScope, call: A.Call, fn: string, params: readonly Param[]): Bound | undefined {
  const bound: Bound = new Map();
  let ok = true;
  let position = 0;
  for (const arg of call.args) {
    if (arg.name) {
      const p = params.find((x) => x.name === arg.name!.text);
      if (!p) {
        const help = didYouMean(arg.name.text, params.map((x) => x.name));
        report(scope, messages.unknownArgument, arg.name.span, [arg.name.text, fn], help ? { help } : {});
        ok = false;
        continue;
      }
      if (bound.has(p.name)) {
        report(scope, messages.duplicateArgument, arg.name.span, [p.name]);
        ok = false;
        continue;
      }
      bound.set(p.name, arg.value);
    } else {
      const p = params[position++];
      if (!p) {
        report(scope, messages.wrongArgCount, arg.span, [fn, arity(params), call.args.length]);
        return undefined;
      }
      bound.set(p.name, arg.value);
    }
  }
  if (!ok) return undefined; // a misnamed argument is the error; do not add "missing argument" to it
  for (const p of params)
    if (!p.optional && !bound.has(p.name)) {
      report(scope, messages.wrongArgCount, call.span, [fn, arity(params), call.args.length]);
      return undefined;
    }
  return ok ? bound : undefined;
}

function arity(params: readonly Param[]): string {
  const min = params.filter((p) => !p.optional).length;
  return min === params.length ? String(min) : `${min} to ${params.length}`;
}

/** Checks an argument that must be a number (int or float), not null. */
function numArg(scope: ExprScope, e: A.Expr | undefined, expectedType?: Type): Expr | undefined {
  if (!e) return undefined;
  const x = checkExpr(scope, e, expectedType);
  if (!x || !requireNonNull(scope, x, e.span)) return undefined;
  if (!isNumeric(x.t.type)) return report(scope, messages.typeMismatch, e.span, ["a number", showType(x.t.type)]);
  return x;
}

export function constValue(x: Expr | undefined): number | undefined {
  return x && x.k === "const" && typeof x.v === "number" ? x.v : undefined;
}

/** Validates a constant parameter: `rule(value)` true when valid. */
function param(scope: ExprScope, fn: string, name: string, x: Expr | undefined, at: A.Expr | undefined, rule: (n: number) => boolean, text: string): boolean {
  const c = constValue(x);
  if (c !== undefined && !rule(c)) {
    report(scope, messages.badParameter, at!.span, [fn, name, text]);
    return false;
  }
  return true;
}

function gen(scope: ExprScope, fn: GenFn, t: Type, args: Expr[]): Expr {
  return { k: "gen", t: v(t), fn, args, slot: scope.slot++ };
}

function helper(fn: HelperFn, t: Type, args: Expr[], nullable = false): Expr {
  return { k: "call", t: v(t, nullable), fn, args };
}

const timeSeriesTerms = new Set(["seasonal", "trend", "walk", "gbm"]);

type Handler = (scope: ExprScope, call: A.Call, expected: Type | undefined) => Expr | undefined;

const distributions: Record<string, { params: Param[]; fn: GenFn; type: Type; rules: [string, (n: number) => boolean, string][] }> = {
  normal: { params: [{ name: "mean" }, { name: "sd" }], fn: "normal", type: T.float, rules: [["sd", (n) => n > 0, "must be greater than 0"]] },
  lognormal: { params: [{ name: "mu" }, { name: "sigma" }], fn: "lognormal", type: T.float, rules: [["sigma", (n) => n > 0, "must be greater than 0"]] },
  exponential: { params: [{ name: "rate" }], fn: "exponential", type: T.float, rules: [["rate", (n) => n > 0, "must be greater than 0"]] },
  poisson: { params: [{ name: "lambda" }], fn: "poisson", type: T.int, rules: [["lambda", (n) => n >= 0 && n <= 1e9, "must be between 0 and 1e9"]] },
  zipf: {
    params: [{ name: "s" }, { name: "n" }],
    fn: "zipf",
    type: T.int,
    rules: [
      ["s", (n) => n > 0, "must be greater than 0"],
      ["n", (n) => Number.isInteger(n) && n >= 1, "must be a whole number of at least 1"],
    ],
  },
  bernoulli: { params: [{ name: "p" }], fn: "bernoulli", type: T.bool, rules: [["p", (n) => n >= 0 && n <= 1, "must be between 0 and 1"]] },
  beta: { params: [{ name: "a" }, { name: "b" }], fn: "beta", type: T.float, rules: [["a", (n) => n > 0, "must be greater than 0"], ["b", (n) => n > 0, "must be greater than 0"]] },
  gamma: { params: [{ name: "k" }, { name: "theta" }], fn: "gamma", type: T.float, rules: [["k", (n) => n > 0, "must be greater than 0"], ["theta", (n) => n > 0, "must be greater than 0"]] },
};

function distribution(name: string): Handler {
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

function uniform(scope: ExprScope, call: A.Call, expected: Type | undefined, fn = "uniform"): Expr | undefined {
  const b = bindArgs(scope, call, fn, [{ name: "lo" }, { name: "hi" }]);
  if (!b) return undefined;
  const lo = checkExpr(scope, b.get("lo")!, expected);
  const hi = checkExpr(scope, b.get("hi")!, expected);
  if (!lo || !hi) return undefined;
  if (!requireNonNull(scope, lo, b.get("lo")!.span) || !requireNonNull(scope, hi, b.get("hi")!.span)) return undefined;
  const cl = lo.k === "const" ? lo.v : undefined;
  const ch = hi.k === "const" ? hi.v : undefined;
  if (typeof cl === "number" && typeof ch === "number" && cl > ch) return report(scope, messages.loAboveHi, call.span, [fn]);
  if (isTemporal(lo.t.type) && isTemporal(hi.t.type)) {
    const ts = lo.t.type.kind === "timestamp" || hi.t.type.kind === "timestamp" || expected?.kind === "timestamp";
    if (!ts) return gen(scope, "uniformInt", T.date, [lo, hi]);
    return gen(scope, "uniformInt", T.timestamp, [toTimestamp(lo), toTimestamp(hi)]);
  }
  if (fn === "between") return report(scope, messages.typeMismatch, call.span, ["two dates or timestamps", `${showType(lo.t.type)} and ${showType(hi.t.type)}`]);
  if (!isNumeric(lo.t.type) || !isNumeric(hi.t.type))
    return report(scope, messages.typeMismatch, call.span, ["two numbers, dates or timestamps", `${showType(lo.t.type)} and ${showType(hi.t.type)}`]);
  const ints = lo.t.type.kind === "int" && hi.t.type.kind === "int";
  const wantsFloat = expected !== undefined && (expected.kind === "float" || expected.kind === "decimal");
  if (ints && !wantsFloat) return gen(scope, "uniformInt", T.int, [lo, hi]);
  return gen(scope, "uniformFloat", T.float, [lo, hi]);
}

function toTimestamp(x: Expr): Expr {
  if (x.t.type.kind === "timestamp") return x;
  if (x.k === "const" && typeof x.v === "number") return { k: "const", t: v(T.timestamp), v: x.v * 86_400_000 };
  return helper("toTimestamp", T.timestamp, [x]);
}

function constArgs(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr[] | undefined {
  const out: Expr[] = [];
  for (const a of call.args) {
    if (a.name) return report(scope, messages.unknownArgument, a.name.span, [a.name.text, "one_of"]);
    const x = checkExpr(scope, a.value, expected);
    if (!x) return undefined;
    if (x.k !== "const" || x.v === null) return report(scope, messages.notConstant, a.value.span, ["Each choice of 'one_of'"]);
    out.push(x);
  }
  return out;
}

function oneOf(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.args.length === 0) return report(scope, messages.wrongArgCount, call.span, ["one_of", "at least 1", 0]);
  const hint = expected?.kind === "enum" ? expected : undefined;
  const xs = constArgs(scope, call, hint);
  if (!xs) return undefined;
  let t = xs[0]!.t;
  for (let i = 1; i < xs.length; i++) {
    const j = join(t, xs[i]!.t);
    if (!j) return report(scope, messages.matchArmType, call.args[i]!.span, [showType(t.type), showType(xs[i]!.t.type)]);
    t = j;
  }
  const values = xs.map((x) => (x.k === "const" ? (x.v as string | number) : ""));
  return { k: "choice", t, choices: choiceSet(scope.schema, values), slot: scope.slot++ };
}

function weighted(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  const arg = call.args[0];
  if (call.args.length !== 1 || !arg || arg.value.kind !== "ObjectLit")
    return report(scope, messages.wrongArgCount, call.span, ["weighted", "1 (an object of weights such as {\"a\": 0.7, \"b\": 0.3})", call.args.length]);
  const hint = expected?.kind === "enum" ? expected : undefined;
  const values: string[] = [];
  const weights: number[] = [];
  let ok = true;
  for (const entry of arg.value.entries) {
    const key = stringConst(scope, entry.key.text, entry.key.span, hint);
    const w = checkExpr(scope, entry.value);
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
  if (values.length === 0 || weights.every((w) => w === 0)) return report(scope, messages.badWeights, arg.span, ["they must not all be 0"]);
  const t = hint ? v(hint) : v(T.string);
  return { k: "choice", t, choices: choiceSet(scope.schema, values, weights), slot: scope.slot++ };
}

function pattern(scope: ExprScope, call: A.Call): Expr | undefined {
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

function pick(scope: ExprScope, call: A.Call): Expr | undefined {
  const target = call.args[0];
  if (!target || target.name || target.value.kind !== "Ident" || call.args.length > 2) return report(scope, messages.pickArgument, call.span, []);
  const name = target.value.name;
  if (!scope.schema.tables.has(name)) {
    const help = didYouMean(name, scope.schema.tables.keys());
    return report(scope, messages.unknownTable, target.value.span, [name], help ? { help } : {});
  }
  if (name === scope.table.name) return report(scope, messages.selfReference, target.value.span, [name]);
  let zipf: number | undefined;
  const dist = call.args[1];
  if (dist) {
    const d = dist.value;
    if (d.kind !== "Call" || d.callee.kind !== "Ident" || !["zipf", "uniform"].includes(d.callee.name))
      return report(scope, messages.pickArgument, dist.span, []);
    if (d.callee.name === "zipf") {
      const s = d.args[0] ? checkExpr(scope, d.args[0].value) : undefined;
      const c = constValue(s);
      if (d.args.length !== 1 || c === undefined || !(c > 0))
        return report(scope, messages.badParameter, d.span, ["zipf", "s", "pick(table, zipf(s)) takes one constant exponent s > 0"]);
      zipf = c;
    }
  }
  scope.tableRefs.add(name);
  return { k: "pick", t: v({ kind: "row", table: name }), table: name, slot: scope.slot++, ...(zipf !== undefined ? { zipf } : {}) };
}

function sequence(scope: ExprScope, call: A.Call): Expr | undefined {
  const b = bindArgs(scope, call, "sequence", [{ name: "start", optional: true }, { name: "step", optional: true }]);
  if (!b) return undefined;
  const start = b.get("start") ? checkExpr(scope, b.get("start")!) : { k: "const" as const, t: v(T.int), v: 1 };
  const step = b.get("step") ? checkExpr(scope, b.get("step")!) : { k: "const" as const, t: v(T.int), v: 1 };
  const s0 = constValue(start);
  const s1 = constValue(step);
  if (s0 === undefined || !Number.isSafeInteger(s0)) return report(scope, messages.notConstant, b.get("start")?.span ?? call.span, ["The start of 'sequence' (a whole number)"]);
  if (s1 === undefined || !Number.isSafeInteger(s1) || s1 === 0)
    return report(scope, messages.badParameter, b.get("step")?.span ?? call.span, ["sequence", "step", "must be a whole number other than 0"]);
  return { k: "sequence", t: v(T.int), start: s0, step: s1 };
}

function numericHelper(fn: HelperFn, arity: number, result: (ts: Type[]) => Type): Handler {
  return (scope, call) => {
    if (call.args.length !== arity) return report(scope, messages.wrongArgCount, call.span, [fn, String(arity), call.args.length]);
    const args: Expr[] = [];
    for (const a of call.args) {
      const x = numArg(scope, a.value);
      if (!x) return undefined;
      args.push(x);
    }
    return helper(fn, result(args.map((a) => a.t.type)), args);
  };
}

function round(scope: ExprScope, call: A.Call): Expr | undefined {
  const b = bindArgs(scope, call, "round", [{ name: "x" }, { name: "digits", optional: true }]);
  if (!b) return undefined;
  const x = numArg(scope, b.get("x"));
  if (!x) return undefined;
  const digitsArg = b.get("digits");
  const digits = digitsArg ? checkExpr(scope, digitsArg) : undefined;
  const d = digits ? constValue(digits) : 0;
  if (d === undefined || !Number.isInteger(d) || d < 0 || d > 15)
    return report(scope, messages.badParameter, digitsArg!.span, ["round", "digits", "must be a whole number from 0 to 15"]);
  const t: Type = d === 0 ? T.int : x.t.type.kind === "int" ? T.int : T.float;
  return helper("round", t, [x, { k: "const", t: v(T.int), v: d }]);
}

function stringHelper(fn: HelperFn, result: Type): Handler {
  return (scope, call) => {
    if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, [fn, "1", call.args.length]);
    const a = call.args[0]!.value;
    const x = checkExpr(scope, a);
    if (!x || !requireNonNull(scope, x, a.span)) return undefined;
    if (fn !== "str" && x.t.type.kind !== "string" && x.t.type.kind !== "enum" && x.t.type.kind !== "uuid")
      return report(scope, messages.typeMismatch, a.span, ["string", showType(x.t.type)]);
    return helper(fn, result, [x]);
  };
}

function concat(scope: ExprScope, call: A.Call): Expr | undefined {
  const parts: Expr[] = [];
  for (const a of call.args) {
    const x = checkExpr(scope, a.value);
    if (!x || !requireNonNull(scope, x, a.value.span)) return undefined;
    parts.push(x);
  }
  return { k: "template", t: v(T.string), parts };
}

function temporalHelper(fn: HelperFn, result: Type): Handler {
  return (scope, call) => {
    if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, [fn, "1", call.args.length]);
    const a = call.args[0]!.value;
    const x = checkExpr(scope, a);
    if (!x || !requireNonNull(scope, x, a.span)) return undefined;
    if (!isTemporal(x.t.type)) return report(scope, messages.typeMismatch, a.span, ["a date or timestamp", showType(x.t.type)]);
    return helper(fn, result, [x]);
  };
}

function durationOf(ms: number): Handler {
  return (scope, call) => {
    if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, ["days", "1", call.args.length]);
    const x = numArg(scope, call.args[0]!.value);
    if (!x) return undefined;
    const c = constValue(x);
    if (c !== undefined) return { k: "const", t: v(T.duration), v: c * ms };
    return { k: "binary", t: v(T.duration), op: "mul", l: x, r: { k: "const", t: v(T.int), v: ms } };
  };
}

function coalesce(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.args.length < 2) return report(scope, messages.wrongArgCount, call.span, ["coalesce", "at least 2", call.args.length]);
  const args: Expr[] = [];
  let t: ReturnType<typeof join> | undefined;
  for (const a of call.args) {
    const x = checkExpr(scope, a.value, expected);
    if (!x) return undefined;
    t = t ? join(t, x.t) : x.t;
    if (!t) return report(scope, messages.matchArmType, a.value.span, [showType(args[0]!.t.type), showType(x.t.type)]);
    args.push(x);
  }
  return helper("coalesce", t!.type, args, args[args.length - 1]!.t.nullable);
}

function minMax(fn: "min" | "max"): Handler {
  return (scope, call) => {
    if (call.args.length < 2) return report(scope, messages.wrongArgCount, call.span, [fn, "at least 2", call.args.length]);
    const args: Expr[] = [];
    for (const a of call.args) {
      const x = numArg(scope, a.value);
      if (!x) return undefined;
      args.push(x);
    }
    return helper(fn, args.map((a) => a.t.type).reduce(numericJoin), args);
  };
}

function clamp(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
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

const notYet = (what: string): Handler => (scope, call) => report(scope, messages.notSupportedYet, call.callee.span, [what]);

export const builtins: Record<string, Handler> = {
  sequence,
  uniform: (s, c, e) => uniform(s, c, e),
  between: (s, c, e) => uniform(s, c, e, "between"),
  ...Object.fromEntries(Object.keys(distributions).map((n) => [n, distribution(n)])),
  one_of: oneOf,
  weighted,
  from_file: checkFromFile,
  pattern,
  uuid: (scope, call) => (call.args.length ? report(scope, messages.wrongArgCount, call.span, ["uuid", "0", call.args.length]) : gen(scope, "uuid", T.uuid, [])),
  pick,
  round,
  floor: numericHelper("floor", 1, () => T.int),
  ceil: numericHelper("ceil", 1, () => T.int),
  abs: numericHelper("abs", 1, (ts) => (ts[0]!.kind === "int" ? T.int : T.float)),
  min: minMax("min"),
  max: minMax("max"),
  clamp,
  lower: stringHelper("lower", T.string),
  upper: stringHelper("upper", T.string),
  trim: stringHelper("trim", T.string),
  len: stringHelper("len", T.int),
  str: stringHelper("str", T.string),
  concat,
  coalesce,
  year: temporalHelper("year", T.int),
  month: temporalHelper("month", T.int),
  day: temporalHelper("day", T.int),
  hour: temporalHelper("hour", T.int),
  weekday: temporalHelper("weekday", T.int),
  date: temporalHelper("toDate", T.date),
  timestamp: temporalHelper("toTimestamp", T.timestamp),
  seconds: durationOf(1000),
  minutes: durationOf(60_000),
  hours: durationOf(3_600_000),
  days: durationOf(86_400_000),
  weeks: durationOf(604_800_000),
  ...Object.fromEntries([...timeSeriesTerms].map((n) => [n, notYet(`The time-series term '${n}'`)])),
};

export function checkCall(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.callee.kind === "Member") return checkFakerCall(scope, call, expected);
  const name = call.callee.name;
  const handler = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (!handler) {
    const help = didYouMean(name, Object.keys(builtins));
    return report(scope, messages.unknownFunction, call.callee.span, [name], help ? { help } : {});
  }
  return handler(scope, call, expected);
}
