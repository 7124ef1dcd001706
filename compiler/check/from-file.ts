/**
 * `from_file("data/cities.csv", column: "city", weight: "population")`: a CSV (or a sheet of an XLSX
 * workbook, `sheet: "Cities"`) read at compile time through the host (never outside the schema's
 * folder tree) and embedded in the module. With `column:` it is a weighted choice of that column;
 * without, it draws whole rows so fields stay coherent.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { DataFile, Expr, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs } from "./call-args.js";
import { choiceSet } from "./choices.js";
import { readCsv } from "./csv-read.js";
import { report } from "./report.js";
import { checkCells, readSheetTable, type ChoicesTable } from "./from-sheet.js";
import { isWorkbookPath } from "./workbooks.js";
import { T, v } from "./types.js";

export const maxChoicesFileBytes = 64 * 1024 * 1024;

function stringArg(scope: ExprScope, e: A.Expr | undefined, what: string): string | undefined {
  if (!e) return undefined;
  if (e.kind !== "StringLit") return report(scope, messages.notConstant, e.span, [what + " (a string)"]);
  return e.value;
}

export function checkFromFile(scope: ExprScope, call: A.Call, _expected: Type | undefined): Expr | undefined {
  const b = bindArgs(scope, call, "from_file", [
    { name: "path" },
    { name: "column", optional: true },
    { name: "weight", optional: true },
    { name: "sheet", optional: true },
  ]);
  if (!b) return undefined;
  const pathArg = b.get("path")!;
  const rel = stringArg(scope, pathArg, "The file path");
  if (rel === undefined) return undefined;
  const column = b.has("column") ? stringArg(scope, b.get("column"), "The column name") : undefined;
  const weight = b.has("weight") ? stringArg(scope, b.get("weight"), "The weight column") : undefined;
  const sheet = b.has("sheet") ? stringArg(scope, b.get("sheet"), "The sheet name") : undefined;
  if ((b.has("column") && column === undefined) || (b.has("weight") && weight === undefined)) return undefined;
  if (b.has("sheet") && sheet === undefined) return undefined;
  const workbook = isWorkbookPath(rel);
  if (sheet !== undefined && !workbook) return report(scope, messages.sheetNotWorkbook, b.get("sheet")!.span, [rel]);

  const table = loadTable(scope, rel, pathArg, sheet === undefined ? undefined : { name: sheet, at: b.get("sheet")! });
  if (!table) return undefined;

  const index = (name: string, at: A.Expr) => {
    const i = table.header.indexOf(name);
    if (i < 0) {
      const help = didYouMean(name, table.header);
      report(
        scope,
        messages.csvNoColumn,
        at.span,
        [name, rel],
        help
          ? { help }
          : {
              help: `${table.sheet ? `sheet '${table.sheet}' has columns` : "its columns are"} ${table.header.map((h) => `'${h}'`).join(", ")}`,
            },
      );
    }
    return i;
  };
  const wi = weight === undefined ? undefined : index(weight, b.get("weight")!);
  if (wi !== undefined && wi < 0) return undefined;
  const ci = column === undefined ? undefined : index(column, b.get("column")!);
  if (ci !== undefined && ci < 0) return undefined;
  const used = ci === undefined ? table.header.map((_, i) => i) : wi === undefined ? [ci] : [ci, wi];
  if (!checkCells(scope, table, rel, pathArg, used)) return undefined;
  let weights: number[] | undefined;
  if (wi !== undefined) {
    weights = [];
    for (let r = 0; r < table.rows.length; r++) {
      const raw = table.rows[r]![wi]!.trim();
      const w = Number(raw);
      if (raw === "" || !Number.isFinite(w) || w < 0)
        return report(scope, messages.csvBadWeight, b.get("weight")!.span, [rel, table.line(r), raw]);
      weights.push(w);
    }
    if (weights.every((w) => w === 0))
      return report(scope, messages.badWeights, b.get("weight")!.span, ["they must not all be 0"]);
  }
  if (ci !== undefined) {
    const values = table.rows.map((r) => r[ci]!);
    return { k: "choice", t: v(T.string), choices: choiceSet(scope.schema, values, weights), slot: scope.slot++ };
  }
  const fields = table.header.filter((h) => h !== weight);
  const data = registerFile(scope, rel, table, fields, weights);
  if (weight !== undefined) weightColumns.set(data, weight);
  return { k: "fileRow", t: v({ kind: "fileRow", data: data.id, fields }), data: data.id, slot: scope.slot++ };
}

/**
 * The rows of a CSV file or a workbook's sheet named by a schema (`from_file`, and the rows of a fixed
 * table): resolved inside the schema's folder tree, read through the host; undefined after reporting,
 * also when it has no data rows.
 */
