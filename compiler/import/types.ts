/**
 * SQL type names → the model's column types, for the three dialects. Every reader passes the type's
 * base name (lower case, as its parser or catalog gives it), its numeric parameters and whether it is
 * unsigned; the table of the mapping is in docs/cli.md ("dgen import").
 *
 *   sqlType("mysql", "tinyint", [], true)   // { kind: "int", bits: 16, min: 0, max: 255 }
 *   sqlType("postgres", "numeric", [10, 2]) // { kind: "decimal", precision: 10, scale: 2 }
 */
import type { ColumnType, Dialect } from "./model.js";

const INT32_MAX = 2147483647;

export function sqlType(dialect: Dialect, rawName: string, params: readonly number[], unsigned = false): ColumnType {
  const name = rawName.toLowerCase().replace(/\s+/g, " ").trim();
  if (name.endsWith("[]")) return { kind: "array", element: sqlType(dialect, name.slice(0, -2), params, unsigned) };
  if (dialect === "sqlite") return sqliteType(name, params);
  switch (name) {
    case "tinyint":
    case "int1":
      if (dialect === "mysql" && params[0] === 1) return { kind: "bool" };
      return unsigned ? { kind: "int", bits: 16, min: 0, max: 255 } : { kind: "int", bits: 16, min: -128, max: 127 };
    case "smallint":
    case "int2":
    case "smallserial":
    case "serial2":
      return unsigned ? { kind: "int", bits: 32, min: 0, max: 65535 } : { kind: "int", bits: 16 };
    case "mediumint":
      return unsigned ? { kind: "int", bits: 32, min: 0, max: 16777215 } : { kind: "int", bits: 32, min: -8388608, max: 8388607 };
    case "int":
    case "integer":
    case "int4":
    case "serial":
    case "serial4":
      return unsigned ? { kind: "int", bits: 64, min: 0, max: 2 * INT32_MAX + 1 } : { kind: "int", bits: 32 };
    case "bigint":
    case "int8":
    case "bigserial":
    case "serial8":
      return unsigned ? { kind: "int", bits: 64, min: 0 } : { kind: "int", bits: 64 };
    case "year":
      return { kind: "int", bits: 16, min: 1901, max: 2155 };
    case "bit":
      return params[0] === undefined || params[0] === 1 ? { kind: "bool" } : { kind: "unknown" };
    case "bool":
    case "boolean":
      return { kind: "bool" };
    case "real":
    case "float":
    case "float4":
    case "float8":
    case "double":
    case "double precision":
      return { kind: "float" };
    case "numeric":
    case "decimal":
    case "dec":
    case "fixed":
      return decimal(params);
    case "money":
      return { kind: "decimal", precision: 15, scale: 2 };
    case "char":
    case "character":
    case "bpchar":
    case "nchar":
    case "varchar":
    case "character varying":
    case "nvarchar":
    case "varchar2":
      return params[0] !== undefined ? { kind: "string", maxLength: params[0] } : name === "char" || name === "character" || name === "nchar" ? { kind: "string", maxLength: 1 } : { kind: "string" };
    case "tinytext":
      return { kind: "string", maxLength: 255 };
    case "text":
    case "mediumtext":
    case "longtext":
    case "citext":
    case "name":
      return { kind: "string" };
    case "date":
      return { kind: "date" };
    case "datetime":
    case "timestamp":
    case "timestamptz":
    case "timestamp without time zone":
    case "timestamp with time zone":
      return { kind: "timestamp" };
    case "time":
    case "timetz":
    case "time without time zone":
    case "time with time zone":
      return { kind: "time" };
    case "uuid":
      return { kind: "uuid" };
    case "json":
    case "jsonb":
      return { kind: "json" };
    case "bytea":
    case "blob":
    case "tinyblob":
    case "mediumblob":
    case "longblob":
      return { kind: "bytes" };
    case "binary":
    case "varbinary":
      return params[0] !== undefined ? { kind: "bytes", maxLength: params[0] } : { kind: "bytes" };
    default:
      return { kind: "unknown" };
  }
}

function decimal(params: readonly number[]): ColumnType {
  const [p, s] = params;
  if (p === undefined) return { kind: "decimal", precision: 15, scale: 2, guessed: true };
  return { kind: "decimal", precision: Math.min(Math.max(p, 1), 38), scale: Math.min(s ?? 0, Math.min(p, 38)) };
}

/**
 * SQLite keeps the declared type's text and gives it an affinity by SQLite's own rules (§3.1 of its
 * datatype document: INT → integer; CHAR, CLOB, TEXT → text; BLOB or none → blob; REAL, FLOA, DOUB →
 * real; else numeric). Declared names that say more (VARCHAR(40), DATE, BOOLEAN) are read as such.
 */
function sqliteType(name: string, params: readonly number[]): ColumnType {
  const known = sqlType("postgres", name, params);
  if (known.kind !== "unknown") {
    // INTEGER in SQLite is 64-bit; dgen's `int` (exact to 2^53) holds what real tables keep there.
    if (known.kind === "int" && (name === "integer" || name === "int")) return { kind: "int", bits: 53 };
    return known;
  }
  if (name.includes("int")) return { kind: "int", bits: 53 };
  if (/char|clob|text/.test(name)) return params[0] !== undefined ? { kind: "string", maxLength: params[0] } : { kind: "string" };
  if (name === "" || name.includes("blob")) return name === "" ? { kind: "string" } : { kind: "bytes" };
  if (/real|floa|doub/.test(name)) return { kind: "float" };
  if (name === "datetime") return { kind: "timestamp" };
  return decimal(params);
}
