/**
 * Row counts known before the columns are checked (v2 §13): fixed tables — `rows: [ {…}, … ]` and
 * `rows: from_file("data/nations.csv")` — whose rows are data, never scaled; and counted tables whose
 * count is a constant expression (`round(150_000 * sf)`, `size(customer) / 15`, `staff`).
 *
 * A fixed table's column written without `=` takes the row's field of the same name, converted to
 * the column's type here (`fixedColumn`), so a value that does not convert is an error naming the row.
 */
import type * as A from "../ast/nodes.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr, RowsPlan, Type, VType } from "../ir/ir.js";
import type { SchemaInfo, TableInfo } from "./context.js";

import { foldNumber } from "./fold.js";
import { loadTable } from "./from-file.js";

import { T, showVType } from "./types.js";
import { dateDays, timestampMs } from "../ast/build-literals.js";
import { assign } from "./assign.js";
import { literalFits } from "./int-ranges.js";
import { roundHalfEven } from "../../runtime/text/numbers.js";

/** The rows of a fixed table: each row a map from field name to its cell (text from a file, or an expression). */
export interface FixedData {
  /** For messages: `data/departments.csv` or `the inline rows of 'region'`. */
  readonly source: string;
  readonly fields: readonly string[];
  readonly rows: readonly ReadonlyMap<string, { readonly text?: string; readonly expr?: A.Expr }>[];
  /** `row 3 of data/departments.csv` (the file's line) or `row 3 of the inline rows of 'region'`. */
  where(row: number): string;
  readonly span: A.Span;
}

export type InternalValue = number | string | boolean | null;

/**
 * Reads the rows of every fixed table and computes every constant row count, before any table is
 * checked, so that `size(t)` and capacity checks see them. Returns the rows plans it decided.
 */
export function resolveCounts(schema: SchemaInfo): Map<string, RowsPlan> {
  const plans = new Map<string, RowsPlan>();
  const visiting = new Set<string>();
  const countOf = (name: string): number | undefined => {
    if (schema.counts.has(name)) return schema.counts.get(name);
    const info = schema.tables.get(name);
    if (!info || visiting.has(name)) return undefined;
    const rows = info.decl.items.find((i): i is A.RowsDecl => i.kind === "RowsDecl");
    if (rows?.count.kind !== "FixedRows") return undefined;
    visiting.add(name);
    const plan = fixedRows(schema, info, rows.count.value, countOf);
    visiting.delete(name);
    if (plan) {
      plans.set(name, plan);
      if (plan.kind === "fixed") schema.counts.set(name, plan.count);
    }
    return plan?.kind === "fixed" ? plan.count : undefined;
  };
  for (const name of schema.tables.keys()) countOf(name);
  return plans;
}

function fixedRows(
  schema: SchemaInfo,
  info: TableInfo,
  e: A.Expr,
  countOf: (t: string) => number | undefined,
): RowsPlan | undefined {
  const err = (span: A.Span, why: string) => {
    schema.diagnostics.push(diag(messages.badRows, span, [why]));
    return undefined;
  };
  if (e.kind === "ArrayLit") {
    const data = inlineRows(schema, info, e);
    if (!data) return undefined;
    info.fixed = data;
    return { kind: "fixed", count: data.rows.length, data: true };
  }
  if (e.kind === "Call" && e.callee.kind === "Ident" && e.callee.name === "from_file") {
    const data = fileRows(schema, info, e);
    if (!data) return undefined;
    info.fixed = data;
    return { kind: "fixed", count: data.rows.length, data: true };
  }
  // A count: any constant int expression of literals, parameters and size() of tables counted so far.
  const bare: TableInfo = { name: info.name, decl: info.decl, columns: new Map(), timeSeries: false };
  const scope = schema.newScope(bare, "the row count");
  const x = scope.check(e, T.int);
  if (!x) return undefined;
  const n = foldNumber(x, countOf);
  if (n === undefined || !Number.isSafeInteger(n) || n < 0)
    return err(
      e.span,
      n === undefined
        ? "a row count is a constant: a whole number, a parameter, size() of a counted table, or arithmetic on them (round() makes a whole number)"
        : `a row count is a whole number of at least 0; this one is ${n}`,
    );
  return { kind: "fixed", count: n };
}

