/**
 * The text formats the runtime writes, and the one place that picks a format's sink factory.
 *
 *   createSinkFactory("csv", table.columns).extension   // "csv"
 */
import type { ColumnMeta, RowSink, TableProgram } from "../contract.js";
import type { Dialect } from "../sql/dialect.js";
import type { ByteBuffer } from "./byte-buffer.js";
import { CsvFormat, type CsvOptions } from "./csv-sink.js";
import { JsonFormat } from "./json-sink.js";
import { PgCopyFormat } from "./pg-copy-sink.js";
import { SqlInsertFormat } from "./sql-insert-sink.js";
import { TsvFormat } from "./tsv-sink.js";

/** A row sink that counts the rows it has finished (for error reports and progress). */
export interface ChunkSink extends RowSink {
  readonly rows: number;
}

/** One format for one table: file header and footer (encoded once) and sinks created per chunk. */
export interface SinkFactory {
  /** File extension without compression: `csv`, `tsv`, `json`, `jsonl`. */
  readonly extension: string;
  /** Bytes before the first row of a file (CSV/TSV: the header row; JSON: `[\n`). */
  readonly header: Uint8Array;
  /** Bytes after the last row of a file (JSON: `\n]\n`). */
  readonly footer: Uint8Array;
  /**
   * A sink writing into `out`; `startsFile` when its first row is the first row of the file;
   * `firstRow` the table's global index of that row (SQL cuts its statements by it).
   */
  create(out: ByteBuffer, startsFile: boolean, firstRow?: number): ChunkSink;
}

/** Formats this runtime writes. */
export const SUPPORTED_FORMATS = ["csv", "tsv", "json", "jsonl"] as const;
export type SupportedFormat = (typeof SUPPORTED_FORMATS)[number];

/** Formats of the language (spec §10) that are not written yet: DG6001. */
export const PLANNED_FORMATS = ["parquet", "xlsx", "geojson"] as const;

/** SQL files (v2 §16): one data file per table in a dialect, plus `_schema.sql` and `_load.sql` (`runtime/sql/`). */
export const SQL_FORMAT = "sql";
/** Every format a run can write: the text formats and SQL. */
export type RunFormat = SupportedFormat | typeof SQL_FORMAT;

export const COMPRESSIONS = ["none", "gzip", "brotli"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export function isSupportedFormat(format: string): format is SupportedFormat {
  return (SUPPORTED_FORMATS as readonly string[]).includes(format);
}

export function createSinkFactory(format: SupportedFormat, columns: readonly ColumnMeta[]): SinkFactory {
  switch (format) {
    case "csv":
      return new CsvFormat(columns);
    case "tsv":
      return new TsvFormat(columns);
    case "json":
      return new JsonFormat(columns, false);
    case "jsonl":
      return new JsonFormat(columns, true);
  }
}

/**
 * The sink factory of one table's file in any run format; SQL needs its dialect, and whether the file
 * gets rows at all (an `INSERT` file without rows ends no statement).
 */
export function tableSinkFactory(
  format: RunFormat,
  table: TableProgram,
  dialect?: Dialect,
  rows = true,
  csv?: CsvOptions,
): SinkFactory {
  if (format === "csv" && csv !== undefined) return new CsvFormat(table.columns, csv);
  if (format !== SQL_FORMAT) return createSinkFactory(format, table.columns);
  const d = dialect ?? "postgres";
  return d === "postgres" ? new PgCopyFormat(table) : new SqlInsertFormat(d, table, rows);
}
