/**
 * The time-series terms of §5, for `every` tables only: `seasonal(period, amplitude, phase = 0)`,
 * `trend(rate / D)`, `walk(sd)` and `gbm(s0, mu, sigma)`. Every parameter is a constant, checked here
 * (durations positive, sd ≥ 0, σ ≥ 0, s0 > 0); each term is a float.
 *
 *   trend(0.2 / 1d)   → { k: "series", term: { kind: "trend", rate: 0.2, perMs: 86400000 } }
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, SeriesTerm } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs, param, type Bound, type Handler, type Param } from "./call-args.js";
import { report } from "./report.js";
import { T, v } from "./types.js";

type Rule = [(n: number) => boolean, string];

const positive: Rule = [(n) => n > 0, "must be greater than 0"];
const atLeastZero: Rule = [(n) => n >= 0, "must be at least 0"];

interface TermDef {
  readonly params: readonly Param[];
  /** Each parameter: a number or a duration, with an optional rule on its value. */
  readonly kinds: Readonly<Record<string, { duration?: boolean; rule?: Rule }>>;
  readonly build: (values: Map<string, number>) => SeriesTerm;
}

const terms: Record<string, TermDef> = {
  seasonal: {
    params: [{ name: "period" }, { name: "amplitude" }, { name: "phase", optional: true }],
    kinds: { period: { duration: true, rule: positive }, amplitude: {}, phase: {} },
    build: (x) => ({
      kind: "seasonal",
      periodMs: x.get("period")!,
      amplitude: x.get("amplitude")!,
      phase: x.get("phase") ?? 0,
    }),
  },
  walk: {
    params: [{ name: "sd" }],
    kinds: { sd: { rule: atLeastZero } },
    build: (x) => ({ kind: "walk", sd: x.get("sd")! }),
  },
  gbm: {
    params: [{ name: "s0" }, { name: "mu" }, { name: "sigma" }],
    kinds: { s0: { rule: positive }, mu: {}, sigma: { rule: atLeastZero } },
    build: (x) => ({ kind: "gbm", s0: x.get("s0")!, mu: x.get("mu")!, sigma: x.get("sigma")! }),
  },
};

/** The handlers of the four terms, by name. */
export const seriesTerms: Record<string, Handler> = {
  seasonal: term("seasonal"),
  walk: term("walk"),
  gbm: term("gbm"),
  trend,
};

function term(fn: string): Handler {
  const def = terms[fn]!;
  return (scope, call) => {
    if (!inSeries(scope, call, fn)) return undefined;
    const b = bindArgs(scope, call, fn, def.params);
    if (!b) return undefined;
    const values = new Map<string, number>();
    let ok = true;
    for (const p of def.params) {
      const at = b.get(p.name);
      if (!at) continue; // optional and absent
      const kind = def.kinds[p.name]!;
      const n = kind.duration ? constDuration(scope, fn, p.name, at) : constNumber(scope, fn, p.name, at);
      if (n === undefined) {
        ok = false;
        continue;
      }
      const x: Expr = { k: "const", t: v(T.float), v: n };
      if (kind.rule && !param(scope, fn, p.name, x, at, kind.rule[0], kind.rule[1])) {
        ok = false;
        continue;
      }
      values.set(p.name, n);
    }
    return ok ? series(scope, def.build(values)) : undefined;
  };
}

/** `trend(0.2 / 1d)` (or `trend(rate: 0.2 / 1d)`): a constant amount per constant positive duration. */
function trend(scope: ExprScope, call: A.Call): Expr | undefined {
  if (!inSeries(scope, call, "trend")) return undefined;
  const b: Bound | undefined = bindArgs(scope, call, "trend", [{ name: "rate" }]);
  if (!b) return undefined;
  const at = b.get("rate")!;
  const what = "a constant amount per duration, such as 0.2 / 1d";
  if (at.kind !== "Binary" || at.op !== "/") {
    // Check it anyway, so an unknown name inside is reported as such.
    if (scope.check(at)) report(scope, messages.seriesNotConstant, at.span, ["rate", "trend", what]);
    return undefined;
  }
  const amount = constNumber(scope, "trend", "rate", at.left, what);
  const per = constDuration(
    scope,
    "trend",
    "rate",
    at.right,
    "a constant amount per constant duration, such as 0.2 / 1d",
  );
  if (amount === undefined || per === undefined) return undefined;
  if (!(per > 0))
    return report(scope, messages.badParameter, at.right.span, [
      "trend",
      "rate",
      "the duration must be greater than 0",
    ]);
  return series(scope, { kind: "trend", rate: amount, perMs: per });
}

function series(scope: ExprScope, term: SeriesTerm): Expr {
  return { k: "series", t: v(T.float), term, slot: scope.slot++ };
}

/** Series terms live in `every` tables only (DG4032 at the call). */
function inSeries(scope: ExprScope, call: A.Call, fn: string): boolean {
  if (scope.table.timeSeries) return true;
  report(scope, messages.seriesOutsideEvery, call.span, [fn]);
  return false;
}

function constNumber(
  scope: ExprScope,
  fn: string,
  name: string,
  at: A.Expr,
  what = "a constant number",
): number | undefined {
  const x = scope.check(at);
  if (!x) return undefined;
  const n = x.k === "const" && typeof x.v === "number" && x.t.type.kind !== "duration" ? x.v : undefined;
  if (n === undefined || !Number.isFinite(n))
    return report(scope, messages.seriesNotConstant, at.span, [name, fn, what]);
  return n;
}

function constDuration(
  scope: ExprScope,
  fn: string,
  name: string,
  at: A.Expr,
  what = "a constant duration, such as 1d or 12h",
): number | undefined {
  const x = scope.check(at);
  if (!x) return undefined;
  const n = x.k === "const" && typeof x.v === "number" && x.t.type.kind === "duration" ? x.v : undefined;
  if (n === undefined || !Number.isFinite(n))
    return report(scope, messages.seriesNotConstant, at.span, [name, fn, what]);
  return n;
}
