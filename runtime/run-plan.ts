/**
 * Planning a generate run: every setting resolved (command line > the schema's `output` > defaults),
 * row counts fixed, the program configured and sized, the tables to write chosen. Pure apart from
 * `program.configure`; problems come back as diagnostics.
 *
 *   planRun(program, { rows: { customers: 10 }, format: "jsonl" }, {}).plan?.files[0].path
 *   // "customers.jsonl"
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import { didYouMean } from "../diagnostics/spelling.js";
import type { Program, RunSettings, TableProgram } from "./contract.js";
import { type GenerateOptions, runtimeDiag } from "./generate-options.js";
import { COMPRESSION_EXTENSIONS } from "./writers/file-output.js";
import {
  COMPRESSIONS,
  type Compression,
  isOutputFormat,
  OUTPUT_FORMATS,
  PLANNED_FORMATS,
  type RunFormat,
  type SinkFactory,
  SQL_FORMAT,
  tableSinkFactory,
} from "./writers/sinks.js";
import { type Dialect, DIALECTS, isDialect } from "./sql/dialect.js";
import type { CsvOptions } from "./writers/csv-sink.js";
import { PARQUET_CODECS, type ParquetCodec } from "./writers/parquet/codec.js";
import { chunkRows, seriesChunkRows, shardRange } from "./workers/chunks.js";
import { parsePartition, type PartitionSpec } from "./partition.js";
import { isLakeFormat } from "./writers/lake/lake-types.js";
import { type LakePlan, lakeDataPath, newRunId } from "./writers/lake/lake-table.js";
import { lakePartitionProblem } from "./writers/lake/lake-partition.js";

/** Runs smaller than this use one thread unless `--workers` says otherwise. */
const SMALL_RUN_ROWS = 500_000;
const MAX_DEFAULT_WORKERS = 8;

export interface PlannedFile {
  readonly table: TableProgram;
  readonly factory: SinkFactory;
  /** Relative to the output folder, with `/`. */
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly chunkRows: number;
  /**
   * A partitioned table: `path` is `t/part-00000.<ext>` and each partition's file is
   * `t/<name>=<value>/part-00000.<ext>` (runtime/partition.ts).
   */
  readonly partition?: PartitionSpec;
}

export interface RunPlan {
  /** The output folder as given (relative to the working directory). */
  readonly out: string;
  readonly format: RunFormat;
  /** The SQL dialect, when `format` is `sql`. */
  readonly dialect?: Dialect;
  /** `--delimiter`, `--null-as`, `--no-header`, when any was given (CSV only). */
  readonly csv?: CsvOptions;
  /** `--out -`: the one table goes to standard output; no manifest. */
  readonly stdout?: boolean;
  /** The compression of whole files (`none` for Parquet and XLSX, which compress inside). */
  readonly compression: Compression;
  /** Parquet's page codec (`--compression` for Parquet; default `snappy`). */
  readonly codec: ParquetCodec;
  /** `--csv-safe` (CSV only). */
  readonly csvSafe: boolean;
  readonly settings: RunSettings;
  readonly files: readonly PlannedFile[];
  readonly shard: { index: number; count: number } | undefined;
  readonly workers: number;
  /** `--xlsx-sheets`: the one workbook every table is a sheet of (`<dataset>.xlsx`). */
  readonly workbook?: string;
  /** `partition: t by expr` of the schema (or `--partition`). */
  readonly partition?: PartitionSpec;
  /** `--format delta|iceberg`: the tables' format, `--mode` and the run's id (runtime/writers/lake/). */
  readonly lake?: LakePlan;
}

