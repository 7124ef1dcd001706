/**
 * Reading rows of tables (v2 §14): `t[e]`, `pick(t)`, `pick(t, zipf(s))`, `pick(t, distinct)`,
 * `pick(t, before)`, `size(t)` and `sample(t.c, n)`. A row of another table is held as its row
 * index; reading one of its columns computes only that column (see `compiler/emit/emit-slices.ts`).
 *
 *   customer[k + floor(k / 2)]    → { k: "rowAt", table: "customer", index: …, proven: false }
 *   pick(actor, distinct)         → { k: "distinctPick", among: "siblings" } in a `per` table
 *   pick(employee, before)        → { k: "beforePick" }: a uniform row in [0, index)
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { constValue } from "./call-args.js";
import { report, requireNonNull } from "./report.js";
import { T, showType, v } from "./types.js";

/** A table named by a bare identifier (an argument of `pick`, `size`, an aggregate), or undefined after reporting. */
export function tableArg(scope: ExprScope, e: A.Expr | undefined, at: A.Span): string | undefined {
  if (!e || e.kind !== "Ident") return report(scope, messages.pickArgument, e?.span ?? at, []);
  if (!scope.schema.tables.has(e.name)) {
    const help = didYouMean(e.name, scope.schema.tables.keys());
    return report(scope, messages.unknownTable, e.span, [e.name], help ? { help } : {});
  }
  return e.name;
}

function rowOf(table: string) {
  return v({ kind: "row", table });
}

/** `t[e]`: the table must be named directly; the index is an int; a table's own rows only when earlier. */
export function checkIndex(scope: ExprScope, e: A.Index): Expr | undefined {
  if (e.object.kind !== "Ident" || scope.table.columns.has(e.object.name) || !scope.schema.tables.has(e.object.name)) {
    if (e.object.kind === "Ident" && !scope.table.columns.has(e.object.name)) {
      tableArg(scope, e.object, e.span);
      return undefined;
    }
    return report(scope, messages.typeMismatch, e.object.span, ["a table name", "a value"]);
  }
  const table = e.object.name;
  const index = scope.check(e.index, T.int);
  if (!index || !requireNonNull(scope, index, e.index.span)) return undefined;
  if (index.t.type.kind !== "int")
    return report(scope, messages.typeMismatch, e.index.span, ["int", showType(index.t.type)]);
  if (table === scope.table.name) {
    const back = earlierBy(index);
    if (back === undefined) return report(scope, messages.selfRowNotEarlier, e.span, [table]);
    if (scope.guards.index < back)
      return report(scope, messages.unguardedEarlierRow, e.span, [`'${table}[index - ${back}]'`, `index < ${back}`]);
    scope.tableRefs.add(table);
    return { k: "rowAt", t: rowOf(table), table, index, proven: true };
  }
  scope.tableRefs.add(table);
  const c = constValue(index);
  const count = scope.schema.counts.get(table);
  const fixed = scope.schema.tables.get(table)?.fixed !== undefined;
  // A constant index into a fixed table is proven here; anything else is checked where it is read.
  const proven = c !== undefined && fixed && count !== undefined && Number.isInteger(c) && c >= 0 && c < count;
  return { k: "rowAt", t: rowOf(table), table, index, proven };
}

