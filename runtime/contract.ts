/**
 * The contract between the code `dgen compile` emits and the runtime that runs it.
 *
 * An emitted module exports a `program: Program`. The runtime's `main(program, argv)` plans the run
 * (row counts, shards), drives worker threads, and hands each worker a row range of one table and a
 * `RowSink` for the chosen format; the emitted `write` computes each row into locals/scratch and calls
 * the sink once per cell. No per-row objects, no strings built per row beyond the values themselves.
 */
import type { CellOut } from "./noise/column-out.js";
import type { Violation } from "./validators.js";

/**
 * How a column's values are encoded by the writers. `bigint` is int64 (a BigInt); `bytes` a
 * Uint8Array (hex in CSV/TSV, base64 in JSON); `array` a JS array of JSON-able values (JSON text in
 * CSV/TSV, a JSON array in JSON).
 */
export type ValueKind =
  | "int"
  | "bigint"
  | "float"
  | "decimal"
  | "string"
  | "bool"
  | "date"
  | "timestamp"
  | "uuid"
  | "json"
  | "bytes"
  | "array";

export interface ColumnMeta {
  readonly name: string;
  /** The dgen type as written (`decimal(10, 2)`, `Status`, `string?`). */
  readonly type: string;
  readonly kind: ValueKind;
  readonly nullable: boolean;
  /** Decimal places for `decimal(p, s)`; 0 otherwise. */
  readonly scale: number;
  /** The enum's members for enum columns. */
  readonly enumValues?: readonly string[];
  /**
   * Annotations that matter to readers of the manifest: `pk`, `unique`, `ref:customers.id`, and for
   * noise and privacy `pii`, `masked:partial` / `masked:full` / `masked:hash`, `encrypted`, `noise`.
   */
  readonly tags: readonly string[];
  /** A decimal's precision `p` of `decimal(p, s)` (for SQL `NUMERIC(p, s)`). */
  readonly precision?: number;
  /** A single-column `sequence` primary key: an identity column in SQL, advanced past the written keys. */
  readonly identity?: boolean;
  /** `@range(min, max)`: a SQL `CHECK`. */
  readonly range?: readonly [number, number];
  /** `@length(min, max)` in code points: a SQL `CHECK`. */
  readonly length?: readonly [number, number];
}

/**
 * A row sink: one per (format, table, chunk). Columns are numbered 0..n-1 in output order; every
 * method writes one cell of the current row. Calls come in column order, each row between
 * `beginRow` and `endRow`.
 */
export interface RowSink {
  beginRow(): void;
  int(col: number, v: number): void;
  /** An int64: decimal digits in CSV/TSV; in JSON a number when |v| ≤ 2^53 − 1, else a string of its digits. */
  bigint(col: number, v: bigint): void;
  /** Shortest round-trip decimal text (like `String(v)`, never exponent notation for |v| in [1e-6, 1e21)). */
  float(col: number, v: number): void;
  /** `v` already rounded to `scale` places; written with exactly `scale` digits after the point. */
  decimal(col: number, v: number, scale: number): void;
  /** A wide decimal (p > 15): `v` units of 10^-scale, written exactly with `scale` digits after the point. */
  decimalBig(col: number, v: bigint, scale: number): void;
  str(col: number, v: string): void;
  bool(col: number, v: boolean): void;
  /** Days since 1970-01-01 → `YYYY-MM-DD`. */
  date(col: number, days: number): void;
  /** Milliseconds since the Unix epoch → `YYYY-MM-DDTHH:MM:SSZ` (`.sss` only when ms ≠ 0). */
  timestamp(col: number, ms: number): void;
  json(col: number, v: unknown): void;
  /** Bytes: lower-case hex in CSV/TSV, a base64 string in JSON. */
  bytes(col: number, v: Uint8Array): void;
  /**
   * An array of already-typed JSON-able values (strings, numbers, booleans, null, bigints): its
   * compact JSON text in CSV/TSV (`["sql","go"]`, quoted or escaped as a string cell), a JSON array
   * in JSON. A bigint element is a number when it is a safe integer, else a string.
   */
  array(col: number, v: readonly unknown[]): void;
  nul(col: number): void;
  /**
   * A string cell written in parts, so that no string is built for it: `strStart(col)`, then any of
   * `part(s)`, `partLower(s)` (ASCII letters lower-cased; the compiler uses it only for ASCII text) and
   * `partInt(v)`, then `strEnd()`. The cell is exactly `str(col, <the parts joined>)` when every part
   * is a well-formed string (no lone surrogate), which the compiler ensures.
   */
  strStart(col: number): void;
  part(s: string): void;
  partLower(s: string): void;
  partInt(v: number): void;
  strEnd(): void;
  endRow(): void;
}

