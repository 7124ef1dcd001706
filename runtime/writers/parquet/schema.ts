/**
 * How each dgen column is typed in Parquet: its physical type, its logical type (and the legacy
 * converted type for older readers), its nesting, and the schema elements of the footer.
 *
 *   parquetColumn({ name: "price", type: "decimal(10, 2)", kind: "decimal", nullable: false, scale: 2, tags: [] })
 *   // { leaf: "int64", precision: 10, scale: 2, … }  (INT64 DECIMAL(10, 2))
 *
 * | dgen | Parquet |
 * |---|---|
 * | `int`, `int64` | INT64 (INTEGER(64, signed)) |
 * | `int16`, `int32` | INT32 (INTEGER(16 or 32, signed)) |
 * | `float` | DOUBLE |
 * | `decimal(p, s)` | DECIMAL(p, s) on INT32 (p ≤ 9), INT64 (p ≤ 18), else FIXED_LEN_BYTE_ARRAY |
 * | `string`, enums | BYTE_ARRAY STRING (enums always dictionary-encoded) |
 * | `bool` | BOOLEAN |
 * | `date` | INT32 DATE |
 * | `timestamp` | INT64 TIMESTAMP(isAdjustedToUTC = true, MICROS) |
 * | `uuid` | FIXED_LEN_BYTE_ARRAY(16) UUID |
 * | `json` | BYTE_ARRAY JSON |
 * | `bytes` | BYTE_ARRAY |
 * | `T[]` | LIST of the element type (3-level; elements optional) |
 */
import type { ColumnMeta, ValueKind } from "../../contract.js";
import type { ThriftWriter } from "./thrift.js";

/** How values of a leaf are held and encoded. */
export type Leaf = "bool" | "int32" | "int64" | "double" | "string" | "binary" | "uuid" | "fixedDecimal";

export const PHYSICAL: Readonly<Record<Leaf, number>> = {
  bool: 0,
  int32: 1,
  int64: 2,
  double: 5,
  string: 6,
  binary: 6,
  uuid: 7,
  fixedDecimal: 7,
};

/** The logical annotation of a leaf (written as both LogicalType and ConvertedType). */
export type Logical =
  | { kind: "none" }
  | { kind: "string" }
  | { kind: "json" }
  | { kind: "enum" }
  | { kind: "int"; bits: 16 | 32 | 64 }
  | { kind: "decimal"; precision: number; scale: number }
  | { kind: "date" }
  | { kind: "timestamp" }
  | { kind: "uuid" };

export interface ParquetColumn {
  readonly name: string;
  readonly nullable: boolean;
  /** A LIST column: the leaf is its element. */
  readonly list: boolean;
  readonly leaf: Leaf;
  readonly logical: Logical;
  /** Bytes per value of a FIXED_LEN_BYTE_ARRAY leaf. */
  readonly typeLength: number;
  /** `always` for enums, `maybe` for other strings (when it pays), `never` otherwise. */
  readonly dictionary: "always" | "maybe" | "never";
  readonly maxDef: number;
  readonly maxRep: number;
  /** The decimal scale (a decimal column's values are scaled to integers by 10^scale). */
  readonly scale: number;
  /** Iceberg only: the column's field id (and its list element's), written as the elements' `field_id`. */
  readonly fieldId?: number;
  readonly elementId?: number;
}

/** How a lake table wants its columns (runtime/writers/lake/): uuids as text (Delta), field ids (Iceberg). */
export interface ColumnOptions {
  readonly uuidAsString?: boolean;
  readonly fieldId?: number;
  readonly elementId?: number;
}

export function parquetColumn(c: ColumnMeta, options: ColumnOptions = {}): ParquetColumn {
  const ids = {
    ...(options.fieldId !== undefined ? { fieldId: options.fieldId } : {}),
    ...(options.elementId !== undefined && c.kind === "array" ? { elementId: options.elementId } : {}),
  };
  const base = c.type.replace(/\?$/, "");
  if (c.kind === "array") {
    const element = elementLeaf(base.replace(/\[\]$/, ""));
    return {
      name: c.name,
      nullable: c.nullable,
      list: true,
      ...element,
      typeLength: 0,
      dictionary: element.leaf === "string" ? "maybe" : "never",
      maxDef: (c.nullable ? 1 : 0) + 2,
      maxRep: 1,
      scale: 0,
      ...ids,
    };
  }
  const t =
    c.kind === "uuid" && options.uuidAsString === true
      ? flatLeaf("string", "string", c)
      : flatLeaf(c.kind, base, c);
  return {
    name: c.name,
    nullable: c.nullable,
    list: false,
    ...t,
    maxDef: c.nullable ? 1 : 0,
    maxRep: 0,
    scale: c.kind === "decimal" ? c.scale : 0,
    ...ids,
  };
}

