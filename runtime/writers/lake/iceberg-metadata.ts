/**
 * Apache Iceberg (format v2) table metadata as dgen writes it: the schema with field ids, the partition
 * spec of `partition:` (identity, or the year/month/day transforms), and one `append` snapshot per run;
 * an append adds a snapshot to the metadata it read and keeps the earlier manifests.
 *
 *   icebergSchema(columns)        // { type: "struct", "schema-id": 0, fields: [{ id: 1, name: "id", … }] }
 *   icebergPartitionSpec(spec, columns)   // { "spec-id": 0, fields: [{ name: "at_day", transform: "day", … }] }
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ColumnMeta } from "../../contract.js";
import { NULL_PARTITION, type PartitionSpec } from "../../partition.js";
import { daysFromCivil } from "../../text/dates.js";
import { icebergIds, icebergType } from "./lake-types.js";

export const PARTITION_FIELD_ID = 1000;

export function icebergSchema(columns: readonly ColumnMeta[]): {
  type: "struct";
  "schema-id": number;
  fields: unknown[];
} {
  const ids = icebergIds(columns);
  return {
    type: "struct",
    "schema-id": 0,
    fields: columns.map((c, i) => ({
      id: ids.field[i],
      name: c.name,
      required: !c.nullable,
      type: icebergType(c, ids.element[i]),
    })),
  };
}

export function icebergPartitionSpec(spec: PartitionSpec | undefined): { "spec-id": number; fields: unknown[] } {
  if (spec === undefined) return { "spec-id": 0, fields: [] };
  const transform = spec.part === "value" ? "identity" : spec.part;
  return {
    "spec-id": 0,
    fields: [{ name: spec.name, transform, "source-id": spec.column + 1, "field-id": PARTITION_FIELD_ID }],
  };
}

/** Why a column cannot be an Iceberg partition source here, if it cannot. */
export function icebergPartitionProblem(spec: PartitionSpec, column: ColumnMeta): string | undefined {
  if (spec.part !== "value") return undefined;
  if (column.kind === "decimal" || column.kind === "uuid")
    return `identity partitions of ${column.kind} columns are not written by dgen; partition by another column`;
  return undefined;
}

/** The Avro type of the partition struct's one field (`r102`), by the source column and transform. */
export function partitionAvroFields(
  spec: PartitionSpec | undefined,
  columns: readonly ColumnMeta[],
): Record<string, unknown>[] {
  if (spec === undefined) return [];
  const c = columns[spec.column]!;
  let type: unknown;
  if (spec.part === "year" || spec.part === "month") type = "int";
  else if (spec.part === "day" || c.kind === "date") type = { type: "int", logicalType: "date" };
  else if (c.kind === "timestamp") type = { type: "long", logicalType: "timestamp-micros", "adjust-to-utc": true };
  else if (c.kind === "bool") type = "boolean";
  else if (c.kind === "int") type = /^int(16|32)\b/.test(c.type) ? "int" : "long";
  else if (c.kind === "bigint") type = "long";
  else type = "string";
  return [{ name: spec.name, type: ["null", type], default: null, "field-id": PARTITION_FIELD_ID }];
}

/**
 * The partition value of a data file for the manifest (the router's text → the transform's result):
 * identity keeps the column's value; year and month count from 1970; day is days since 1970-01-01.
 */
export function partitionDatum(spec: PartitionSpec, column: ColumnMeta, value: string): unknown {
  if (value === NULL_PARTITION) return null;
  const ymd = (s: string) => /^(-?\d+)(?:-(\d\d))?(?:-(\d\d))?/.exec(s)!;
  switch (spec.part) {
    case "year":
      return Number(ymd(value)[1]) - 1970;
    case "month": {
      const m = ymd(value);
      return (Number(m[1]) - 1970) * 12 + Number(m[2]) - 1;
    }
    case "day": {
      const m = ymd(value);
      return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    case "value":
      if (column.kind === "date") {
        const m = ymd(value);
        return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
      }
      if (column.kind === "timestamp") return Date.parse(value) * 1000;
      if (column.kind === "bool") return value === "true";
      if (column.kind === "int" || column.kind === "bigint") return Number(value);
      return value;
  }
}

/** What an append needs of an existing table. */
export interface IcebergState {
  readonly version: number;
  readonly metadata: Record<string, unknown>;
}

/** The table in `folder` (through `metadata/version-hint.text`), undefined when there is none. */
export function readIcebergState(folder: string): IcebergState | undefined {
  let hint: string;
  try {
    hint = readFileSync(join(folder, "metadata", "version-hint.text"), "utf8");
  } catch {
    return undefined;
  }
  const version = Number(hint.trim());
  if (!Number.isSafeInteger(version) || version < 1)
    throw new Error(`metadata/version-hint.text holds '${hint.trim()}'`);
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(readFileSync(join(folder, "metadata", `v${version}.metadata.json`), "utf8")) as Record<
      string,
      unknown
    >;
  } catch {
    throw new Error(`metadata/v${version}.metadata.json cannot be read as JSON`);
  }
  return { version, metadata };
}

/** Why an existing table cannot take this run's rows, if it cannot. */
export function icebergMismatch(
  state: IcebergState,
  columns: readonly ColumnMeta[],
  spec: PartitionSpec | undefined,
): string | undefined {
  const m = state.metadata;
  if (m["format-version"] !== 2)
    return `it is an Iceberg v${String(m["format-version"])} table; dgen appends to v2 tables`;
  const schemas = (m.schemas ?? []) as { "schema-id": number; fields: unknown }[];
  const current = schemas.find((s) => s["schema-id"] === m["current-schema-id"]);
  if (current === undefined || JSON.stringify(current.fields) !== JSON.stringify(icebergSchema(columns).fields))
    return "its schema is another";
  const specs = (m["partition-specs"] ?? []) as { "spec-id": number; fields: unknown }[];
  const def = specs.find((s) => s["spec-id"] === m["default-spec-id"]);
  if (def === undefined || JSON.stringify(def.fields) !== JSON.stringify(icebergPartitionSpec(spec).fields))
    return "its partition spec is another";
  return undefined;
}
