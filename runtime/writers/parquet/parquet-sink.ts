/**
 * The Parquet row sink: one per chunk buffer, reused for each chunk of rows (one row group). It
 * collects each column's values as the emitted code hands them over, then `finish()` encodes the row
 * group into the chunk's bytes and returns its metadata (offsets relative to the row group), which
 * the main thread turns into the file footer (`parquet-footer.ts`). Every row group is encoded on its
 * own, so the bytes do not depend on which worker wrote it.
 */
import type { ByteBuffer } from "../byte-buffer.js";
import type { ChunkSink } from "../sinks.js";
import type { PageCodec } from "./codec.js";
import { type ColumnChunkMeta, writeColumnChunk } from "./column-chunk.js";
import { ColumnValues } from "./column-values.js";
import type { ParquetColumn } from "./schema.js";

export interface RowGroupMeta {
  readonly rows: number;
  readonly columns: readonly ColumnChunkMeta[];
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export class ParquetSink implements ChunkSink {
  rows = 0;
  private readonly cols: ColumnValues[];
  private partCol = 0;
  private partText = "";

  constructor(
    columns: readonly ParquetColumn[],
    private readonly codec: PageCodec,
    private readonly out: ByteBuffer,
  ) {
    this.cols = columns.map((c) => new ColumnValues(c));
  }

  /** Empties the sink for the next chunk (also after a chunk that failed half-way). */
  restart(): void {
    this.rows = 0;
    for (const c of this.cols) c.reset();
  }

  beginRow(): void {}
  endRow(): void {
    this.rows++;
  }

  int(col: number, v: number): void {
    this.cols[col].num(v);
  }
  bigint(col: number, v: bigint): void {
    this.cols[col].big(v);
  }
  float(col: number, v: number): void {
    this.cols[col].num(v);
  }
  decimal(col: number, v: number, scale: number): void {
    const u = Math.round(v * POW10[scale]);
    if (Number.isSafeInteger(u)) this.cols[col].num(u);
    else this.cols[col].big(BigInt(v.toFixed(scale).replace(".", "")));
  }
  decimalBig(col: number, v: bigint, _scale: number): void {
    this.cols[col].big(v);
  }
  str(col: number, v: string): void {
    this.cols[col].obj(v);
  }
  bool(col: number, v: boolean): void {
    this.cols[col].num(v ? 1 : 0);
  }
  date(col: number, days: number): void {
    this.cols[col].num(days);
  }
  timestamp(col: number, ms: number): void {
    const us = ms * 1000;
    if (Number.isSafeInteger(us)) this.cols[col].num(us);
    else this.cols[col].big(BigInt(ms) * 1000n);
  }
  json(col: number, v: unknown): void {
    this.cols[col].obj(JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    this.cols[col].obj(v);
  }
  array(col: number, v: readonly unknown[]): void {
    this.cols[col].list(v);
  }
  nul(col: number): void {
    this.cols[col].nul();
  }
  strStart(col: number): void {
    this.partCol = col;
    this.partText = "";
  }
  part(s: string): void {
    this.partText += s;
  }
  partLower(s: string): void {
    this.partText += s.toLowerCase();
  }
  partInt(v: number): void {
    this.partText += String(v);
  }
  strEnd(): void {
    this.cols[this.partCol].obj(this.partText);
  }

  /** Encodes the row group into the chunk's buffer and returns its metadata. */
  finish(): RowGroupMeta {
    const base = this.out.pos;
    const columns = this.cols.map((c) => writeColumnChunk(c, this.codec, this.out, base));
    const rows = this.rows;
    this.restart();
    return { rows, columns };
  }
}
