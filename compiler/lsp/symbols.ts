/**
 * What a schema declares, by name: tables, their columns and lets, the table a `per` table hangs
 * under, enums. Read from an AST (also a recovered one, whose broken items are simply missing).
 *
 *   const s = schemaSymbols(ast);
 *   s.parentOf("orders")      // "customers" (from `rows: per customers …`)
 *   s.columns("orders")       // [ColumnDecl id, ColumnDecl customer_id, …, LetDecl …]
 */
import type { ColumnDecl, EnumDecl, LetDecl, ParamDecl, SchemaFile, TableDecl } from "../ast/nodes.js";

export type Field = ColumnDecl | LetDecl;

export interface SchemaSymbols {
  readonly tables: ReadonlyMap<string, TableDecl>;
  readonly enums: ReadonlyMap<string, EnumDecl>;
  readonly params: ReadonlyMap<string, ParamDecl>;
  columns(table: string): readonly Field[];
  field(table: string, name: string): Field | undefined;
  parentOf(table: string): string | undefined;
  hasTable(name: string): boolean;
}

const cache = new WeakMap<SchemaFile, SchemaSymbols>();

export function schemaSymbols(ast: SchemaFile): SchemaSymbols {
  let s = cache.get(ast);
  if (!s) cache.set(ast, (s = build(ast)));
  return s;
}

function build(ast: SchemaFile): SchemaSymbols {
  const tables = new Map<string, TableDecl>();
  for (const t of ast.tables) if (!tables.has(t.name.text)) tables.set(t.name.text, t);
  const enums = new Map<string, EnumDecl>();
  for (const e of ast.enums) if (!enums.has(e.name.text)) enums.set(e.name.text, e);
  const params = new Map<string, ParamDecl>();
  for (const p of ast.params) if (!params.has(p.name.text)) params.set(p.name.text, p);
  const fields = new Map<string, Field[]>();
  const columns = (table: string): Field[] => {
    let f = fields.get(table);
    if (!f) {
      const items = tables.get(table)?.items ?? [];
      f = items.filter((i): i is Field => i.kind === "ColumnDecl" || i.kind === "LetDecl");
      fields.set(table, f);
    }
    return f;
  };
  return {
    tables,
    enums,
    params,
    columns,
    hasTable: (name) => tables.has(name),
    field: (table, name) => columns(table).find((f) => f.name.text === name),
    parentOf(table) {
      for (const item of tables.get(table)?.items ?? [])
        if (item.kind === "RowsDecl" && item.count.kind === "PerRows") return item.count.parent.text;
      return undefined;
    },
  };
}
