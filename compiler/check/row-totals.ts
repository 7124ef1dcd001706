/**
 * How many rows a table can have at most, proven at compile time: a counted table's count, times the
 * most children a parent can have at each `per` step (`per t 1..3` → 3, `per t every 1h from A to B`
 * → its ticks). A chain of `per` tables multiplies: 80 tables of `per t(i-1) 1..3` plan 3^80 rows.
 * Past 2^53 rows a row number is no longer exact (DG4060, an error); past `rowWarningLimit` the run
 * will not finish in any reasonable time (DG4061, a warning). Each is reported once per chain, at
 * the first table that passes it. An unbounded count (`poisson(2)`) proves nothing and is left alone.
 * A chain of more than `maxPerDepth` `per` levels is DG4062 (the generated code walks a chain by recursion).
 *
 *   table a { rows: 1_000_000 }  table b { rows: per a 1..20_000 }  → DG4061 at b's `rows:` (2·10^10 rows)
 */
import type { Span } from "../ast/nodes.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { TablePlan } from "../ir/ir.js";
import { numBounds } from "./bounds.js";

/** Row numbers are exact up to 2^53 (docs/language.md, "Limits"). */
export const maxTableRows = 2 ** 53;
/** A table that may have more rows than this gets a warning (docs/language.md, "Limits"). */
export const rowWarningLimit = 1e10;

/** The longest chain of `per` tables (docs/language.md, "Limits"): the generated code walks a chain by recursion. */
export const maxPerDepth = 256;

/** `tables` in dependency order (parents first); `rowsSpan` gives a table's `rows:` line. */
export function rowTotalDiagnostics(tables: readonly TablePlan[], rowsSpan: (table: string) => Span): Diagnostic[] {
  const found: Diagnostic[] = [];
  const bounds = new Map<string, number>();
  const depths = new Map<string, number>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables) {
    const parentDepth = t.rows.kind === "fixed" ? -1 : (depths.get(t.rows.parent) ?? 0);
    depths.set(t.name, parentDepth + 1);
    if (parentDepth + 1 === maxPerDepth + 1)
      found.push(diag(messages.perTooDeep, rowsSpan(t.name), [t.name, maxPerDepth]));
    const parent = t.rows.kind === "fixed" ? 1 : (bounds.get(t.rows.parent) ?? Infinity);
    const bound = parent * perParent(t, byName);
    bounds.set(t.name, bound);
    if (!Number.isFinite(bound)) continue;
    const reached = (limit: number) => bound > limit && !(parent > limit);
    if (reached(maxTableRows)) found.push(diag(messages.tooManyRows, rowsSpan(t.name), [t.name, approx(bound)]));
    else if (reached(rowWarningLimit) && bound <= maxTableRows)
      found.push(diag(messages.manyRows, rowsSpan(t.name), [t.name, approx(bound)]));
  }
  return found;
}

/** The most rows a table has per parent row (its count, for a counted table); Infinity when unbounded. */
function perParent(t: TablePlan, tables: ReadonlyMap<string, TablePlan>): number {
  if (t.rows.kind === "fixed" || t.rows.kind === "every") return t.rows.count;
  const high = numBounds(t.rows.count, { table: t.name, tables })[1];
  return Number.isNaN(high) ? Infinity : Math.max(0, Math.floor(high));
}

/** `3^80` rows → "1.5e+38". */
function approx(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString("en-US") : n.toExponential(1);
}
