/**
 * Foreign keys (v1 §6, v2 §14): `@ref(t.c)` and `foreign key (a, b) references t(x, y)` are accepted
 * only when every value provably lies in the referenced key's value set:
 * - a member of a row of `t` (`parent.c`, `t[e].c`, `pick(t).c`, a `let` holding such a row), or null;
 * - for a composite key, all members read from the same row of `t`;
 * - an int expression whose range lies inside a `sequence` key's values (`ranges.ts`);
 * - in a fixed table, values checked one by one against the referenced key's values.
 */
import type * as A from "../ast/nodes.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages, type MessageDef } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { ColumnPlan, Expr } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import { inside, rangeOf, type Range, type RangeEnv } from "./ranges.js";
import type { CheckedTable } from "./table.js";
import { sameType, showType } from "./types.js";
import { walk } from "../ir/walk.js";

const refHelp =
  "a foreign key takes its value from the referenced row (parent.<key>, t[e].<key>, pick(t).<key>), or an int expression whose range the compiler can prove inside a sequence key";

/** True when `table.column` is a single-column key, or `columns` together are the table's composite key. */
export function isKeyOf(tables: Map<string, CheckedTable>, table: string, ...columns: string[]): boolean {
  const t = tables.get(table);
  if (!t) return false;
  if (columns.length === 1) {
    const pks = t.columns.filter((c) => c.pk);
    const c = t.columns.find((x) => x.name === columns[0]);
    return !!c && (c.unique || (c.pk && pks.length === 1));
  }
  const same = (names: readonly string[]) => names.length === columns.length && names.every((n) => columns.includes(n));
  return (
    same(t.columns.filter((c) => c.pk).map((c) => c.name)) ||
    t.uniqueLines.some((u) => same(u.columns.map((c) => c.text)))
  );
}

/** Follows `let` and column aliases: `l_partkey` → `ps.ps_partkey`. */
function resolve(e: Expr, columns: ReadonlyMap<string, ColumnPlan>, depth = 0): Expr {
  if (e.k === "local" && depth < 50) {
    const c = columns.get(e.name);
    if (c) return resolve(c.value, columns, depth + 1);
  }
  return e;
}

/** The values a reference can take, leaf by leaf: null, a member of a row, or anything else. */
function leaves(e: Expr, columns: ReadonlyMap<string, ColumnPlan>, out: Expr[] = []): Expr[] {
  const x = resolve(e, columns);
  if (x.k === "if") {
    leaves(x.a, columns, out);
    leaves(x.b, columns, out);
  } else if (x.k === "match") {
    for (const arm of x.arms) leaves(arm.value, columns, out);
    leaves(x.otherwise, columns, out);
  } else out.push(x);
  return out;
}

/** The value set of a key column as a range (`sequence`) or a set (a fixed table's data). */
function keyValues(
  target: CheckedTable,
  column: string,
  env: RangeEnv,
): { range?: Range; set?: ReadonlySet<number | string | boolean | null> } {
  const c = target.columns.find((x) => x.name === column);
  if (!c) return {};
  if (c.value.k === "data") return { set: new Set(c.value.values) };
  if (c.value.k === "sequence" && c.value.step === 1)
    return { range: rangeOf(c.value, { ...env, table: target.info.name }) };
  return {};
}