function inlineRows(schema: SchemaInfo, info: TableInfo, e: A.ArrayLit): FixedData | undefined {
  const rows: Map<string, { expr: A.Expr }>[] = [];
  const fields = new Set<string>();
  let ok = true;
  for (const el of e.elements) {
    if (el.kind !== "ObjectLit") {
      schema.diagnostics.push(
        diag(messages.badFixedRow, el.span, [
          `The rows of table '${info.name}'`,
          'each row is an object such as { id: 1, name: "x" }',
        ]),
      );
      ok = false;
      continue;
    }
    const row = new Map<string, { expr: A.Expr }>();
    for (const entry of el.entries) {
      if (row.has(entry.key.text)) {
        schema.diagnostics.push(diag(messages.duplicateName, entry.key.span, ["field", entry.key.text]));
        ok = false;
      }
      row.set(entry.key.text, { expr: entry.value });
      fields.add(entry.key.text);
      const col = info.columns.get(entry.key.text);
      if (!col || col.hidden) {
        const help = didYouMean(
          entry.key.text,
          [...info.columns.values()].filter((c) => !c.hidden).map((c) => c.name),
        );
        schema.diagnostics.push(
          diag(messages.unknownColumn, entry.key.span, [entry.key.text, info.name], help ? { help } : {}),
        );
        ok = false;
      }
    }
    rows.push(row);
  }
  if (!ok) return undefined;
  return {
    source: `the inline rows of '${info.name}'`,
    fields: [...fields],
    rows,
    where: (r) => `Row ${r + 1} of the inline rows of '${info.name}'`,
    span: e.span,
  };
}

function fileRows(schema: SchemaInfo, info: TableInfo, call: A.Call): FixedData | undefined {
  const bare: TableInfo = { name: info.name, decl: info.decl, columns: new Map(), timeSeries: false };
  const scope = schema.newScope(bare, "the rows");
  const pathArg = call.args.find((a) => !a.name || a.name.text === "path")?.value;
  const sheetArg = call.args.find((a) => a.name?.text === "sheet")?.value;
  const other = call.args.find((a) => a.name && a.name.text !== "path" && a.name.text !== "sheet");
  if (!pathArg || pathArg.kind !== "StringLit" || (sheetArg && sheetArg.kind !== "StringLit") || other) {
    schema.diagnostics.push(
      diag(messages.badRows, call.span, [
        'the rows of a fixed table come from from_file("path.csv") or from_file("book.xlsx", sheet: "Name")',
      ]),
    );
    return undefined;
  }
  const table = loadTable(
    scope,
    pathArg.value,
    pathArg,
    sheetArg?.kind === "StringLit" ? { name: sheetArg.value, at: sheetArg } : undefined,
  );
  if (!table) return undefined;
  const rows = table.rows.map((cells) => new Map(table.header.map((h, i) => [h, { text: cells[i] ?? "" }])));
  return {
    source: pathArg.value,
    fields: table.header,
    rows,
    where: (r) => `Row ${r + 1} of ${pathArg.value} (line ${table.line(r)})`,
    span: pathArg.span,
  };
}

/**
 * The values of a fixed table's column written without `=`: the rows' field of the same name,
 * converted to the column's type; undefined after reporting.
 */
