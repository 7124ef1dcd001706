/**
 * Rows of a table read back from a CSV run and from a database, each value in one canonical text
 * per dgen type, so that "the database holds what the CSV run wrote" is an equality of sorted lists.
 *
 *   canonical("timestamp", "2024-01-01T10:00:00.120Z")   // "2024-01-01 10:00:00.12"
 *   canonical("timestamp", "2024-01-01 10:00:00.120")    // the same, as MariaDB prints it
 */
import { join } from "node:path";
import { readCsv } from "./csv.js";
import { mariadbLines, pgLines, sqliteLines } from "./databases.js";

export type Kind = "int" | "float" | "decimal" | "bool" | "date" | "timestamp" | "uuid" | "bytes" | "json" | "text";

export interface ManifestColumn {
  readonly name: string;
  readonly type: string;
  readonly tags: readonly string[];
}

export function kindOf(type: string): Kind {
  const t = type.replace(/\?$/, "");
  if (t.endsWith("[]") || t === "json") return "json";
  if (/^int(16|32|64)?$/.test(t)) return "int";
  if (t.startsWith("decimal")) return "decimal";
  if (t === "float" || t === "bool" || t === "date" || t === "timestamp" || t === "uuid" || t === "bytes") return t;
  return "text"; // string, enums
}

export function canonical(kind: Kind, v: string | null): string | null {
  if (v === null) return null;
  switch (kind) {
    case "int":
      return BigInt(v).toString();
    case "float":
      return String(Number(v));
    case "decimal":
      return v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "").replace(/^-0$/, "0") : v;
    case "bool":
      return ["true", "t", "1"].includes(v) ? "1" : "0";
    case "timestamp":
      return v
        .replace("T", " ")
        .replace(/Z$/, "")
        .replace(/(\.\d*?)0+$/, "$1")
        .replace(/\.$/, "");
    case "uuid":
      return v.toLowerCase();
    case "bytes":
      return v.replace(/^\\x/, "").toLowerCase();
    case "json":
      return JSON.stringify(sortKeys(JSON.parse(v))); // MySQL's JSON type orders object keys
    default:
      return v;
  }
}

/** Sorted canonical rows of `<dir>/<table>.csv`. */
export function csvRows(dir: string, table: string, columns: readonly ManifestColumn[]): string[] {
  const csv = readCsv(join(dir, `${table}.csv`));
  const at = columns.map((c) => csv.header.indexOf(c.name));
  return csv.rows.map((r) => JSON.stringify(columns.map((c, i) => canonical(kindOf(c.type), r[at[i]!]!)))).sort();
}

export type Target =
  | { readonly dialect: "postgres"; readonly db: string }
  | { readonly dialect: "mysql"; readonly db: string }
  | { readonly dialect: "sqlite"; readonly path: string };

/** Sorted canonical rows of a table in a database, read with the dialect's own client as JSON arrays of text. */
export async function dbRows(target: Target, table: string, columns: readonly ManifestColumn[]): Promise<string[]> {
  const exprs = columns.map((c) => textOf(target.dialect, kindOf(c.type), quote(target.dialect, c.name)));
  const from = quote(target.dialect, table);
  let lines: string[];
  if (target.dialect === "postgres") lines = await pgLines(target.db, `SELECT json_build_array(${exprs.join(", ")}) FROM ${from}`);
  else if (target.dialect === "mysql") lines = await mariadbLines(target.db, `SELECT JSON_ARRAY(${exprs.join(", ")}) FROM ${from}`);
  else lines = await sqliteLines(target.path, `SELECT json_array(${exprs.join(", ")}) FROM ${from}`);
  return lines
    .map((l) => {
      const values = JSON.parse(l) as (string | null)[];
      return JSON.stringify(columns.map((c, i) => canonical(kindOf(c.type), values[i] === null ? null : String(values[i]))));
    })
    .sort();
}

export function quote(dialect: Target["dialect"], name: string): string {
  return dialect === "mysql" ? "`" + name.replaceAll("`", "``") + "`" : '"' + name.replaceAll('"', '""') + '"';
}

function textOf(dialect: Target["dialect"], kind: Kind, c: string): string {
  if (dialect === "postgres") {
    if (kind === "bytes") return `encode(${c}, 'hex')`;
    if (kind === "json") return `to_json(${c})::text`;
    return `${c}::text`;
  }
  if (dialect === "mysql") {
    if (kind === "bytes") return `LOWER(HEX(${c}))`;
    return `CAST(${c} AS CHAR)`;
  }
  const text = kind === "bytes" ? `lower(hex(${c}))` : kind === "float" ? `printf('%!.17g', ${c})` : `CAST(${c} AS TEXT)`;
  return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${text} END`;
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
}
