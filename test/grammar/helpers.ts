/** Small helpers for the grammar tests: parse a text, find tables, columns and settings by name. */
import { expect } from "vitest";
import type { ColumnDecl, Expr, SchemaFile, Setting, TableDecl } from "../../compiler/ast/nodes.js";
import { parseSchema } from "../../compiler/parse.js";
import { lineCol } from "../../diagnostics/source.js";

export function parse(text: string, path = "test.dgen") {
  const file = { path, text };
  const result = parseSchema(file);
  const located = result.diagnostics.map((d) => {
    const { line, column } = lineCol(file, d.span.start);
    return { code: d.code, line, column, message: d.message, text: text.slice(d.span.start, d.span.end) };
  });
  return { ...result, located, text };
}

/** Parses text that must have no diagnostics. */
export function parseClean(text: string): SchemaFile {
  const result = parse(text);
  expect(result.located).toEqual([]);
  return result.ast;
}

export function table(ast: SchemaFile, name: string): TableDecl {
  const found = ast.tables.find((t) => t.name.text === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

export function column(ast: SchemaFile, tableName: string, name: string): ColumnDecl {
  const found = table(ast, tableName).items.find(
    (i): i is ColumnDecl => i.kind === "ColumnDecl" && i.name.text === name,
  );
  if (!found) throw new Error(`no column ${tableName}.${name}`);
  return found;
}

/** The value of `x` in `dataset d { x: <expr> }` (with a dataset header added). */
export function expr(source: string): Expr {
  const ast = parseClean(`dataset d { x: ${source} }`);
  return (ast.datasets[0]!.settings[0] as Setting).value;
}

/** The source text a span covers. */
export function textOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
