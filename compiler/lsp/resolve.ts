/**
 * What the name at an offset refers to: a table, a column or let of a table, an enum or one of its
 * members. Shared by go-to-definition and hover. Rows are followed the way the language reads them:
 * `parent.x` (the `per` table's parent), `prev.x` (the table itself), `pick(t, …).x`, `t[e].x`,
 * `@ref(t.c)` and `sample(t.c, n)`, a `let` bound to any of these (`let p = pick(products)` then
 * `p.price`), and the names in `unique(…)`, `primary key (…)`, `foreign key (…) references t(…)`,
 * `correlate`, `when … then x = …` and `rows: per t`.
 *
 *   resolveAt(ast, offsetOf("parent.signup_at") + 7)
 *   // { kind: "column", table: "customers", field: ColumnDecl signup_at }
 */
import type { EnumDecl, EnumMember, Expr, SchemaFile, TableDecl } from "../ast/nodes.js";
import { nodesAt, type AnyNode } from "./locate.js";
import { schemaSymbols, type Field, type SchemaSymbols } from "./symbols.js";

export type Target =
  | { readonly kind: "table"; readonly decl: TableDecl }
  | { readonly kind: "column"; readonly table: string; readonly field: Field }
  | { readonly kind: "enum"; readonly decl: EnumDecl }
  | { readonly kind: "enumMember"; readonly decl: EnumDecl; readonly member: EnumMember };

export interface Resolved {
  readonly target: Target;
  /** The span of the name at the offset (for a hover's range). */
  readonly at: { readonly start: number; readonly end: number };
}

export function resolveAt(ast: SchemaFile, offset: number): Resolved | undefined {
  const path = nodesAt(ast, offset);
  const node = path[path.length - 1]!;
  const parent = path[path.length - 2];
  const syms = schemaSymbols(ast);
  const table = enclosingTable(path);
  const target = node.kind === undefined ? nameTarget(syms, node, parent, table) : identTarget(syms, node, table);
  return target ? { target, at: node.span } : undefined;
}

/** The table whose names are in scope: the enclosing table, or a partition's table in `output`. */
function enclosingTable(path: readonly AnyNode[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!;
    if (n.kind === "TableDecl") return (n as unknown as TableDecl).name.text;
    if (n.kind === "PartitionSetting") return (n["table"] as { text: string }).text;
  }
  return undefined;
}

function identTarget(syms: SchemaSymbols, node: AnyNode, table: string | undefined): Target | undefined {
  if (node.kind !== "Ident") return undefined;
  const name = node["name"] as string;
  // `t.c` in @ref(t.c) and sample(t.c): the object names a table.
  const t = syms.tables.get(name);
  const local = table !== undefined ? syms.field(table, name) : undefined;
  if (local && table !== undefined) return { kind: "column", table, field: local };
  if (t) return { kind: "table", decl: t };
  if (name === "parent" && table !== undefined) {
    const p = syms.tables.get(syms.parentOf(table) ?? "");
    if (p) return { kind: "table", decl: p };
  }
  return undefined;
}

function nameTarget(
  syms: SchemaSymbols,
  name: AnyNode,
  owner: AnyNode | undefined,
  table: string | undefined,
): Target | undefined {
  if (!owner) return undefined;
  const text = name["text"] as string;
  const column = (t: string | undefined): Target | undefined => {
    const f = t !== undefined ? syms.field(t, text) : undefined;
    return f && t !== undefined ? { kind: "column", table: t, field: f } : undefined;
  };
  const tableNamed = (): Target | undefined => {
    const d = syms.tables.get(text);
    return d ? { kind: "table", decl: d } : undefined;
  };
  switch (owner.kind) {
    case "TableDecl":
    case "PerRows":
    case "PartitionSetting":
      return tableNamed();
    case "ColumnDecl":
    case "LetDecl":
    case "UniqueDecl":
    case "PrimaryKeyDecl":
    case "CorrelateDecl":
    case "CorrelationPair":
    case "Assignment":
      return column(table);
    case "ForeignKeyDecl": {
      const fk = owner as unknown as { table: { span: unknown }; refColumns: readonly { span: unknown }[] };
      if (fk.table === (name as unknown)) return tableNamed();
      if (fk.refColumns.includes(name as never)) return column((fk.table as unknown as { text: string }).text);
      return column(table);
    }
    case "EnumDecl": {
      const d = syms.enums.get(text);
      return d ? { kind: "enum", decl: d } : undefined;
    }
    case "EnumMember": {
      const d = [...syms.enums.values()].find((e) => e.members.includes(owner as unknown as EnumMember));
      return d ? { kind: "enumMember", decl: d, member: owner as unknown as EnumMember } : undefined;
    }
    case "TypeRef": {
      const d = syms.enums.get(text);
      return d ? { kind: "enum", decl: d } : undefined;
    }
    case "Member":
      return column(rowTable(syms, owner["object"] as Expr, table, 0));
    default:
      return undefined;
  }
}

/** What `rowTable` needs to know of a schema (SchemaSymbols, or completion's merge of two parses). */
export interface RowNames {
  parentOf(table: string): string | undefined;
  field(table: string, name: string): Field | undefined;
  hasTable(name: string): boolean;
}

/** The table whose row an expression is, if it is one: `parent`, `prev`, `pick(t)`, `t[e]`, `t` itself, a let of one. */
export function rowTable(syms: RowNames, e: Expr, table: string | undefined, depth: number): string | undefined {
  if (depth > 8) return undefined;
  switch (e.kind) {
    case "Ident": {
      if (e.name === "parent") return table !== undefined ? syms.parentOf(table) : undefined;
      if (e.name === "prev") return table;
      const f = table !== undefined ? syms.field(table, e.name) : undefined;
      if (f) return f.kind === "LetDecl" || f.value ? rowTable(syms, f.value!, table, depth + 1) : undefined;
      return syms.hasTable(e.name) ? e.name : undefined;
    }
    case "Call": {
      const first = e.args[0]?.value;
      if (e.callee.kind === "Ident" && e.callee.name === "pick" && first?.kind === "Ident") return first.name;
      return undefined;
    }
    case "Index":
      return e.object.kind === "Ident" && syms.hasTable(e.object.name) ? e.object.name : undefined;
    case "IfExpr":
      return rowTable(syms, e.then, table, depth + 1) ?? rowTable(syms, e.else, table, depth + 1);
    default:
      return undefined;
  }
}