export function planRun(
  program: Program,
  options: GenerateOptions,
  availableCores: number,
): { plan?: RunPlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const format = resolveFormat(options.format ?? program.output.format ?? "csv", diagnostics);
  const dialect =
    format === SQL_FORMAT ? resolveDialect(options.dialect ?? program.output.dialect, diagnostics) : undefined;
  const asked = options.compression ?? program.output.compression;
  const csvSafe = options.csvSafe === true;
  const parquet = format === "parquet" || (format !== undefined && isLakeFormat(format));
  const codec = parquet ? resolveCodec(asked ?? "snappy", diagnostics) : "snappy";
  const compression =
    parquet || format === "xlsx" ? "none" : resolveCompression(asked ?? "none", diagnostics);
  if (options.mode !== undefined && format !== undefined && !isLakeFormat(format))
    diagnostics.push(
      runtimeDiag(messages.badOption, ["--mode", `it applies to --format delta and iceberg (here '${format}')`]),
    );
  const rows = fixedRows(program, options, diagnostics);
  const names = program.tables.map((t) => t.name);
  const wanted = new Set(options.tables ?? names);
  for (const name of wanted) {
    if (!names.includes(name)) {
      diagnostics.push(runtimeDiag(messages.unknownTableOption, [name, "--tables"], didYouMean(name, names)));
    }
  }
  const shard = options.shard;
  if (
    shard &&
    !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count)
  ) {
    diagnostics.push(runtimeDiag(messages.badOption, ["--shard", "expected I/N with 1 <= I <= N"]));
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
    diagnostics.push(runtimeDiag(messages.badOption, ["--workers", "expected a whole number of at least 1"]));
  }
  if (options.xlsxSheets === true && format !== undefined && format !== "xlsx")
    diagnostics.push(
      runtimeDiag(messages.badOption, ["--xlsx-sheets", `it applies to --format xlsx only (here '${format}')`]),
    );
  if (options.xlsxSheets === true && shard !== undefined)
    diagnostics.push(
      runtimeDiag(messages.badOption, ["--xlsx-sheets", "a shard writes one workbook per table (leave out --shard)"]),
    );
  if (csvSafe && format !== undefined && format !== "csv") {
    const why = `it applies to --format csv only (here '${format}')${format === "xlsx" ? ": XLSX cells are typed, never formulas" : ""}`;
    diagnostics.push(runtimeDiag(messages.badOption, ["--csv-safe", why]));
  }
  if (diagnostics.length > 0 || format === undefined || compression === undefined || codec === undefined)
    return { diagnostics };
  if (format === SQL_FORMAT && dialect === undefined) return { diagnostics };
  if (format === SQL_FORMAT && compression !== "none")
    // The clients that read the data files through _load.sql (\ir, source, .read, :r) read plain files.
    diagnostics.push(
      runtimeDiag(messages.badOption, [
        "--compression",
        "SQL files are written uncompressed, for the clients that load them",
      ]),
    );
  const csv = csvOptions(options, format, diagnostics);
  const stdout = options.out === "-";
  const partition = resolvePartition(program, options, format, stdout, diagnostics);
  if (stdout && options.truth !== undefined)
    diagnostics.push(
      runtimeDiag(messages.badOption, ["--truth", "a run to standard output (--out -) writes no other file"]),
    );
  if (stdout && options.shard !== undefined)
    diagnostics.push(
      runtimeDiag(messages.badOption, ["--shard", "a run to standard output (--out -) writes the whole table"]),
    );
  if (stdout && isLakeFormat(format))
    diagnostics.push(runtimeDiag(messages.badOption, ["--out -", `a ${format} table is a folder of files and a log`]));
  if (partition !== undefined && isLakeFormat(format)) {
    const table = program.tables.find((t) => t.name === partition.table)!;
    const why = lakePartitionProblem(format, partition, table.columns);
    if (why !== undefined)
      diagnostics.push(runtimeDiag(messages.lakePartition, [format, options.partition ?? program.output.partition ?? "", why]));
  }
  if (diagnostics.length > 0) return { diagnostics };
  const lake: LakePlan | undefined = isLakeFormat(format)
    ? {
        format,
        mode: options.mode === "append" ? "append" : "error",
        runId: newRunId(),
        ...(options.lakeLocation !== undefined ? { location: options.lakeLocation } : {}),
      }
    : undefined;

  const settings: RunSettings = { seed: options.seed ?? program.seed, rows };
  program.configure(settings);
  const ext = `${format}${COMPRESSION_EXTENSIONS[compression]}`;
  const files: PlannedFile[] = [];
  let total = 0;
  for (const table of program.tables) {
    if (!wanted.has(table.name)) continue;
    const [from, to] = shardRange(program.size(table.name), shard, table.seriesLength);
    total += to - from;
    const split = partition?.table === table.name ? partition : undefined;
    const path = lake
      ? lakeDataPath(lake, table.name, (shard?.index ?? 1) - 1)
      : shard || split
        ? `${table.name}/part-${String((shard?.index ?? 1) - 1).padStart(5, "0")}.${ext}`
        : `${table.name}.${ext}`;
    const factory = tableSinkFactory(format, table, {
      codec,
      csvSafe,
      ...(dialect !== undefined ? { dialect } : {}),
      ...(csv !== undefined ? { csv } : {}),
      rows: to > from,
    });
    const rowsPerChunk = parquet ? rowGroupRows(table.columns.length) : chunkRows(table.columns.length);
    const chunk = table.seriesLength ? seriesChunkRows(rowsPerChunk, table.seriesLength) : rowsPerChunk;
    files.push({ table, factory, path, from, to, chunkRows: chunk, ...(split ? { partition: split } : {}) });
  }
  const tooMany = plannedRowsTooMany(total);
  if (tooMany) return { diagnostics: [tooMany] };
  const workers =
    options.workers ?? (total < SMALL_RUN_ROWS ? 1 : Math.max(1, Math.min(availableCores, MAX_DEFAULT_WORKERS)));
  const out = options.out ?? program.output.path ?? "out";
  if (stdout && files.length !== 1) return { diagnostics: [runtimeDiag(messages.stdoutOneTable, [files.length])] };
  const extra = {
    ...(dialect !== undefined ? { dialect } : {}),
    ...(csv ? { csv } : {}),
    ...(stdout ? { stdout } : {}),
    ...(partition ? { partition } : {}),
    ...(lake ? { lake } : {}),
    ...(options.xlsxSheets === true ? { workbook: `${program.dataset}.xlsx` } : {}),
  };
  return { plan: { out, format, ...extra, compression, codec, csvSafe, settings, files, shard, workers }, diagnostics };
}

