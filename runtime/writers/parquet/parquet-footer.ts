/**
 * The Parquet file footer: FileMetaData (schema, row groups with absolute offsets, statistics),
 * its length and the closing magic. Written by the main thread from the row groups' metadata.
 *
 *   footer(columns, [{ offset: 4, group }])   // thrift bytes + u32 length + "PAR1"
 */
import type { ColumnChunkMeta } from "./column-chunk.js";
import type { RowGroupMeta } from "./parquet-sink.js";
import { type ParquetColumn, writeSchema } from "./schema.js";
import { T_I32, T_BINARY, T_STRUCT, ThriftWriter } from "./thrift.js";

export const MAGIC = new TextEncoder().encode("PAR1");

export interface PlacedRowGroup {
  /** The row group's first byte in the file. */
  readonly offset: number;
  readonly group: RowGroupMeta;
}

export function parquetFooter(columns: readonly ParquetColumn[], groups: readonly PlacedRowGroup[]): Uint8Array {
  const t = new ThriftWriter();
  t.i32(1, 1);
  const elements = columns.reduce((n, c) => n + (c.list ? 3 : 1), 1);
  t.list(2, T_STRUCT, elements);
  writeSchema(t, columns);
  t.i64(3, groups.reduce((n, g) => n + g.group.rows, 0));
  t.list(4, T_STRUCT, groups.length);
  for (const { offset, group } of groups) rowGroup(t, offset, group);
  t.string(6, "dgen");
  t.end();
  const meta = t.bytes();
  const out = new Uint8Array(meta.length + 8);
  out.set(meta);
  new DataView(out.buffer).setUint32(meta.length, meta.length, true);
  out.set(MAGIC, meta.length + 4);
  return out;
}

function rowGroup(t: ThriftWriter, offset: number, g: RowGroupMeta): void {
  t.item();
  t.list(1, T_STRUCT, g.columns.length);
  for (const c of g.columns) columnChunk(t, offset, c);
  t.i64(2, g.columns.reduce((n, c) => n + c.uncompressed, 0));
  t.i64(3, g.rows);
  t.i64(5, offset);
  t.i64(6, g.columns.reduce((n, c) => n + c.compressed, 0));
  t.end();
}

function columnChunk(t: ThriftWriter, base: number, c: ColumnChunkMeta): void {
  t.item();
  t.i64(2, base + (c.dictionaryPageOffset ?? c.dataPageOffset));
  t.struct(3);
  t.i32(1, c.type);
  t.list(2, T_I32, c.encodings.length);
  for (const e of c.encodings) t.listI32(e);
  t.list(3, T_BINARY, c.path.length);
  for (const p of c.path) t.listString(p);
  t.i32(4, c.codec);
  t.i64(5, c.numValues);
  t.i64(6, c.uncompressed);
  t.i64(7, c.compressed);
  t.i64(9, base + c.dataPageOffset);
  if (c.dictionaryPageOffset !== undefined) t.i64(11, base + c.dictionaryPageOffset);
  t.struct(12);
  t.i64(3, c.stats.nullCount);
  if (c.stats.max !== undefined) t.binary(5, c.stats.max);
  if (c.stats.min !== undefined) t.binary(6, c.stats.min);
  t.end();
  t.end();
  t.end();
}
