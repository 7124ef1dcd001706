/**
 * The four SQL dialects dgen writes (v2 §16): how each quotes names, how many rows one `INSERT`
 * carries, and which column type each dgen type becomes.
 *
 *   quoteIdent("mysql", "order`s")                    // "`order``s`"
 *   columnType("postgres", { kind: "decimal", precision: 12, scale: 2, … }, false)   // "numeric(12, 2)"
 */
import type { ColumnMeta } from "../contract.js";

export const DIALECTS = ["postgres", "mysql", "sqlite", "mssql"] as const;
export type Dialect = (typeof DIALECTS)[number];

export function isDialect(s: string): s is Dialect {
  return (DIALECTS as readonly string[]).includes(s);
}

/**
 * Rows per multi-row `INSERT` (PostgreSQL uses `COPY`). SQL Server's table value constructor takes at
 * most 1000 rows; SQLite's compound-select limit is 500; MySQL's statement must fit
 * `max_allowed_packet` (16 MiB by default), which 500 rows of ordinary width do with room to spare.
 * Batches start at global row indexes that are multiples of this, so shards and workers cut the same
 * statements.
 */
export const INSERT_BATCH: Readonly<Record<Dialect, number>> = { postgres: 1000, mysql: 500, sqlite: 500, mssql: 1000 };

/** A name quoted for the dialect: `"x"` (PostgreSQL, SQLite), `` `x` `` (MySQL), `[x]` (SQL Server). */
export function quoteIdent(dialect: Dialect, name: string): string {
  switch (dialect) {
    case "mysql":
      return "`" + name.replaceAll("`", "``") + "`";
    case "mssql":
      return "[" + name.replaceAll("]", "]]") + "]";
    default:
      return '"' + name.replaceAll('"', '""') + '"';
  }
}

/** A string literal for DDL (enum labels, names in `setval`): quotes doubled; MySQL also doubles `\`. */
export function quoteText(dialect: Dialect, s: string): string {
  const body = s.replaceAll("'", "''");
  if (dialect === "mysql") return "'" + body.replaceAll("\\", "\\\\") + "'";
  return (dialect === "mssql" ? "N'" : "'") + body + "'";
}

/** The dgen type of a column without `?` and without `[]` (for arrays: the element type). */
export function baseType(c: ColumnMeta): string {
  return c.type.replace(/\?$/, "").replace(/\[\]$/, "");
}

/** The SQL name of a PostgreSQL enum type made for a dgen enum. */
export function enumTypeName(c: ColumnMeta): string {
  return baseType(c);
}

/**
 * The column type. `keyed` says the column is in a key or index, where MySQL and SQL Server need a
 * bounded string type (`varchar(255)`, `nvarchar(450)`) instead of `text` / `nvarchar(max)`.
 */
export function columnType(dialect: Dialect, c: ColumnMeta, keyed: boolean): string {
  if (c.kind === "array") return dialect === "postgres" ? `${elementType(c)}[]` : JSON_TEXT[dialect];
  if (c.enumValues !== undefined) return enumType(dialect, c, keyed);
  const t = baseType(c);
  switch (c.kind) {
    case "int":
      return intType(dialect, t);
    case "bigint":
      return dialect === "sqlite" ? "INTEGER" : "bigint";
    case "float":
      return { postgres: "double precision", mysql: "double", sqlite: "REAL", mssql: "float(53)" }[dialect];
    case "decimal": {
      const p = c.precision ?? 38;
      // SQLite has no exact decimal: up to 15 digits a REAL holds every value exactly; past that, text.
      if (dialect === "sqlite") return p <= 15 ? "NUMERIC" : "TEXT";
      return `${dialect === "postgres" ? "numeric" : "decimal"}(${p}, ${c.scale})`;
    }
    case "string":
      return stringType(dialect, c, keyed);
    case "bool":
      return { postgres: "boolean", mysql: "boolean", sqlite: "INTEGER", mssql: "bit" }[dialect];
    case "date":
      return dialect === "sqlite" ? "TEXT" : "date";
    case "timestamp":
      return { postgres: "timestamp(3)", mysql: "datetime(3)", sqlite: "TEXT", mssql: "datetime2(3)" }[dialect];
    case "uuid":
      return { postgres: "uuid", mysql: "char(36)", sqlite: "TEXT", mssql: "uniqueidentifier" }[dialect];
    case "json":
      return JSON_TEXT[dialect];
    case "bytes":
      if (dialect === "postgres") return "bytea";
      if (dialect === "sqlite") return "BLOB";
      if (dialect === "mysql") return keyed ? "varbinary(255)" : "longblob";
      return keyed ? "varbinary(900)" : "varbinary(max)";
  }
}

/** JSON as text the database checks but keeps as written (PostgreSQL `json`, not `jsonb`, which reorders keys). */
const JSON_TEXT: Readonly<Record<Dialect, string>> = {
  postgres: "json",
  mysql: "json",
  sqlite: "TEXT",
  mssql: "nvarchar(max)",
};

function intType(dialect: Dialect, t: string): string {
  if (dialect === "sqlite") return "INTEGER";
  if (t === "int16") return "smallint";
  if (t === "int32") return dialect === "postgres" ? "integer" : "int";
  return "bigint";
}

function stringType(dialect: Dialect, c: ColumnMeta, keyed: boolean): string {
  const max = c.length?.[1];
  switch (dialect) {
    case "postgres":
      return "text";
    case "sqlite":
      return "TEXT";
    case "mysql":
      // Binary collation: keys compare exactly as dgen's (no case or accent folding).
      if (max !== undefined && max <= 16383) return `varchar(${max}) COLLATE utf8mb4_bin`;
      return keyed ? "varchar(255) COLLATE utf8mb4_bin" : "longtext COLLATE utf8mb4_bin";
    case "mssql":
      if (max !== undefined && max <= 4000) return `nvarchar(${max})`;
      return keyed ? "nvarchar(450)" : "nvarchar(max)";
  }
}

function enumType(dialect: Dialect, c: ColumnMeta, keyed: boolean): string {
  const values = c.enumValues!;
  if (dialect === "postgres") return quoteIdent(dialect, enumTypeName(c));
  if (dialect === "mysql") return `enum(${values.map((v) => quoteText(dialect, v)).join(", ")}) COLLATE utf8mb4_bin`;
  if (dialect === "sqlite") return "TEXT";
  const longest = Math.max(1, ...values.map((v) => v.length));
  return keyed || longest <= 4000 ? `nvarchar(${Math.min(longest, 4000)})` : "nvarchar(max)";
}

/** A PostgreSQL array's element type. */
function elementType(c: ColumnMeta): string {
  const t = baseType(c);
  const known: Record<string, string> = {
    int: "bigint",
    int16: "smallint",
    int32: "integer",
    int64: "bigint",
    float: "double precision",
    string: "text",
    bool: "boolean",
    date: "date",
    timestamp: "timestamp(3)",
    uuid: "uuid",
  };
  const dec = /^decimal\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return `numeric(${dec[1]}, ${dec[2]})`;
  return known[t] ?? "text";
}