/**
 * `--partition` or the schema's `partition:` (the compiler checked the latter; `--partition` is checked
 * here). SQL files, XLSX workbooks and standard output are not partitioned: DG8050.
 */
function resolvePartition(
  program: Program,
  options: GenerateOptions,
  format: RunFormat,
  stdout: boolean,
  diagnostics: Diagnostic[],
): PartitionSpec | undefined {
  const text = options.partition ?? program.output.partition;
  if (text === undefined || text === "none") return undefined;
  const spec = parsePartition(text, program.tables);
  if (typeof spec === "string") {
    diagnostics.push(runtimeDiag(messages.badOption, ["--partition", spec]));
    return undefined;
  }
  const why =
    format === SQL_FORMAT
      ? "SQL files load one file per table (pass --partition none)"
      : format === "xlsx"
        ? "an XLSX workbook numbers its rows and sheets per table (pass --partition none, or another format)"
        : stdout
          ? "a run to standard output (--out -) writes one stream (pass --partition none)"
          : undefined;
  if (why !== undefined) {
    diagnostics.push(runtimeDiag(messages.partitionFormat, [why]));
    return undefined;
  }
  return spec;
}

/** The CSV options of the command line; any of them with another format is DG8001. */
function csvOptions(options: GenerateOptions, format: RunFormat, diagnostics: Diagnostic[]): CsvOptions | undefined {
  const given = { delimiter: options.delimiter, nullAs: options.nullAs, header: options.header };
  const flags = [
    ["--delimiter", given.delimiter],
    ["--null-as", given.nullAs],
    ["--no-header", given.header],
  ].filter(([, v]) => v !== undefined);
  if (flags.length === 0) return undefined;
  if (format !== "csv") {
    diagnostics.push(
      runtimeDiag(messages.badOption, [String(flags[0]![0]), `it applies to --format csv, not ${format}`]),
    );
    return undefined;
  }
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as CsvOptions;
}

function resolveDialect(dialect: string | undefined, diagnostics: Diagnostic[]): Dialect | undefined {
  if (dialect === undefined) diagnostics.push(runtimeDiag(messages.sqlNeedsDialect, []));
  else if (isDialect(dialect)) return dialect;
  else
    diagnostics.push(
      runtimeDiag(
        messages.badOption,
        ["--dialect", `'${dialect}' is not a SQL dialect; expected one of ${DIALECTS.join(", ")}`],
        didYouMean(dialect, DIALECTS),
      ),
    );
  return undefined;
}

