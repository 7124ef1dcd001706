/**
 * The generate run's input (`GenerateOptions`, shared by `dgen generate` and `node schema.mjs`),
 * its result, and how the runtime makes diagnostics: from the one catalog, without a source span.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { MessageDef } from "../diagnostics/messages.js";
import type { ProtectedInput } from "./output-paths.js";

export interface GenerateOptions {
  /** Output folder (`--out`); default: the schema's `output.path`, else `out`. */
  out?: string;
  /** `csv | tsv | json | jsonl` (`--format`); default: the schema's, else `csv`. */
  format?: string;
  /** `postgres | mysql | sqlite | mssql` (`--dialect`), for `--format sql`; default: the schema's. */
  dialect?: string;
  /** `--to URL`: load into a database instead of writing files (`sqlite:path.db`). */
  to?: string;
  /** `--if-exists fail|truncate|append` for `--to`; default `fail`. */
  ifExists?: string;
  /** `--manifest FILE` for `--to`: the load's manifest (target without credentials, tables, rows, row hashes). */
  manifest?: string;
  /** CSV only: `--null-as TEXT` writes null cells as TEXT (a string cell equal to it is quoted). */
  nullAs?: string;
  /** CSV only: `--no-header` sets it to false. */
  header?: boolean;
  /** CSV only: `--delimiter C`, one ASCII character (`\t` for a tab). */
  delimiter?: string;
  /** `none | gzip | brotli` (`--compression`); default: the schema's, else `none`. */
  compression?: string;
  /** `--seed`; default: the schema's seed. */
  seed?: bigint;
  /** `--rows table=N`: overrides the count of fixed-size tables (not scaled by `--scale`). */
  rows: Record<string, number>;
  /** `--scale X`: multiplies every fixed count of the schema (rounded to the nearest integer). */
  scale?: number;
  /** `--tables a,b`: write only these tables (all are still sized, so keys stay the same). */
  tables?: string[];
  /** `--workers N`; default: 1 for small runs, else the available cores (at most 8). */
  workers?: number;
  /** `--shard I/N`, 1-based. */
  shard?: { index: number; count: number };
  /**
   * `--truth FILE`: also write the truth file of the noise (spec §8), relative to the working
   * directory; with `--shard`, the shard's dirtied cells.
   */
  truth?: string;
  /** `--csv-safe`: CSV text cells that a spreadsheet would run as a formula get a leading `'`. */
  csvSafe?: boolean;
  /** `--xlsx-sheets`: one workbook (`<dataset>.xlsx`) with the sheets of every table. */
  xlsxSheets?: boolean;
  /** `--partition "t by month(c)"` (or `none`): overrides the schema's `partition:` (runtime/partition.ts). */
  partition?: string;
  /** `--mode error|append` for `--format delta|iceberg`: an existing table fails the run (default) or gets a new commit. */
  mode?: string;
  /**
   * Iceberg: the base URI the tables' metadata names for the output folder (default `file://` + its
   * absolute path), for a folder that is uploaded to object storage after the run.
   */
  lakeLocation?: string;
  /** Progress on a terminal; `--quiet` sets it to false. */
  progress?: boolean;
  /**
   * `--param NAME=VALUE`: schema parameters. They are constants of the compiled program, so
   * `dgen generate` compiles with them; a built bundle refuses them (rebuild with `dgen build --param`).
   */
  params?: Record<string, string>;
}

export interface OutputFile {
  /** Relative to the output folder, with `/`. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** A lake table's data file: the partition value (the router's text) and what its writer saw (not in the manifest). */
  readonly partition?: string;
  readonly summary?: unknown;
}

export interface TableResult {
  readonly name: string;
  /** Rows written (for a shard: the shard's rows). */
  readonly rows: number;
  readonly files: readonly OutputFile[];
}

export interface RunResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly tables: readonly TableResult[];
  /** Absolute path of the manifest, when the run succeeded. */
  readonly manifestPath?: string;
  /** Absolute path of the truth file, when one was asked for and the run succeeded. */
  readonly truthPath?: string;
}

export interface RunEnv {
  /** The module worker threads load (a bundle's own `import.meta.url`); without it, no threads. */
  workerEntry?: string | URL;
  /** Loads an optional database driver (`--to`); `dgen generate` passes its own, a bundle imports from its folder. */
  importModule?: (name: string) => Promise<unknown>;
  /** Where `--out -` writes (default: process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** Where progress goes (default: process.stderr). */
  stderr?: NodeJS.WritableStream;
  /** Whether `stderr` is a terminal (default: its `isTTY`). */
  isTTY?: boolean;
  /** The faker version recorded in the manifest, when the program does not carry one. */
  fakerVersion?: string;
  /** Where `DGEN_KEY` and `DGEN_MASK_KEY` are read (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Files the run must never replace: the schema and the files it reads (`dgen generate`), the bundle
   * itself (`node schema.mjs`). A data file, the manifest or the truth file that would: DG8020.
   */
  inputs?: readonly ProtectedInput[];
}

const NO_SPAN = { start: 0, end: 0 } as const;

/** A runtime diagnostic: `runtimeDiag(messages.diskFull, ["out/orders.csv"])`. */
export function runtimeDiag<A extends readonly unknown[]>(def: MessageDef<A>, args: A, help?: string): Diagnostic {
  return {
    code: def.code,
    severity: def.severity,
    message: def.format(...args),
    span: NO_SPAN,
    notes: [],
    ...(help !== undefined ? { help } : {}),
  };
}

/** Thrown inside the runtime to stop a run with a diagnostic; `run` turns it into its result. */
export class RunError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}
