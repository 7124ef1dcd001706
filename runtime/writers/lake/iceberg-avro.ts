/**
 * The only avsc importer: Iceberg's manifests and manifest lists as Avro object container files, with
 * the schemas of the Iceberg spec (v2, field ids included) and its header metadata.
 *
 * Why avsc: the most used Avro implementation for JavaScript (pure JS, no native code, MIT), which keeps
 * a schema's extra attributes (`field-id`, `element-id`) in the file header as Iceberg readers need.
 *
 *   const bytes = await avroFile(manifestSchema(partitionFields), entries, { "format-version": "2" });
 */
import { readFileSync } from "node:fs";
import avro from "avsc";

type Schema = Record<string, unknown>;

const opt = (name: string, type: unknown, id: number): Schema => ({
  name,
  type: ["null", type],
  default: null,
  "field-id": id,
});
const map = (name: string, id: number, k: number, v: number, value: string): Schema =>
  opt(
    name,
    {
      type: "array",
      logicalType: "map",
      items: {
        type: "record",
        name: `k${k}_v${v}`,
        fields: [
          { name: "key", type: "int", "field-id": k },
          { name: "value", type: value, "field-id": v },
        ],
      },
    },
    id,
  );

/** `manifest_entry` with the table's partition struct (`r102`). */
export function manifestSchema(partitionFields: readonly Schema[]): Schema {
  return {
    type: "record",
    name: "manifest_entry",
    fields: [
      { name: "status", type: "int", "field-id": 0 },
      opt("snapshot_id", "long", 1),
      opt("sequence_number", "long", 3),
      opt("file_sequence_number", "long", 4),
      {
        name: "data_file",
        "field-id": 2,
        type: {
          type: "record",
          name: "r2",
          fields: [
            { name: "content", type: "int", "field-id": 134 },
            { name: "file_path", type: "string", "field-id": 100 },
            { name: "file_format", type: "string", "field-id": 101 },
            { name: "partition", type: { type: "record", name: "r102", fields: partitionFields }, "field-id": 102 },
            { name: "record_count", type: "long", "field-id": 103 },
            { name: "file_size_in_bytes", type: "long", "field-id": 104 },
            map("column_sizes", 108, 117, 118, "long"),
            map("value_counts", 109, 119, 120, "long"),
            map("null_value_counts", 110, 121, 122, "long"),
            map("nan_value_counts", 137, 138, 139, "long"),
            map("lower_bounds", 125, 126, 127, "bytes"),
            map("upper_bounds", 128, 129, 130, "bytes"),
            opt("key_metadata", "bytes", 131),
            opt("split_offsets", { type: "array", items: "long", "element-id": 133 }, 132),
            opt("equality_ids", { type: "array", items: "int", "element-id": 136 }, 135),
            opt("sort_order_id", "int", 140),
          ],
        },
      },
    ],
  };
}

/** `manifest_file`: one entry of a manifest list. */
export const MANIFEST_LIST_SCHEMA: Schema = {
  type: "record",
  name: "manifest_file",
  fields: [
    { name: "manifest_path", type: "string", "field-id": 500 },
    { name: "manifest_length", type: "long", "field-id": 501 },
    { name: "partition_spec_id", type: "int", "field-id": 502 },
    { name: "content", type: "int", "field-id": 517 },
    { name: "sequence_number", type: "long", "field-id": 515 },
    { name: "min_sequence_number", type: "long", "field-id": 516 },
    { name: "added_snapshot_id", type: "long", "field-id": 503 },
    { name: "added_files_count", type: "int", "field-id": 504 },
    { name: "existing_files_count", type: "int", "field-id": 505 },
    { name: "deleted_files_count", type: "int", "field-id": 506 },
    { name: "added_rows_count", type: "long", "field-id": 512 },
    { name: "existing_rows_count", type: "long", "field-id": 513 },
    { name: "deleted_rows_count", type: "long", "field-id": 514 },
    opt(
      "partitions",
      {
        type: "array",
        "element-id": 508,
        items: {
          type: "record",
          name: "r508",
          fields: [
            { name: "contains_null", type: "boolean", "field-id": 509 },
            opt("contains_nan", "boolean", 518),
            opt("lower_bound", "bytes", 510),
            opt("upper_bound", "bytes", 511),
          ],
        },
      },
      507,
    ),
    opt("key_metadata", "bytes", 519),
  ],
};

/** An Avro object container file (no compression) holding `records`, with `meta` in its header. */
export function avroFile(
  schema: Schema,
  records: readonly unknown[],
  meta: Record<string, string>,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const metadata = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, Buffer.from(v)]));
    // avsc's typings lack the header `metadata` option that its encoder takes (lib/containers.js)
    const options = { codec: "null", metadata } as unknown as ConstructorParameters<
      typeof avro.streams.BlockEncoder
    >[1];
    const encoder = new avro.streams.BlockEncoder(schema as avro.Schema, options);
    const parts: Buffer[] = [];
    encoder.on("data", (b: Buffer) => parts.push(b));
    encoder.on("error", reject);
    encoder.on("end", () => resolve(new Uint8Array(Buffer.concat(parts))));
    for (const r of records) encoder.write(r);
    encoder.end();
  });
}

/** The records of an Avro container file (an existing table's manifest list, for an append). */
export function readAvroFile(path: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const records: Record<string, unknown>[] = [];
    const decoder = new avro.streams.BlockDecoder();
    decoder.on("data", (r: Record<string, unknown>) => records.push(r));
    decoder.on("error", reject);
    decoder.on("end", () => resolve(records));
    decoder.end(readFileSync(path));
  });
}