function resolveFormat(format: string, diagnostics: Diagnostic[]): RunFormat | undefined {
  if (isOutputFormat(format) || format === SQL_FORMAT) return format;
  if ((PLANNED_FORMATS as readonly string[]).includes(format)) {
    diagnostics.push(
      runtimeDiag(
        messages.notSupportedYet,
        [`Output format '${format}'`],
        `pass --format with one of ${OUTPUT_FORMATS.join(", ")}`,
      ),
    );
  } else {
    const all = [...OUTPUT_FORMATS, SQL_FORMAT, ...PLANNED_FORMATS];
    // Only the command line can name an unknown format here (the compiler checks the schema's): usage.
    diagnostics.push(
      runtimeDiag(
        messages.badOption,
        ["--format", `'${format}' is not an output format; expected one of ${all.join(", ")}`],
        didYouMean(format, all),
      ),
    );
  }
  return undefined;
}

/**
 * Rows per Parquet row group (one chunk of the run): four times a text chunk, so about two million
 * cells — 131 072 rows for tables of up to 16 columns. Large enough for readers to scan efficiently,
 * small enough that a worker holds a few of them in memory.
 */
function rowGroupRows(columns: number): number {
  return chunkRows(columns) * 4;
}

function resolveCodec(codec: string, diagnostics: Diagnostic[]): ParquetCodec | undefined {
  if ((PARQUET_CODECS as readonly string[]).includes(codec)) return codec as ParquetCodec;
  diagnostics.push(
    runtimeDiag(
      messages.badOption,
      ["--compression", `'${codec}' is not a Parquet compression; expected one of ${PARQUET_CODECS.join(", ")}`],
      didYouMean(codec, PARQUET_CODECS),
    ),
  );
  return undefined;
}

function resolveCompression(compression: string, diagnostics: Diagnostic[]): Compression | undefined {
  if ((COMPRESSIONS as readonly string[]).includes(compression)) return compression as Compression;
  diagnostics.push(
    runtimeDiag(
      messages.badOption,
      ["--compression", `'${compression}' is not a compression; expected one of ${COMPRESSIONS.join(", ")}`],
      didYouMean(compression, COMPRESSIONS),
    ),
  );
  return undefined;
}

/** The counts of fixed-size tables: `--rows` overrides one table, `--scale` multiplies the schema's (also `dgen fixtures`). */
export function fixedRows(program: Program, options: GenerateOptions, diagnostics: Diagnostic[]): Record<string, number> {
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale >= 0)) {
    diagnostics.push(runtimeDiag(messages.badOption, ["--scale", "expected a non-negative number"]));
  }
  const rows: Record<string, number> = Object.create(null); // table names may be '__proto__'
  for (const t of program.tables)
    if (t.rows.kind === "fixed") rows[t.name] = t.rows.data ? t.rows.count : Math.round(t.rows.count * scale);
  const names = program.tables.map((t) => t.name);
  for (const [name, n] of Object.entries(options.rows)) {
    const table = program.tables.find((t) => t.name === name);
    if (table === undefined) {
      diagnostics.push(runtimeDiag(messages.unknownTableOption, [name, "--rows"], didYouMean(name, names)));
    } else if (table.rows.kind === "fixed" && table.rows.data) {
      const why = `table '${name}' is a fixed table (its rows are data); --rows and --scale leave it alone`;
      diagnostics.push(runtimeDiag(messages.badOption, ["--rows", why]));
    } else if (table.rows.kind === "per") {
      const why = `table '${name}' has 'rows: per ${table.rows.parent}'; set the row count of '${table.rows.parent}' instead`;
      diagnostics.push(runtimeDiag(messages.badOption, ["--rows", why]));
    } else if (!(Number.isSafeInteger(n) && n >= 0)) {
      diagnostics.push(
        runtimeDiag(messages.badOption, ["--rows", `the count for '${name}' must be a whole number of at least 0`]),
      );
    } else rows[name] = n;
  }
  for (const [name, n] of Object.entries(rows)) {
    if (!Number.isSafeInteger(n))
      diagnostics.push(runtimeDiag(messages.badOption, ["--scale", `table '${name}' would get ${n} rows`]));
  }
  return rows;
}

/**
 * A run of more than 2^53 rows in all cannot number its rows exactly: refused before anything is
 * written. The compiler proves the schema's own counts (DG4060); this catches `--scale` and `--rows`
 * multiplying a chain of 'per' tables past it.
 */
function plannedRowsTooMany(total: number): Diagnostic | undefined {
  if (Number.isSafeInteger(total)) return undefined;
  const why = `the run would write ${total.toExponential(1)} rows, more than 2^53`;
  return runtimeDiag(messages.badOption, ["--scale", why]);
}