export function loadTable(
  scope: ExprScope,
  rel: string,
  pathArg: A.Expr,
  sheetArg?: { readonly name: string; readonly at: A.Expr },
): ChoicesTable | undefined {
  const workbook = isWorkbookPath(rel);
  const host = scope.schema.host;
  const abs = host.realPath(rel);
  if (abs === undefined) return report(scope, messages.fileNotFound, pathArg.span, [rel]);
  const root = host.rootDir.endsWith("/") ? host.rootDir : host.rootDir + "/";
  if (!abs.startsWith(root)) return report(scope, messages.fileOutsideSchema, pathArg.span, [rel]);
  const table = workbook ? readSheetTable(scope, rel, abs, pathArg, sheetArg) : readCsvTable(scope, rel, abs, pathArg);
  if (!table) return undefined;
  if (table.rows.length === 0)
    return report(
      scope,
      messages.csvEmpty,
      pathArg.span,
      [rel],
      table.sheet === undefined
        ? {}
        : { help: `sheet '${table.sheet}' ${table.header.length ? "has a header and no rows below it" : "is empty"}` },
    );

  return table;
}

/** A CSV choices file: at most 64 MiB, read through the host, parsed; undefined after reporting. */
function readCsvTable(scope: ExprScope, rel: string, abs: string, at: A.Expr): ChoicesTable | undefined {
  const host = scope.schema.host;
  const size = host.fileSize(abs);
  if (size !== undefined && size > maxChoicesFileBytes)
    return report(scope, messages.fileTooLarge, at.span, [rel, "64 MiB"]);
  const bytes = host.readFile(abs);
  if (!bytes) return report(scope, messages.fileUnreadable, at.span, [rel, "it is not a readable file"]);
  const csv = readCsv(new TextDecoder("utf-8").decode(bytes));
  if (!csv.ok) return report(scope, messages.csvMalformed, at.span, [rel, `line ${csv.line}: ${csv.reason}`]);
  return { header: csv.header, rows: csv.rows, line: (r) => r + 2 };
}

/** The weight column of a file drawn with `weight:`: it weighs the draw and is not a field of the row. */
const weightColumns = new WeakMap<DataFile, string>();

export function weightColumnOf(file: DataFile): string | undefined {
  return weightColumns.get(file);
}

function registerFile(
  scope: ExprScope,
  rel: string,
  table: ChoicesTable,
  fields: string[],
  weights?: number[],
): DataFile {
  const key = JSON.stringify([rel, table.sheet ?? null, weights ?? null]);
  const found = scope.schema.files.find((f) => JSON.stringify([f.path, f.sheet ?? null, f.weights ?? null]) === key);
  if (found) return found;
  const columns: Record<string, string[]> = Object.create(null);
  for (const f of fields) {
    const i = table.header.indexOf(f);
    columns[f] = table.rows.map((r) => r[i]!);
  }
  const file: DataFile = {
    id: `F${scope.schema.files.length}`,
    path: rel,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    fields,
    columns,
    ...(weights ? { weights } : {}),
  };
  scope.schema.files.push(file);
  return file;
}
