/**
 * Streamed string columns: a string column that nothing else reads, built as a template of literal
 * text, columns of the row and constant choices, is written to the sink in parts (`sink.part(...)`)
 * instead of as a built string — no concatenation, no `toLowerCase` copy, no flattening.
 *
 *   email string @email = lower(`{first_name}.{last_name}@`) + one_of("example.com", "mail.net")
 *   → lit? no: [column first_name (lower), ".", column last_name (lower), "@", value one_of(...)]
 *
 * Exactness: lower-casing piece by piece equals lower-casing the whole only for ASCII text, so every
 * lower-cased piece must be provably ASCII; and every piece must be well-formed UTF-16, so that no
 * surrogate pair is split between two pieces. Otherwise the column is written as a string, as before.
 */
import type { ColumnPlan, Expr, StreamPart, TablePlan } from "../ir/ir.js";
import type { LocaleChain } from "../../runtime/faker/faker-stream.js";
import { isWellFormed, stringFacts } from "./prove.js";
import { walk } from "../ir/walk.js";

const ASCII = /^[\x00-\x7f]*$/;

/** Columns read by any expression of any table (`local` in their own table, `rowField` in others). */
export function readColumns(tables: readonly TablePlan[]): Map<string, Set<string>> {
  const read = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  const visit = (table: string, e: Expr): void =>
    walk(e, (x) => {
      if (x.k === "local") read.get(table)!.add(x.name);
      if (x.k === "rowField" || x.k === "sample") read.get(x.table)?.add(x.column);
      // An aggregate's expression reads the child rows' columns (the walk does not enter it).
      if (x.k === "agg" && x.e) visit(x.table, x.e);
    });
  for (const t of tables) {
    for (const c of t.columns) visit(t.name, c.value);
    for (const r of t.rules) {
      visit(t.name, r.condition);
      for (const a of r.assignments) {
        visit(t.name, a.value);
        read.get(t.name)!.add(a.column);
      }
    }
    for (const c of t.checks) visit(t.name, c.condition);
    if (t.rows.kind === "per") visit(t.name, t.rows.count);
  }
  return read;
}

/** The parts of a column the writers can stream, or undefined to write it as a string. */
export function streamParts(
  t: TablePlan,
  c: ColumnPlan,
  read: ReadonlySet<string>,
  locale: LocaleChain | undefined,
): StreamPart[] | undefined {
  if (c.hidden || c.type.kind !== "string" || c.nullable || c.nullShare > 0 || c.checked.length > 0 || read.has(c.name))
    return undefined;
  const assigned = new Set(t.rules.flatMap((r) => r.assignments.map((a) => a.column)));
  const byName = new Map(t.columns.map((x) => [x.name, x]));
  const parts: StreamPart[] = [];
  const fits = (e: Expr, lower: boolean) => {
    const f = stringFacts(e, t.columns, assigned, locale);
    return !!f && f.wellFormed && (!lower || f.ascii);
  };
  const add = (e: Expr, lower: boolean): boolean => {
    switch (e.k) {
      case "const":
        if (typeof e.v !== "string" || !isWellFormed(e.v) || (lower && !ASCII.test(e.v))) return false;
        parts.push({ kind: "lit", text: lower ? e.v.toLowerCase() : e.v });
        return true;
      case "template":
        return e.parts.every((p) => (typeof p === "string" ? add({ k: "const", t: e.t, v: p }, lower) : add(p, lower)));
      case "call":
        return e.fn === "lower" && !!e.args[0] && add(e.args[0], true);
      case "local": {
        const col = byName.get(e.name);
        if (!col || col.nullable || assigned.has(e.name)) return false;
        if (col.type.kind === "int") {
          parts.push({ kind: "column", column: e.name, lower: false, int: true });
          return true;
        }
        if (col.type.kind !== "string" || !fits(col.value, lower)) return false;
        parts.push({ kind: "column", column: e.name, lower, int: false });
        return true;
      }
      case "choice":
      case "faker":
        if (e.t.type.kind !== "string" || !fits(e, lower)) return false;
        parts.push({ kind: "value", value: e, lower });
        return true;
      default:
        return false;
    }
  };
  if (!add(c.value, false)) return undefined;
  // Merge neighbouring literal text; streaming pays off only with something drawn or read.
  const merged: StreamPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p.kind === "lit" && last?.kind === "lit") merged[merged.length - 1] = { kind: "lit", text: last.text + p.text };
    else if (!(p.kind === "lit" && p.text === "")) merged.push(p);
  }
  return merged.filter((p) => p.kind !== "lit").length >= 2 ? merged : undefined;
}

/** Marks the streamable columns of every table. */
export function planStreams(tables: readonly TablePlan[], locale: LocaleChain | undefined): TablePlan[] {
  const read = readColumns(tables);
  return tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => {
      const stream = streamParts(t, c, read.get(t.name)!, locale);
      return stream ? { ...c, stream } : c;
    }),
  }));
}