export interface FixedRowsPlan {
  readonly kind: "fixed";
  /** The schema's count; the runtime may override it (--rows, --scale) through `Program.configure`. */
  readonly count: number;
  /** A fixed table (inline rows or a file): its rows are data, which --rows and --scale leave alone. */
  readonly data?: boolean;
}

export interface PerRowsPlan {
  readonly kind: "per";
  readonly parent: string;
}

export interface TableProgram {
  readonly name: string;
  /** Output columns in order (hidden `let` values are not listed). */
  readonly columns: readonly ColumnMeta[];
  readonly rows: FixedRowsPlan | PerRowsPlan;
  /** `primary key (a, b)` or the `@pk` column, in key order (for SQL `PRIMARY KEY`). */
  readonly primaryKey?: readonly string[];
  /**
   * Rows per parent of a time-series table (`rows: per P every D from A to B`): the table is whole
   * series of this length, one after another. Chunks and shards are cut at multiples of it, so no
   * series is ever split between workers or shards.
   */
  readonly seriesLength?: number;
  /** Tables whose rows this one reads (parent, picks), for ordering. */
  readonly dependsOn: readonly string[];
  /**
   * Writes rows [from, to) to the sink. Pure function of (seed, row counts, rows). `out` carries the
   * run's truth log and keys to tables with noisy, masked or encrypted columns (`runtime/noise/`).
   */
  write(sink: RowSink, from: number, to: number, out?: CellOut): void;
  /**
   * The emitted `validate<Table>(row)` on a row's public form (decimals, dates and timestamps as text,
   * bigint as BigInt, enums as strings): nullability and every validator. `dgen validate` calls it, so
   * generation and validation share one definition. Emitted modules always set it (and `uniques`);
   * hand-written programs may leave both out.
   */
  validate?(row: Readonly<Record<string, unknown>>): readonly Violation[];
  /** Composite `unique(a, b)` lines of the table, by column names. */
  readonly uniques?: readonly (readonly string[])[];
  /** `foreign key (a, b) references t(x, y)` lines of more than one column (`dgen validate` checks them). */
  readonly foreignKeys?: readonly ForeignKeyMeta[];
  /** The `geo:` line: which columns are the GeoJSON geometry. */
  readonly geo?: GeoSpec;
}

/** `geo: point(lon, lat)` or `geo: line(c)` (c: an array of `[lon, lat]` pairs), by column names. */
export type GeoSpec =
  | { readonly kind: "point"; readonly lon: string; readonly lat: string }
  | { readonly kind: "line"; readonly column: string };

export interface ForeignKeyMeta {
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
}

export interface RunSettings {
  readonly seed: number | bigint;
  /** Row counts of fixed-size tables after --rows and --scale. */
  readonly rows: Readonly<Record<string, number>>;
}

export interface OutputDefaults {
  readonly format?: string;
  readonly path?: string;
  readonly compression?: string;
  readonly dialect?: string;
  /** `partition: t by expr` (`readings by day(at)`): see `runtime/partition.ts`. */
  readonly partition?: string;
}

export interface Program {
  readonly dgenVersion: string;
  /** The @faker-js/faker version the program was built with (recorded in the manifest). */
  readonly fakerVersion?: string;
  readonly dataset: string;
  /** The schema's parameters with the values this program was compiled with (recorded in the manifest). */
  readonly params?: Readonly<Record<string, number | string | boolean>>;
  readonly schemaHash: string;
  readonly seed: number | bigint;
  readonly locale: string;
  readonly tables: readonly TableProgram[];
  readonly output: OutputDefaults;
  /** Sets seed and row counts; resets every key and child index. Must be called before `write`/`size`. */
  configure(settings: RunSettings): void;
  /** Total rows of a table under the current configuration (walks parent counts for `per` tables). */
  size(table: string): number;
}
