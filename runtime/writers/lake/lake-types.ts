/**
 * How dgen columns are typed in a Delta Lake or an Apache Iceberg table (docs/cli.md, "Delta Lake and
 * Iceberg"). The data files are dgen's Parquet; these are the types of the table's own schema.
 *
 * | dgen | Delta | Iceberg |
 * |---|---|---|
 * | `int16` | `short` | `int` |
 * | `int32` | `integer` | `int` |
 * | `int`, `int64` | `long` | `long` |
 * | `float` | `double` | `double` |
 * | `decimal(p, s)` | `decimal(p,s)` | `decimal(p, s)` |
 * | `string`, enums, `json` | `string` | `string` |
 * | `bool` | `boolean` | `boolean` |
 * | `date` | `date` | `date` |
 * | `timestamp` | `timestamp` (UTC, µs) | `timestamptz` |
 * | `uuid` | `string` (Delta has no uuid; the Parquet column is text) | `uuid` |
 * | `bytes` | `binary` | `binary` |
 * | `T[]` | `array` of T, `containsNull` | `list` of T, element optional |
 *
 *   deltaType(intColumn)     // "long"
 *   icebergType(intColumn)   // "long"
 */
import type { ColumnMeta } from "../../contract.js";
import type { ColumnOptions } from "../parquet/schema.js";

export const LAKE_FORMATS = ["delta", "iceberg"] as const;
export type LakeFormat = (typeof LAKE_FORMATS)[number];

export function isLakeFormat(format: string): format is LakeFormat {
  return (LAKE_FORMATS as readonly string[]).includes(format);
}

/** Parquet column options of a lake table: Iceberg's field ids, Delta's uuids as text. */
export function lakeColumnOptions(format: LakeFormat, columns: readonly ColumnMeta[]): (i: number) => ColumnOptions {
  if (format === "delta") return () => ({ uuidAsString: true });
  const ids = icebergIds(columns);
  return (i) => ({ fieldId: ids.field[i]!, ...(ids.element[i] !== undefined ? { elementId: ids.element[i] } : {}) });
}

/** Iceberg field ids: column i is i + 1; list elements follow, in column order. */
export function icebergIds(columns: readonly ColumnMeta[]): {
  field: number[];
  element: (number | undefined)[];
  last: number;
} {
  const field = columns.map((_, i) => i + 1);
  let next = columns.length;
  const element = columns.map((c) => (c.kind === "array" ? ++next : undefined));
  return { field, element, last: next };
}

/** The scalar type of a dgen type name (without `?` or `[]`) for Delta. */
function deltaScalar(c: ColumnMeta, type: string): string {
  if (type === "int16") return "short";
  if (type === "int32") return "integer";
  if (type === "int" || type === "int64" || type === "bigint") return "long";
  if (type === "float") return "double";
  if (type === "bool") return "boolean";
  if (type === "date") return "date";
  if (type === "timestamp") return "timestamp";
  if (type === "bytes") return "binary";
  if (type.startsWith("decimal")) return `decimal(${precisionOf(c, type)},${scaleOf(c, type)})`;
  return "string"; // string, enums, json, uuid
}

function icebergScalar(c: ColumnMeta, type: string): string {
  if (type === "int16" || type === "int32") return "int";
  if (type === "int" || type === "int64" || type === "bigint") return "long";
  if (type === "float") return "double";
  if (type === "bool") return "boolean";
  if (type === "date") return "date";
  if (type === "timestamp") return "timestamptz";
  if (type === "bytes") return "binary";
  if (type === "uuid") return "uuid";
  if (type.startsWith("decimal")) return `decimal(${precisionOf(c, type)}, ${scaleOf(c, type)})`;
  return "string";
}

function baseType(c: ColumnMeta): string {
  if (c.enumValues !== undefined) return "string";
  if (c.kind === "json") return "json";
  if (c.kind === "uuid") return "uuid";
  if (c.kind === "bytes") return "bytes";
  return c.type.replace(/\?$/, "").replace(/\s+/g, "");
}

function precisionOf(c: ColumnMeta, type: string): number {
  return c.precision ?? Number(/^decimal\((\d+)/.exec(type)?.[1] ?? 38);
}

function scaleOf(c: ColumnMeta, type: string): number {
  return Number(/^decimal\(\d+,(\d+)\)/.exec(type)?.[1] ?? c.scale);
}

/** A Delta schema field's `type`: a name, or `{ type: "array", … }` for lists. */
export function deltaType(c: ColumnMeta): unknown {
  const t = baseType(c);
  if (c.kind !== "array") return deltaScalar(c, t);
  return { type: "array", elementType: deltaScalar(c, elementOf(t)), containsNull: true };
}

/** An Iceberg schema field's `type`; lists take their element's id. */
export function icebergType(c: ColumnMeta, elementId: number | undefined): unknown {
  const t = baseType(c);
  if (c.kind !== "array") return icebergScalar(c, t);
  return { type: "list", "element-id": elementId, element: icebergScalar(c, elementOf(t)), "element-required": false };
}

/** Array elements are written as Parquet by their JSON value (runtime/writers/parquet/schema.ts). */
function elementOf(t: string): string {
  const e = t.replace(/\[\]$/, "");
  return ["int16", "int32", "int", "int64", "bigint", "float", "bool"].includes(e) ? e : "string";
}
