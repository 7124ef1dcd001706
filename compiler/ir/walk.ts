/**
 * Walking IR expressions: the one place that knows which fields of each node are sub-expressions.
 *
 *   walk(e, (x) => { if (x.k === "local") names.add(x.name); })
 */
import type { Expr } from "./ir.js";

/** The direct sub-expressions of `e`. */
export function children(e: Expr): Expr[] {
  switch (e.k) {
    case "rowField":
    case "fileField":
      return [e.row];
    case "gen":
    case "call":
    case "realism":
      return [...e.args];
    case "recordField":
      return [e.record];
    case "neg":
    case "not":
      return [e.e];
    case "binary":
      return [e.l, e.r];
    case "if":
      return [e.c, e.a, e.b];
    case "match":
      return [e.subject, e.otherwise, ...e.arms.flatMap((a) => [...a.patterns, a.value])];
    case "template":
      return e.parts.filter((p): p is Expr => typeof p !== "string");
    case "object":
      return e.entries.map((x) => x.value);
    case "rowAt":
      return [e.index];
    case "sample":
      return [e.n];
    case "array":
      return [e.count, e.element];
    case "randomBytes":
      return [e.n];
    // `agg.e` is an expression over the child table's row, not this one's: see `aggregates.ts`.
    default:
      return [];
  }
}

/** Calls `f` on `e` and every expression inside it, parents first. */
export function walk(e: Expr, f: (x: Expr) => void): void {
  f(e);
  for (const k of children(e)) walk(k, f);
}
