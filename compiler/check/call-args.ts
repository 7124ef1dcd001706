/**
 * Arguments of built-in calls: binding positional and named arguments to parameters, numeric
 * arguments, constant parameter rules, and the IR nodes calls lower to.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, GenFn, HelperFn, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import { report, requireNonNull } from "./report.js";
import { isNumeric, showType, v } from "./types.js";
import { fold } from "./fold.js";

export interface Param {
  readonly name: string;
  readonly optional?: boolean;
}

export type Bound = Map<string, A.Expr>;

/** Binds positional and named arguments to parameters; undefined after reporting a mismatch. */
export function bindArgs(scope: ExprScope, call: A.Call, fn: string, params: readonly Param[]): Bound | undefined {
  const bound: Bound = new Map();
  let ok = true;
  let position = 0;
  for (const arg of call.args) {
    if (arg.name) {
      const p = params.find((x) => x.name === arg.name!.text);
      if (!p) {
        const help = didYouMean(
          arg.name.text,
          params.map((x) => x.name),
        );
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

export function arity(params: readonly Param[]): string {
  const min = params.filter((p) => !p.optional).length;
  return min === params.length ? String(min) : `${min} to ${params.length}`;
}

/** Checks an argument that must be a number (int or float), not null. */
export function numArg(scope: ExprScope, e: A.Expr | undefined, expectedType?: Type): Expr | undefined {
  if (!e) return undefined;
  const x = scope.check(e, expectedType);
  if (!x || !requireNonNull(scope, x, e.span)) return undefined;
  if (!isNumeric(x.t.type)) return report(scope, messages.typeMismatch, e.span, ["a number", showType(x.t.type)]);
  return x;
}

export function constValue(x: Expr | undefined): number | undefined {
  return x && x.k === "const" && typeof x.v === "number" ? x.v : undefined;
}

/** Validates a constant parameter: `rule(value)` true when valid. */
export function param(
  scope: ExprScope,
  fn: string,
  name: string,
  x: Expr | undefined,
  at: A.Expr | undefined,
  rule: (n: number) => boolean,
  text: string,
): boolean {
  const c = constValue(x);
  if (c !== undefined && !rule(c)) {
    report(scope, messages.badParameter, at!.span, [fn, name, text]);
    return false;
  }
  return true;
}

export function gen(scope: ExprScope, fn: GenFn, t: Type, args: Expr[]): Expr {
  return { k: "gen", t: v(t), fn, args, slot: scope.slot++ };
}

export function helper(fn: HelperFn, t: Type, args: Expr[], nullable = false): Expr {
  return fold({ k: "call", t: v(t, nullable), fn, args });
}

export type Handler = (scope: ExprScope, call: A.Call, expected: Type | undefined) => Expr | undefined;