/** `index - n` with a constant n ≥ 1: how many rows back; undefined for anything else. */
function earlierBy(e: Expr): number | undefined {
  if (e.k !== "binary" || e.op !== "sub" || e.l.k !== "special" || e.l.which !== "index") return undefined;
  const n = constValue(e.r);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** `size(t)`: the row count of `t`, an int. */
export function size(scope: ExprScope, call: A.Call): Expr | undefined {
  if (call.args.length !== 1 || call.args[0]!.name)
    return report(scope, messages.wrongArgCount, call.span, ["size", "1", call.args.length]);
  const table = tableArg(scope, call.args[0]!.value, call.span);
  if (!table) return undefined;
  scope.tableRefs.add(table);
  return { k: "size", t: v(T.int), table };
}

/** `pick(t)`, `pick(t, zipf(s))`, `pick(t, zipf(s, spread))`, `pick(t, uniform())`, `pick(t, distinct)`, `pick(t, before)`. */
export function pick(scope: ExprScope, call: A.Call): Expr | undefined {
  const target = call.args[0];
  const except = call.args[2];
  if (!target || target.name || call.args.length > 3 || (except && except.name?.text !== "except"))
    return report(scope, messages.pickArgument, call.span, []);
  const name = tableArg(scope, target.value, call.span);
  if (!name) return undefined;
  const how = call.args[1]?.value;
  // `pick(P, distinct, except: parent)`: distinct rows of the parent table P other than the parent row.
  if (except && !exceptParentOk(scope, name, how, except.value))
    return report(scope, messages.pickExceptParent, except.value.span, [scope.table.name, name]);
  if (how?.kind === "Ident" && (how.name === "distinct" || how.name === "before")) {
    if (how.name === "before") {
      if (name !== scope.table.name)
        return report(scope, messages.typeMismatch, how.span, [
          `pick(${scope.table.name}, before)`,
          `pick(${name}, before): 'before' draws earlier rows of the table itself`,
        ]);
      if (scope.guards.index < 1)
        return report(scope, messages.unguardedEarlierRow, call.span, [`'pick(${name}, before)'`, "index == 0"]);
      scope.tableRefs.add(name);
      return { k: "beforePick", t: rowOf(name), table: name, slot: scope.slot++ };
    }
    if (name === scope.table.name) return report(scope, messages.selfReference, target.value.span, [name]);
    scope.tableRefs.add(name);
    const among = scope.table.parent ? "siblings" : "table";
    // Where both counts are known now, more draws than rows is an error here (else DG7013 at run time).
    const wanted = among === "table" ? scope.schema.counts.get(scope.table.name) : mostChildren(scope);
    const all = scope.schema.counts.get(name);
    const size = all === undefined || !except ? all : all - 1;
    if (wanted !== undefined && size !== undefined && wanted > size)
      return report(scope, messages.distinctTooMany, call.span, [
        scope.table.name,
        String(wanted),
        name,
        except ? `${size} rows besides the parent row` : `${size} rows`,
        among === "siblings" ? " for one parent" : "",
      ]);
    return {
      k: "distinctPick",
      t: rowOf(name),
      table: name,
      among,
      slot: scope.slot++,
      ...(except ? { exceptParent: true } : {}),
    };
  }
  if (name === scope.table.name) return report(scope, messages.selfReference, target.value.span, [name]);
  let zipf: number | undefined;
  let spread = false;
  if (how) {
    if (how.kind !== "Call" || how.callee.kind !== "Ident" || !["zipf", "uniform"].includes(how.callee.name))
      return report(scope, messages.pickArgument, how.span, []);
    if (how.callee.name === "zipf") {
      // `zipf(s, spread)`: the same skew, with the popular rows spread over the table.
      const second = how.args[1];
      spread = second?.value.kind === "Ident" && second.value.name === "spread" && !second.name;
      const s = how.args[0] ? scope.check(how.args[0].value) : undefined;
      const c = constValue(s);
      if (how.args.length !== (spread ? 2 : 1) || c === undefined || !(c > 0))
        return report(scope, messages.badParameter, how.span, [
          "zipf",
          "s",
          "pick(table, zipf(s)) takes one constant exponent s > 0, and optionally 'spread': zipf(s, spread)",
        ]);
      zipf = c;
    }
  }
  scope.tableRefs.add(name);
  return {
    k: "pick",
    t: rowOf(name),
    table: name,
    slot: scope.slot++,
    ...(zipf !== undefined ? { zipf } : {}),
    ...(spread ? { spread } : {}),
  };
}

/** The most children a parent can have, from a `per` count written as a number or a range. */
/** `except: parent` needs `distinct`, a `per` table, and the parent table as the target. */
function exceptParentOk(scope: ExprScope, target: string, how: A.Expr | undefined, value: A.Expr): boolean {
  return (
    how?.kind === "Ident" &&
    how.name === "distinct" &&
    value.kind === "Ident" &&
    value.name === "parent" &&
    scope.table.parent === target
  );
}

function mostChildren(scope: ExprScope): number | undefined {
  const rows = scope.table.decl.items.find((i): i is A.RowsDecl => i.kind === "RowsDecl");
  if (rows?.count.kind !== "PerRows" || !rows.count.count) return undefined;
  const c = rows.count.count;
  const hi = c.kind === "RangeExpr" ? c.high : c;
  return hi.kind === "NumberLit" && hi.isInteger ? hi.value : undefined;
}

/** `sample(t.c, n)`: n values of column c from n distinct rows of t, as an array. */
export function sample(scope: ExprScope, call: A.Call): Expr | undefined {
  if (call.args.length !== 2 || call.args.some((a) => a.name))
    return report(scope, messages.wrongArgCount, call.span, ["sample", "2", call.args.length]);
  const ref = call.args[0]!.value;
  if (ref.kind !== "Member" || ref.object.kind !== "Ident")
    return report(scope, messages.badArrayUse, ref.span, [
      "'sample' takes a column of a table, such as sample(colors.word, 5)",
    ]);
  const table = tableArg(scope, ref.object, ref.span);
  if (!table) return undefined;
  if (table === scope.table.name) return report(scope, messages.selfReference, ref.object.span, [table]);
  const info = scope.schema.tables.get(table)!;
  const col = info.columns.get(ref.property.text);
  if (!col || col.hidden) {
    const help = didYouMean(
      ref.property.text,
      [...info.columns.values()].filter((c) => !c.hidden).map((c) => c.name),
    );
    return report(scope, messages.unknownColumn, ref.property.span, [ref.property.text, table], help ? { help } : {});
  }
  if (!col.type) return undefined;
  const n = scope.check(call.args[1]!.value, T.int);
  if (!n || !requireNonNull(scope, n, call.args[1]!.value.span)) return undefined;
  if (n.t.type.kind !== "int")
    return report(scope, messages.typeMismatch, call.args[1]!.value.span, ["int", showType(n.t.type)]);
  const c = constValue(n);
  const count = scope.schema.counts.get(table);
  if (c !== undefined && count !== undefined && c > count)
    return report(scope, messages.distinctTooMany, call.span, [scope.table.name, String(c), table, `${count} rows`]);
  scope.tableRefs.add(table);
  return {
    k: "sample",
    t: v({ kind: "array", element: col.type.type }, false),
    table,
    column: col.name,
    n,
    slot: scope.slot++,
  };
}
