/**
 * Aggregates over child rows (v2 §14): in table P, for a `per P` table C, `count(C)`, `sum(C, e)`,
 * `min(C, e)`, `max(C, e)`, `avg(C, e)`, `any(C, cond)` and `all(C, cond)`, with C's columns in scope
 * in `e` and `cond`. The generated code walks the children of the row (numbered parent by parent,
 * so their indices are arithmetic) and computes only the child columns the expression reads.
 *
 *   sum(lineitem, l_extendedprice * (1 + l_tax))  → { k: "agg", op: "sum", table: "lineitem", e: … }
 *
 * `min` and `max` are also the two-number helpers: a call is an aggregate when its first argument
 * names a child table of the row and not a column.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { AggOp, Expr, Type } from "../ir/ir.js";
import { MAX_PRECISION, readsWide, unitsScale } from "../ir/wide-decimal.js";
import type { ExprScope } from "./context.js";
import { report, requireNonNull } from "./report.js";

import { T, isNumeric, showType, v } from "./types.js";
import { walk } from "../ir/walk.js";

export const aggregateOps: readonly AggOp[] = ["count", "sum", "min", "max", "avg", "any", "all"];

/** True when `call` is an aggregate: `count(…)`, `sum(…)`, …, or `min`/`max` whose first argument is a table. */
export function isAggregateCall(scope: ExprScope, call: A.Call): boolean {
  if (call.callee.kind !== "Ident") return false;
  const name = call.callee.name;
  if (name === "min" || name === "max") {
    const first = call.args[0]?.value;
    return first?.kind === "Ident" && !scope.table.columns.has(first.name) && scope.schema.tables.has(first.name);
  }
  return (aggregateOps as readonly string[]).includes(name);
}

export function checkAggregate(scope: ExprScope, call: A.Call): Expr | undefined {
  const op = (call.callee as A.Ident).name as AggOp;
  const first = call.args[0]?.value;
  const wantsExpr = op !== "count";
  if (!first || call.args.length !== (wantsExpr ? 2 : 1) || call.args.some((a) => a.name))
    return report(scope, messages.wrongArgCount, call.span, [op, wantsExpr ? "2" : "1", call.args.length]);
  if (first.kind !== "Ident" || !scope.schema.tables.has(first.name)) {
    // Not a table at all (a column, a typo): name the tables it could be, those that are `per` this one.
    const children = [...scope.schema.tables.values()].filter((t) => t.parent === scope.table.name).map((t) => t.name);
    const name = first.kind === "Ident" ? first.name : "?";
    const help =
      didYouMean(name, children) ??
      (children.length > 0
        ? `the tables 'per ${scope.table.name}' are ${children.map((c) => `'${c}'`).join(", ")}`
        : `no table is 'per ${scope.table.name}'`);
    return report(scope, messages.unknownTable, first.span, [name], { help });
  }
  const child = scope.schema.tables.get(first.name)!;
  if (child.parent !== scope.table.name)
    return report(scope, messages.notChildTable, first.span, [child.name, scope.table.name]);
  scope.tableRefs.add(child.name);
  if (op === "count") return { k: "agg", t: v(T.int), op, table: child.name };
  // The expression reads the child's row: checked in a scope of the child table.
  const inner = scope.schema.newScope(child, `${op}(${child.name}, …)`);
  const arg = call.args[1]!.value;
  const e = inner.check(arg, op === "any" || op === "all" ? T.bool : undefined);
  if (!e || !requireNonNull(scope, e, arg.span)) return undefined;
  let draws = false;
  walk(e, (x) => {
    if ("slot" in x) draws = true;
  });
  if (draws) return report(scope, messages.aggregateDraws, arg.span, [op]);
  if (op === "any" || op === "all") {
    if (e.t.type.kind !== "bool") return report(scope, messages.typeMismatch, arg.span, ["bool", showType(e.t.type)]);
    return { k: "agg", t: v(T.bool), op, table: child.name, e };
  }
  if (!isNumeric(e.t.type) || e.t.type.kind === "bigint")
    return report(scope, messages.typeMismatch, arg.span, ["a number", showType(e.t.type)]);
  // min/max/avg of no children is null; sum of none is 0.
  const type =
    op === "avg" ? T.float : e.t.type.kind === "int" ? T.int : op === "sum" ? (wideSum(e) ?? T.float) : T.float;
  return { k: "agg", t: v(type, op !== "sum"), op, table: child.name, e };
}

/** A sum over a wide decimal (v2 §15) is a wide decimal of the places of its exact terms. */
function wideSum(e: Expr): Type | undefined {
  if (!readsWide(e)) return undefined;
  const scale = unitsScale(e, 0);
  return typeof scale === "number" ? { kind: "decimal", precision: MAX_PRECISION, scale } : undefined;
}