export function checkForeignKeys(
  schema: SchemaInfo,
  t: CheckedTable,
  columns: readonly ColumnPlan[],
  tables: Map<string, CheckedTable>,
): void {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const report = <Args extends readonly unknown[]>(span: A.Span, def: MessageDef<Args>, args: Args, help?: string) =>
    schema.diagnostics.push(diag(def, span, args, help ? { help } : {}));
  const columnsOf = (name: string) =>
    name === t.info.name ? byName : new Map((tables.get(name)?.columns ?? []).map((c) => [c.name, c]));
  const env: RangeEnv = { table: t.info.name, columns: columnsOf };

  /** A single-column reference: every value null, read from a row of the target, or proven in range. */
  const refProven = (value: Expr, target: CheckedTable, column: string) =>
    leaves(value, byName).every((x) => {
      if (x.k === "const" && x.v === null) return true;
      if (x.k === "rowField" && x.table === target.info.name && x.column === column) return true;
      return provenByRange(x, target, column, env);
    });

  for (const c of columns) {
    if (!c.ref) continue;
    const span = t.refSpans.get(c.name) ?? c.span;
    const target = tables.get(c.ref.table);
    if (!target) {
      const help = didYouMean(c.ref.table, tables.keys());
      report(span, messages.unknownTable, [c.ref.table], help);
      continue;
    }
    const tc = target.columns.find((x) => x.name === c.ref!.column && !x.hidden);
    if (!tc) {
      const help = didYouMean(
        c.ref.column,
        target.columns.filter((x) => !x.hidden).map((x) => x.name),
      );
      report(span, messages.unknownColumn, [c.ref.column, c.ref.table], help);
      continue;
    }
    const refText = `${c.ref.table}.${c.ref.column}`;
    if (!isKeyOf(tables, c.ref.table, c.ref.column)) {
      report(span, messages.refNotKey, [refText]);
      continue;
    }
    if (!sameType(tc.type, c.type)) {
      report(span, messages.refTypeMismatch, [c.name, refText], `'${refText}' is ${showType(tc.type)}`);
      continue;
    }
    if (c.value.k === "data") {
      // A fixed table's column: every value is checked against the referenced key's values.
      const keys = keyValues(target, tc.name, env);
      const data = t.info.fixed!;
      c.value.values.forEach((val, r) => {
        if (val === null) return;
        const ok = keys.set
          ? keys.set.has(val)
          : keys.range && typeof val === "number"
            ? inside({ lo: { c: val }, hi: { c: val } }, keys.range)
            : false;
        if (!ok) report(span, messages.fixedRefDangles, [data.where(r), c.name, JSON.stringify(val), refText]);
      });
      continue;
    }
    if (!refProven(c.value, target, tc.name)) report(span, messages.refNotProvable, [c.name, refText], refHelp);
  }

  for (const fk of t.foreignKeyLines) {
    const names = fk.columns.map((n) => n.text);
    const refs = fk.refColumns.map((n) => n.text);
    const text = `${fk.table.text}(${refs.join(", ")})`;
    if (names.length !== refs.length) {
      report(fk.span, messages.keyLineMismatch, [names.length, refs.length]);
      continue;
    }
    const target = tables.get(fk.table.text);
    if (!target) {
      report(fk.table.span, messages.unknownTable, [fk.table.text], didYouMean(fk.table.text, tables.keys()));
      continue;
    }
    const missing = fk.refColumns.find((n) => !target.columns.some((x) => x.name === n.text && !x.hidden));
    if (missing) {
      const help = didYouMean(
        missing.text,
        target.columns.filter((x) => !x.hidden).map((x) => x.name),
      );
      report(missing.span, messages.unknownColumn, [missing.text, fk.table.text], help);
      continue;
    }
    if (!isKeyOf(tables, fk.table.text, ...refs)) {
      report(fk.span, messages.refColumnsNotKey, [refs.join(", "), fk.table.text]);
      continue;
    }
    const mismatch = names.findIndex(
      (n, i) => !sameType(byName.get(n)!.type, target.columns.find((x) => x.name === refs[i])!.type),
    );
    if (mismatch >= 0) {
      report(fk.columns[mismatch]!.span, messages.refTypeMismatch, [
        names[mismatch]!,
        `${fk.table.text}.${refs[mismatch]}`,
      ]);
      continue;
    }
    // Every member read from one and the same row of the target.
    const values = names.map((n) => resolve(byName.get(n)!.value, byName));
    if (names.length === 1) {
      if (!refProven(byName.get(names[0]!)!.value, target, refs[0]!))
        report(fk.span, messages.refNotProvable, [names[0]!, `${fk.table.text}.${refs[0]}`], refHelp);
      continue;
    }
    // One row: the same `let`, the parent, `prev`, or the same index computed without a draw. Two draws
    // that look alike (`pick(t).x` in one column, `pick(t).y` in another) are different rows.
    const rows = values.map((x, i) =>
      x.k === "rowField" && x.table === fk.table.text && x.column === refs[i] && sameRowKey(x.row)
        ? JSON.stringify(x.row)
        : undefined,
    );
    const sameRow = rows.every((r) => r !== undefined && r === rows[0]);
    if (!sameRow) report(fk.span, messages.compositeRefNotProvable, [names.join(", "), text], refHelp);
  }
}

/** True when a row expression names one row wherever it is written: no draw of its own. */
function sameRowKey(row: Expr): boolean {
  if (row.k === "local" || row.k === "parentRow" || row.k === "prevRow") return true;
  let draws = false;
  walk(row, (x) => {
    if ("slot" in x) draws = true;
  });
  return !draws;
}

/** An int expression whose range lies inside the values of the target's `sequence` or fixed key. */
function provenByRange(x: Expr, target: CheckedTable, column: string, env: RangeEnv): boolean {
  if (x.t.type.kind !== "int" && x.t.type.kind !== "bigint") return false;
  const r = rangeOf(x, env);
  const keys = keyValues(target, column, env);
  if (keys.range) return inside(r, keys.range);
  if (
    keys.set &&
    !r.lo.size &&
    !r.hi.size &&
    Number.isFinite(r.lo.c) &&
    Number.isFinite(r.hi.c) &&
    r.hi.c - r.lo.c < 1_000_000
  ) {
    for (let n = r.lo.c; n <= r.hi.c; n++) if (!keys.set.has(n)) return false;
    return true;
  }
  return false;
}
