/**
 * `from_file("data/cities.csv", column: "city", weight: "population")`: a CSV read at compile time
 * through the host (never outside the schema's folder tree) and embedded in the module. With
 * `column:` it is a weighted choice of that column; without, it draws whole rows so fields stay coherent.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../diagnostics/messages.js";
import { didYouMean } from "../diagnostics/spelling.js";
import type { DataFile, Expr, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs } from "./call-args.js";
import { choiceSet } from "./choices.js";
import { readCsv } from "./csv-read.js";
import { report } from "./expr.js";
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
  if (b.has("sheet") || /\.xlsx?$/i.test(rel))
    return report(scope, messages.notSupportedYet, call.span, ["Choices from an XLSX file"]);
  const column = b.has("column") ? stringArg(scope, b.get("column"), "The column name") : undefined;
  const weight = b.has("weight") ? stringArg(scope, b.get("weight"), "The weight column") : undefined;
  if ((b.has("column") && column === undefined) || (b.has("weight") && weight === undefined)) return undefined;

  const host = scope.schema.host;
  const abs = host.realPath(rel);
  if (abs === undefined) return report(scope, messages.fileNotFound, pathArg.span, [rel]);
  const root = host.rootDir.endsWith("/") ? host.rootDir : host.rootDir + "/";
  if (!abs.startsWith(root)) return report(scope, messages.fileOutsideSchema, pathArg.span, [rel]);
  const size = host.fileSize(abs);
  if (size !== undefined && size > maxChoicesFileBytes)
    return report(scope, messages.fileTooLarge, pathArg.span, [rel, "64 MiB"]);
  const bytes = host.readFile(abs);
  if (!bytes) return report(scope, messages.fileUnreadable, pathArg.span, [rel, "it is not a readable file"]);
  const csv = readCsv(new TextDecoder("utf-8").decode(bytes));
  if (!csv.ok) return report(scope, messages.csvMalformed, pathArg.span, [rel, `line ${csv.line}: ${csv.reason}`]);
  if (csv.rows.length === 0) return report(scope, messages.csvEmpty, pathArg.span, [rel]);

  const index = (name: string, at: A.Expr) => {
    const i = csv.header.indexOf(name);
    if (i < 0) {
      const help = didYouMean(name, csv.header);
      report(
        scope,
        messages.csvNoColumn,
        at.span,
        [name, rel],
        help ? { help } : { help: `its columns are ${csv.header.map((h) => `'${h}'`).join(", ")}` },
      );
    }
    return i;
  };
  let weights: number[] | undefined;
  if (weight !== undefined) {
    const wi = index(weight, b.get("weight")!);
    if (wi < 0) return undefined;
    weights = [];
    for (let r = 0; r < csv.rows.length; r++) {
      const raw = csv.rows[r]![wi]!.trim();
      const w = Number(raw);
      if (raw === "" || !Number.isFinite(w) || w < 0)
        return report(scope, messages.csvBadWeight, b.get("weight")!.span, [rel, r + 2, raw]);
      weights.push(w);
    }
    if (weights.every((w) => w === 0))
      return report(scope, messages.badWeights, b.get("weight")!.span, ["they must not all be 0"]);
  }
  if (column !== undefined) {
    const ci = index(column, b.get("column")!);
    if (ci < 0) return undefined;
    const values = csv.rows.map((r) => r[ci]!);
    return { k: "choice", t: v(T.string), choices: choiceSet(scope.schema, values, weights), slot: scope.slot++ };
  }
  const fields = csv.header.filter((h) => h !== weight);
  const data = registerFile(scope, rel, fields, csv.header, csv.rows, weights);
  return { k: "fileRow", t: v({ kind: "fileRow", data: data.id, fields }), data: data.id, slot: scope.slot++ };
}

function registerFile(
  scope: ExprScope,
  rel: string,
  fields: string[],
  header: string[],
  rows: string[][],
  weights?: number[],
): DataFile {
  const key = JSON.stringify([rel, weights ?? null]);
  const found = scope.schema.files.find((f) => JSON.stringify([f.path, f.weights ?? null]) === key);
  if (found) return found;
  const columns: Record<string, string[]> = Object.create(null);
  for (const f of fields) {
    const i = header.indexOf(f);
    columns[f] = rows.map((r) => r[i]!);
  }
  const file: DataFile = {
    id: `F${scope.schema.files.length}`,
    path: rel,
    fields,
    columns,
    ...(weights ? { weights } : {}),
  };
  scope.schema.files.push(file);
  return file;
}