function flatLeaf(
  kind: ValueKind,
  type: string,
  c: ColumnMeta,
): { leaf: Leaf; logical: Logical; typeLength: number; dictionary: ParquetColumn["dictionary"] } {
  const plain = (leaf: Leaf, logical: Logical) => ({ leaf, logical, typeLength: 0, dictionary: "never" as const });
  switch (kind) {
    case "int":
      if (type === "int16") return plain("int32", { kind: "int", bits: 16 });
      if (type === "int32") return plain("int32", { kind: "int", bits: 32 });
      return plain("int64", { kind: "int", bits: 64 });
    case "bigint":
      return plain("int64", { kind: "int", bits: 64 });
    case "float":
      return plain("double", { kind: "none" });
    case "decimal": {
      const precision = Number(/^decimal\(\s*(\d+)/.exec(type)?.[1] ?? 38);
      const logical: Logical = { kind: "decimal", precision, scale: c.scale };
      if (precision <= 9) return plain("int32", logical);
      if (precision <= 18) return plain("int64", logical);
      return { leaf: "fixedDecimal", logical, typeLength: decimalBytes(precision), dictionary: "never" };
    }
    case "string":
      return c.enumValues !== undefined
        ? { leaf: "string", logical: { kind: "string" }, typeLength: 0, dictionary: "always" }
        : { leaf: "string", logical: { kind: "string" }, typeLength: 0, dictionary: "maybe" };
    case "bool":
      return plain("bool", { kind: "none" });
    case "date":
      return plain("int32", { kind: "date" });
    case "timestamp":
      return plain("int64", { kind: "timestamp" });
    case "uuid":
      return { leaf: "uuid", logical: { kind: "uuid" }, typeLength: 16, dictionary: "never" };
    case "json":
      return { leaf: "string", logical: { kind: "json" }, typeLength: 0, dictionary: "maybe" };
    case "bytes":
      return plain("binary", { kind: "none" });
    case "array":
      return plain("string", { kind: "string" });
  }
}

/** Array elements arrive as JSON-able values: numbers, booleans and text (dates, uuids, decimals as text). */
function elementLeaf(type: string): { leaf: Leaf; logical: Logical } {
  if (type === "int16") return { leaf: "int32", logical: { kind: "int", bits: 16 } };
  if (type === "int32") return { leaf: "int32", logical: { kind: "int", bits: 32 } };
  if (type === "int" || type === "int64" || type === "bigint") return { leaf: "int64", logical: { kind: "int", bits: 64 } };
  if (type === "float") return { leaf: "double", logical: { kind: "none" } };
  if (type === "bool") return { leaf: "bool", logical: { kind: "none" } };
  return { leaf: "string", logical: { kind: "string" } };
}

/** The fewest bytes whose two's complement holds every unscaled value of `precision` digits. */
function decimalBytes(precision: number): number {
  const max = 10n ** BigInt(precision);
  let n = 1;
  while (1n << BigInt(8 * n - 1) < max) n++;
  return n;
}

/** Writes the schema elements of `columns` (the root first) as the elements of a thrift list. */
export function writeSchema(t: ThriftWriter, columns: readonly ParquetColumn[]): number {
  let count = 1;
  t.item();
  t.string(4, "schema");
  t.i32(5, columns.length);
  t.end();
  for (const c of columns) {
    if (c.list) {
      t.item();
      t.i32(3, c.nullable ? 1 : 0);
      t.string(4, c.name);
      t.i32(5, 1);
      t.i32(6, 3); // LIST
      if (c.fieldId !== undefined) t.i32(9, c.fieldId);
      t.struct(10);
      t.empty(3);
      t.end();
      t.end();
      t.item();
      t.i32(3, 2); // repeated
      t.string(4, "list");
      t.i32(5, 1);
      t.end();
      leafElement(t, c, "element", 1, c.elementId);
      count += 3;
    } else {
      leafElement(t, c, c.name, c.nullable ? 1 : 0, c.fieldId);
      count += 1;
    }
  }
  return count;
}

function leafElement(t: ThriftWriter, c: ParquetColumn, name: string, repetition: number, fieldId?: number): void {
  t.item();
  t.i32(1, PHYSICAL[c.leaf]);
  if (c.typeLength > 0) t.i32(2, c.typeLength);
  t.i32(3, repetition);
  t.string(4, name);
  const l = c.logical;
  const converted = convertedType(l);
  if (converted !== undefined) t.i32(6, converted);
  if (l.kind === "decimal") {
    t.i32(7, l.scale);
    t.i32(8, l.precision);
  }
  if (fieldId !== undefined) t.i32(9, fieldId);
  if (l.kind !== "none") {
    t.struct(10);
    logicalType(t, l);
    t.end();
  }
  t.end();
}

function convertedType(l: Logical): number | undefined {
  switch (l.kind) {
    case "none":
    case "uuid":
      return undefined;
    case "string":
      return 0;
    case "enum":
      return 4;
    case "decimal":
      return 5;
    case "date":
      return 6;
    case "timestamp":
      return 10;
    case "int":
      return l.bits === 16 ? 16 : l.bits === 32 ? 17 : 18;
    case "json":
      return 19;
  }
}

function logicalType(t: ThriftWriter, l: Logical): void {
  switch (l.kind) {
    case "none":
      return;
    case "string":
      return t.empty(1);
    case "enum":
      return t.empty(4);
    case "decimal":
      t.struct(5);
      t.i32(1, l.scale);
      t.i32(2, l.precision);
      return t.end();
    case "date":
      return t.empty(6);
    case "timestamp":
      t.struct(8);
      t.bool(1, true);
      t.struct(2);
      t.empty(2); // MICROS
      t.end();
      return t.end();
    case "int":
      t.struct(10);
      t.i8(1, l.bits);
      t.bool(2, true);
      return t.end();
    case "json":
      return t.empty(12);
    case "uuid":
      return t.empty(14);
  }
}