export function fixedColumn(
  schema: SchemaInfo,
  info: TableInfo,
  data: FixedData,
  column: A.ColumnDecl,
  type: VType,
): Expr | undefined {
  const name = column.name.text;
  if (!data.fields.includes(name)) {
    const help = didYouMean(name, data.fields);
    schema.diagnostics.push(
      diag(
        messages.badFixedRow,
        column.name.span,
        [
          `Column '${name}' of the fixed table '${info.name}'`,
          `${data.source} has no field '${name}'; give the column a value with '='`,
        ],
        help ? { help: `did you mean '${help.replace(/^did you mean '|'\?$/g, "")}'?` } : {},
      ),
    );
    return undefined;
  }
  const values: InternalValue[] = [];
  let ok = true;
  data.rows.forEach((row, r) => {
    const cell = row.get(name);
    if (cell?.expr) {
      // An inline field: checked as a constant expression of the column's type (reports its own errors).
      const value = exprValue(schema, info, cell.expr, name, type, data.where(r));
      if (value === undefined) ok = false;
      else values.push(value);
      return;
    }
    if (cell === undefined && !type.nullable) {
      schema.diagnostics.push(diag(messages.badFixedRow, data.span, [data.where(r), `it has no field '${name}'`]));
      ok = false;
      return;
    }
    const value = cell === undefined ? null : textValue(cell.text ?? "", type);
    if (value === undefined) {
      schema.diagnostics.push(
        diag(messages.badFixedRow, data.span, [
          data.where(r),
          `field '${name}' ${JSON.stringify(cell?.text ?? "")} is not ${showVType(type)}`,
        ]),
      );
      ok = false;
      return;
    }
    values.push(value);
  });
  return ok ? { k: "data", t: type, values } : undefined;
}

/** An inline row's field: a constant expression checked against the column's type. */
function exprValue(
  schema: SchemaInfo,
  info: TableInfo,
  e: A.Expr,
  column: string,
  type: VType,
  where: string,
): InternalValue | undefined {
  const bare: TableInfo = { name: info.name, decl: info.decl, columns: new Map(), timeSeries: false };
  const x = schema.newScope(bare, `column '${column}'`).check(e, type.type);
  if (!x) return undefined;
  const stored = assign(schema, column, type, x, e.span);
  if (!stored) return undefined;
  if (stored.k !== "const" || typeof stored.v === "bigint") {
    schema.diagnostics.push(diag(messages.badFixedRow, e.span, [where, `field '${column}' must be a constant`]));
    return undefined;
  }
  if (!literalFits(schema, stored, type.type, e.span)) return undefined;
  if (type.type.kind === "decimal" && typeof stored.v === "number") return roundHalfEven(stored.v, type.type.scale);
  return stored.v;
}

/** A file's cell as the column's type (internal form), or undefined when it does not convert. */
export function textValue(text: string, type: VType): InternalValue | undefined {
  const t = type.type;
  if (text === "" && type.nullable && t.kind !== "string") return null;
  return convert(text, t);
}

function convert(text: string, t: Type): InternalValue | undefined {
  const s = text.trim();
  switch (t.kind) {
    case "int":
    case "bigint": {
      if (!/^[+-]?\d+$/.test(s)) return undefined;
      const n = Number(s);
      if (!Number.isSafeInteger(n)) return undefined;
      if (t.kind === "int" && t.bits !== undefined) {
        const lim = 2 ** (t.bits - 1);
        if (n < -lim || n >= lim) return undefined;
      }
      return n;
    }
    case "float": {
      const n = Number(s);
      return s !== "" && Number.isFinite(n) ? n : undefined;
    }
    case "decimal": {
      const m = /^[+-]?(\d+)(?:\.(\d*))?$/.exec(s);
      if (!m || (m[2]?.length ?? 0) > t.scale || m[1]!.replace(/^0+/, "").length > t.precision - t.scale)
        return undefined;
      return Number(s);
    }
    case "string":
      return text;
    case "bool":
      return s === "true" ? true : s === "false" ? false : undefined;
    case "date":
      return dateDays(s);
    case "timestamp":
      return timestampMs(s);
    case "uuid":
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? s.toLowerCase() : undefined;
    case "enum":
      return t.values.includes(text) ? text : undefined;
    default:
      return undefined;
  }
}
