/**
 * Parquet as a sink factory: the file starts with `PAR1`, every chunk of rows is one row group
 * encoded by a `ParquetSink` (in the main thread or a worker), and the footer is built from the row
 * groups' metadata once the last one is written.
 *
 *   const f = new ParquetFormat(table.columns, "snappy");
 *   f.create(buffer, true)   // a ParquetSink; its finish() encodes the row group
 */
import type { ColumnMeta } from "../../contract.js";
import type { ByteBuffer } from "../byte-buffer.js";
import type { ChunkSink, FileAssembler, SinkFactory } from "../sinks.js";
import { type PageCodec, pageCodec, type ParquetCodec } from "./codec.js";
import { MAGIC, parquetFooter, type PlacedRowGroup } from "./parquet-footer.js";
import { ParquetSink, type RowGroupMeta } from "./parquet-sink.js";
import { type ColumnOptions, type ParquetColumn, parquetColumn } from "./schema.js";

/** What a file's assembler saw: every row group with its offset (for a lake table's statistics). */
export interface ParquetSummary {
  readonly groups: readonly PlacedRowGroup[];
}

export class ParquetFormat implements SinkFactory {
  readonly extension = "parquet";
  readonly header = MAGIC;
  readonly footer = new Uint8Array(0);
  private readonly columns: readonly ParquetColumn[];
  private readonly codec: PageCodec;
  /** One sink per chunk buffer, reused chunk after chunk: its typed arrays keep their grown size. */
  private readonly sinks = new WeakMap<ByteBuffer, ParquetSink>();

  /** `columnOptions(i)`: how a lake table wants column i (field ids, uuids as text); none for plain Parquet. */
  constructor(columns: readonly ColumnMeta[], codec: ParquetCodec, columnOptions?: (i: number) => ColumnOptions) {
    this.columns = columns.map((c, i) => parquetColumn(c, columnOptions?.(i)));
    this.codec = pageCodec(codec);
  }

  create(out: ByteBuffer): ChunkSink {
    let sink = this.sinks.get(out);
    if (sink === undefined) this.sinks.set(out, (sink = new ParquetSink(this.columns, this.codec, out)));
    else sink.restart();
    return sink;
  }

  /** Row groups are written as they come; the footer records where each one starts. */
  assembler(): FileAssembler {
    const groups: PlacedRowGroup[] = [];
    let offset = this.header.length;
    return {
      chunk: (bytes, meta) => {
        groups.push({ offset, group: meta as RowGroupMeta });
        offset += bytes.length;
        return [bytes];
      },
      end: () => parquetFooter(this.columns, groups),
      summary: (): ParquetSummary => ({ groups }),
    };
  }
}
