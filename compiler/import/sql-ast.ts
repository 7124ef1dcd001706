/**
 * The one importer of node-sql-parser, and small readers of the shapes of its AST that the import
 * needs (names, literals, type definitions). Everything else sees plain values.
 *
 *   parseSql("CREATE TABLE t (a int)", "postgres")   // { ok: true, statements: [{ type: "create", … }] }
 *   nameOf({ expr: { type: "default", value: "a" } }) // "a"
 */
import { createRequire } from "node:module";
import type { Dialect } from "./model.js";

type Node = Record<string, unknown>;

interface ParserLike {
  astify(sql: string, opts: { database: string }): unknown;
}

let parser: ParserLike | undefined;
function sqlParser(): ParserLike {
  if (!parser) {
    const { Parser } = createRequire(import.meta.url)("node-sql-parser") as { Parser: new () => ParserLike };
    parser = new Parser();
  }
  return parser;
}

const database: Record<Dialect, string> = { postgres: "postgresql", mysql: "mariadb", sqlite: "sqlite" };

export type Parsed =
  | { ok: true; statements: Node[] }
  | { ok: false; message: string; line: number; column: number };

/** Parses SQL text in a dialect; a syntax error comes back with its line and column, never thrown. */
export function parseSql(sql: string, dialect: Dialect): Parsed {
  try {
    const ast = sqlParser().astify(sql, { database: database[dialect] });
    return { ok: true, statements: (Array.isArray(ast) ? ast : [ast]).filter((s): s is Node => !!s && typeof s === "object") };
  } catch (e) {
    const err = e as { message?: unknown; location?: { start?: { line?: number; column?: number } } };
    const message = typeof err.message === "string" ? err.message : String(e);
    return {
      ok: false,
      // The parser lists every token it expected; the first 200 characters say enough.
      message: message.length > 200 ? `${message.slice(0, 200)}…` : message,
      line: err.location?.start?.line ?? 1,
      column: err.location?.start?.column ?? 1,
    };
  }
}

/** The expression of a CHECK written as SQL text (a catalog's), parsed through `SELECT 1 WHERE …`. */
export function parseCheckText(text: string, dialect: Dialect): unknown {
  const inner = text.replace(/^\s*CHECK\s*/i, "");
  const parsed = parseSql(`SELECT 1 FROM t WHERE ${inner}`, dialect);
  if (!parsed.ok) return undefined;
  const where = (parsed.statements[0] as { where?: unknown } | undefined)?.where;
  return where ?? undefined;
}

/** A name as node-sql-parser gives it: a string, `{ expr: { value } }`, or a column_ref. */
export function nameOf(n: unknown): string {
  if (typeof n === "string") return n;
  if (n && typeof n === "object") {
    const o = n as Node;
    if ("column" in o) return nameOf(o.column);
    if ("expr" in o) return nameOf(o.expr);
    if ("value" in o && typeof o.value === "string") return o.value;
  }
  return "";
}

/** The table name of a `[{ db, table }]` or `{ db, table }` node. */
export function tableOf(n: unknown): string {
  const t = Array.isArray(n) ? n[0] : n;
  return t && typeof t === "object" ? nameOf((t as Node).table) : "";
}

/** Column names of a list of column_ref nodes. */
export function columnsOf(list: unknown): string[] {
  return Array.isArray(list) ? list.map((c) => nameOf(c)).filter((c) => c !== "") : [];
}

/** A literal default's SQL text (`3`, `'G'`, `CURRENT_TIMESTAMP`), for comments. */
export function literalText(n: unknown): string | undefined {
  if (!n || typeof n !== "object") return undefined;
  const o = n as Node;
  const v = (o.type === "default" && o.value && typeof o.value === "object" ? o.value : o) as Node;
  switch (v.type) {
    case "number":
      return String(v.value);
    case "single_quote_string":
    case "string":
      return `'${unquote(String(v.value)).replaceAll("'", "''")}'`;
    case "bool":
    case "boolean":
      return String(v.value).toUpperCase();
    case "null":
      return "NULL";
    case "function": {
      const name = (v.name as { name?: { value?: string }[] } | undefined)?.name?.map((p) => p.value).join(".");
      return name ? `${name}()` : undefined;
    }
    default:
      return undefined;
  }
}

/** The string values of an `expr_list` of literals (ENUM and SET labels). */
export function stringList(n: unknown): string[] {
  const values = (n as { value?: unknown } | undefined)?.value;
  return Array.isArray(values) ? values.map((v) => unquote(String((v as Node).value))) : [];
}

/** node-sql-parser keeps a quoted string's doubled quotes (`'it''s'` → `it''s`): the text itself. */
export function unquote(raw: string): string {
  return raw.replaceAll("''", "'");
}

/** An expression's SQL text, printed back by node-sql-parser (for comments). */
export function exprText(expr: unknown, dialect: Dialect): string {
  try {
    return (sqlParser() as unknown as { exprToSQL(e: unknown, o: { database: string }): string }).exprToSQL(expr, { database: database[dialect] });
  } catch {
    return "(an expression)";
  }
}
