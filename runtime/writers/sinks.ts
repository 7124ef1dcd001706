/**
 * The text formats the runtime writes, and the one place that picks a format's sink factory.
 *
 *   createSinkFactory("csv", table.columns).extension   // "csv"
 */
import type { ColumnMeta, GeoSpec, RowSink, TableProgram } from "../contract.js";
import type { Dialect } from "../sql/dialect.js";
import { GeoJsonFormat } from "./geojson-sink.js";
import type { ByteBuffer } from "./byte-buffer.js";
import { CsvFormat, type CsvOptions } from "./csv-sink.js";
import { JsonFormat } from "./json-sink.js";
import type { ParquetCodec } from "./parquet/codec.js";
import { ParquetFormat } from "./parquet/parquet-format.js";
import { PgCopyFormat } from "./pg-copy-sink.js";
import { SqlInsertFormat } from "./sql-insert-sink.js";
import { XlsxFormat } from "./xlsx/xlsx-format.js";
import { TsvFormat } from "./tsv-sink.js";
import { LAKE_FORMATS, lakeColumnOptions } from "./lake/lake-types.js";

/** A row sink that counts the rows it has finished (for error reports and progress). */
export interface ChunkSink extends RowSink {
  readonly rows: number;
  /**
   * Block formats (Parquet) only: encodes the collected rows into the chunk's buffer and returns the
   * block's metadata, which the main thread hands to `SinkFactory.fileFooter`.
   */
  finish?(): unknown;
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
   * Bytes between two pieces of one file that were both made with `startsFile` (a partition's rows
   * from two chunks; JSON: `,\n`). None when absent.
   */
  readonly separator?: Uint8Array;
  /**
   * A sink writing into `out`; `startsFile` when its first row is the first row of the file;
   * `firstRow` the table's global index of that row (SQL cuts its statements by it).
   */
  create(out: ByteBuffer, startsFile: boolean, firstRow?: number): ChunkSink;
  /**
   * Block formats only (Parquet, XLSX): one per file, in the main thread. It turns each chunk (its bytes
   * and the metadata its sink's `finish()` returned) into the bytes to write, in order, and ends the file
   * (replacing `footer`).
   */
  assembler?(): FileAssembler;
}

/** Places the chunks of one file of a block format; see `SinkFactory.assembler`. */
export interface FileAssembler {
  chunk(bytes: Uint8Array, meta: unknown): readonly Uint8Array[];
  end(): Uint8Array;
  /** After `end()`: what the file holds, for a lake table's log (Parquet: its row groups). */
  summary?(): unknown;
}

/** Formats this runtime writes. */
export const SUPPORTED_FORMATS = ["csv", "tsv", "json", "jsonl"] as const;
export type SupportedFormat = (typeof SUPPORTED_FORMATS)[number];

/** Text formats, and the formats written in blocks with a footer from the main thread (Parquet). */
export const OUTPUT_FORMATS = [...SUPPORTED_FORMATS, "parquet", "xlsx", "geojson", ...LAKE_FORMATS] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Formats of the language (spec §10) that are not written yet: DG6001. None are left. */
export const PLANNED_FORMATS: readonly string[] = [];

/** SQL files (v2 §16): one data file per table in a dialect, plus `_schema.sql` and `_load.sql` (`runtime/sql/`). */
export const SQL_FORMAT = "sql";
/** Every format a run can write: the file formats and SQL. */
export type RunFormat = OutputFormat | typeof SQL_FORMAT;

export const COMPRESSIONS = ["none", "gzip", "brotli", "zstd"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export function isSupportedFormat(format: string): format is SupportedFormat {
  return (SUPPORTED_FORMATS as readonly string[]).includes(format);
}

export function isOutputFormat(format: string): format is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(format);
}

/** Settings of some formats. */
export interface SinkOptions {
  /** Parquet's page compression (the text formats compress whole files instead). Default `snappy`. */
  readonly codec?: ParquetCodec;
  /** The table's name, for XLSX errors. */
  readonly table?: string;
  /** CSV: `--csv-safe`. */
  readonly csvSafe?: boolean;
  /** CSV: `--delimiter`, `--null-as`, `--no-header`. */
  readonly csv?: CsvOptions;
  /** GeoJSON: the table's `geo:` line. */
  readonly geo?: GeoSpec;
}

export function createSinkFactory(
  format: OutputFormat,
  columns: readonly ColumnMeta[],
  options: SinkOptions = {},
): SinkFactory {
  const { codec = "snappy", table = "", csvSafe = false } = options;
  switch (format) {
    case "xlsx":
      return new XlsxFormat(table, columns);
    case "geojson":
      return new GeoJsonFormat(columns, options.geo);
    case "parquet":
      return new ParquetFormat(columns, codec);
    case "delta":
    case "iceberg":
      return new ParquetFormat(columns, codec, lakeColumnOptions(format, columns));
    case "csv":
      return new CsvFormat(columns, csvSafe ? { ...options.csv, safe: true } : options.csv);
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
  options: SinkOptions & { readonly dialect?: Dialect; readonly rows?: boolean } = {},
): SinkFactory {
  if (format !== SQL_FORMAT)
    return createSinkFactory(format, table.columns, { ...options, table: table.name, geo: table.geo });
  const d = options.dialect ?? "postgres";
  return d === "postgres" ? new PgCopyFormat(table) : new SqlInsertFormat(d, table, options.rows ?? true);
}
