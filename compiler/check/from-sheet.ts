/**
 * The XLSX side of `from_file`: picks the sheet (`sheet:`, default the first) of a workbook that
 * `workbooks.ts` read before checking, and reports what stops it (unreadable, over a limit, no such
 * sheet). `checkFromFile` does the rest, the same as for a CSV.
 *
 *   from_file("data/cities.xlsx", sheet: "Cities", column: "city")
 *   // → { header: ["city", "population"], rows: [["Oslo", "709037"], …], line: (r) => sheet row, … }
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { ExprScope } from "./context.js";
import { report } from "./report.js";
import type { BadCell } from "./xlsx-read.js";

/** The rows of a choices file, whichever format it came from. */
export interface ChoicesTable {
  readonly header: readonly string[];
  readonly rows: readonly string[][];
  /** The CSV line, or the sheet's row number, of data row `r` (for messages). */
  line(r: number): number;
  /** XLSX: the sheet read. */
  readonly sheet?: string;
  /** XLSX: cells with no value to embed; an error when a used column (or the header) has one. */
  readonly bad?: readonly BadCell[];
}

export function readSheetTable(
  scope: ExprScope,
  rel: string,
  abs: string,
  at: A.Expr,
  sheetArg: { readonly name: string; readonly at: A.Expr } | undefined,
): ChoicesTable | undefined {
  const load = scope.schema.host.workbook?.(abs);
  if (!load) return report(scope, messages.workbookNotLoaded, at.span, [rel]);
  if (!load.ok) {
    const p = load.problem;
    switch (p.kind) {
      case "notAFile":
        return report(scope, messages.fileUnreadable, at.span, [rel, "it is not a readable file"]);
      case "limit":
        return report(scope, messages.xlsxLimit, at.span, [rel, p.what, p.measured, p.limit]);
      case "unreadable":
        return report(scope, messages.xlsxUnreadable, at.span, [rel, p.reason]);
    }
  }
  const names = load.sheets.map((s) => s.name);
  const sheet = sheetArg ? load.sheets.find((s) => s.name === sheetArg.name) : load.sheets[0];
  if (!sheet) {
    if (!sheetArg) return report(scope, messages.xlsxUnreadable, at.span, [rel, "it has no sheets"]);
    const help = didYouMean(sheetArg.name, names) ?? `its sheets are ${names.map((n) => `'${n}'`).join(", ")}`;
    return report(scope, messages.xlsxNoSheet, sheetArg.at.span, [sheetArg.name, rel], { help });
  }
  if (sheet.tooManyRows)
    return report(scope, messages.xlsxLimit, at.span, [
      rel,
      `the number of data rows of sheet '${sheet.name}'`,
      String(sheet.tooManyRows.rows),
      String(sheet.tooManyRows.limit),
    ]);
  return {
    header: sheet.header,
    rows: sheet.rows,
    line: (r) => sheet.rowNumbers[r]!,
    sheet: sheet.name,
    bad: sheet.bad,
  };
}

/** Reports the first bad cell in the header, in a used column or under no header; false when there is one. */
export function checkCells(
  scope: ExprScope,
  table: ChoicesTable,
  rel: string,
  at: A.Expr,
  used: readonly number[],
): boolean {
  const cell = table.bad?.find((c) => c.column < 0 || c.column >= table.header.length || used.includes(c.column));
  if (!cell) return true;
  report(scope, messages.xlsxBadCell, at.span, [rel, table.sheet ?? "", cell.cell, cell.reason]);
  return false;
}
