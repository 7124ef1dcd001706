/**
 * The bundle's command line (`node shop.mjs --rows customers=1000 --format jsonl`): a small,
 * dependency-free parser for the generate flags. Bad usage comes back as DG8001 diagnostics
 * (exit status 2), never as a throw.
 *
 *   parseArgs(["--rows", "customers=10", "--shard", "2/4"]).options
 *   // { rows: { customers: 10 }, shard: { index: 2, count: 4 } }
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import { didYouMean } from "../diagnostics/spelling.js";
import { type GenerateOptions, runtimeDiag } from "./generate-options.js";

export interface ParsedArgs {
  readonly options: GenerateOptions;
  readonly help: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export const USAGE = `Usage: node <schema>.mjs [options]

  --out DIR           output folder (default: the schema's output.path, else "out");
                      "-": one table (--tables t) to standard output;
                      s3://bucket/prefix: object storage (AWS environment, AWS_ENDPOINT_URL)
  --format F          csv | tsv | json | jsonl | sql | parquet | xlsx | geojson | delta | iceberg
  --mode M            delta/iceberg, for a table that exists: error (default) | append (a new commit)
  --dialect D         sql only: postgres | mysql | sqlite | mssql
  --to URL            load into a database instead of files: sqlite:path.db, postgresql://…
  --if-exists X       with --to, for tables that exist: fail | truncate | append (default fail)
  --manifest FILE     with --to, write the load's manifest (tables, rows, SHA-256 of the rows) to FILE
  --null-as TEXT      csv only: write null cells as TEXT (for example \\N)
  --no-header         csv only: no header row
  --delimiter C       csv only: the field separator, one character (\\t for a tab)
  --compression C     none | gzip | brotli | zstd; for parquet: snappy (default) | gzip | brotli | none
  --seed N            seed (default: the schema's)
  --rows TABLE=N      row count of a fixed-size table (repeatable)
  --scale X           multiply every fixed row count by X
  --tables a,b        write only these tables
  --workers N         worker threads (default: 1 for small runs, else the cores, at most 8)
  --shard I/N         write the I-th of N slices of every table (1-based)
  --truth FILE        also write which cells noise dirtied, and how, as CSV
  --param NAME=VALUE  a schema parameter (dgen generate; a bundle has its values built in)
  --partition "T by E"  Hive-style folders for table T by a column, year(c), month(c) or day(c);
                      "none": no partitions (overrides the schema's partition:)
  --xlsx-sheets       XLSX: one workbook <dataset>.xlsx with a sheet (or more) per table
  --csv-safe          CSV: prefix ' to text cells starting with = + - @, tab or CR (formula injection)
  --quiet             no progress display
  --help              this text
`;

const WITH_VALUE = [
  "--out",
  "--format",
  "--compression",
  "--dialect",
  "--null-as",
  "--delimiter",
  "--to",
  "--if-exists",
  "--manifest",
  "--seed",
  "--rows",
  "--scale",
  "--tables",
  "--workers",
  "--shard",
  "--truth",
  "--param",
  "--partition",
  "--mode",
];
const FLAGS = ["--quiet", "--no-header", "--csv-safe", "--xlsx-sheets", "--help", "-h"];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: GenerateOptions = { rows: Object.create(null) as Record<string, number> };
  const diagnostics: Diagnostic[] = [];
  let help = false;
  const bad = (option: string, rule: string, hint?: string) =>
    diagnostics.push(runtimeDiag(messages.badOption, [option, rule], hint));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAGS.includes(name)) {
      if (eq > 0) bad(name, "it takes no value");
      else if (name === "--quiet") options.progress = false;
      else if (name === "--no-header") options.header = false;
      else if (name === "--csv-safe") options.csvSafe = true;
      else if (name === "--xlsx-sheets") options.xlsxSheets = true;
      else help = true;
      continue;
    }
    if (!WITH_VALUE.includes(name)) {
      if (name.startsWith("-")) bad(`option '${name}'`, "no such option", didYouMean(name, [...WITH_VALUE, ...FLAGS]));
      else bad(`argument '${arg}'`, "the bundle takes only options (see --help)");
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && (!argv[i + 1].startsWith("--") || name === "--null-as")) value = argv[++i];
    if (value === undefined) {
      bad(name, "it needs a value");
      continue;
    }
    const rule = applyOption(options, name, value);
    if (rule !== undefined) bad(`${name} '${value}'`, rule);
  }
  return { options, help, diagnostics };
}

/** Stores one option; returns what is wrong with its value, if anything. */
function applyOption(o: GenerateOptions, name: string, value: string): string | undefined {
  switch (name) {
    case "--out":
      if (value === "") return "expected a folder, or - for standard output";
      o.out = value;
      return;
    case "--format":
      o.format = value;
      return;
    case "--to":
      if (value === "") return "expected a database URL, as in sqlite:out/shop.db";
      o.to = value;
      return;
    case "--if-exists":
      if (!["fail", "truncate", "append"].includes(value)) return "expected fail, truncate or append";
      o.ifExists = value;
      return;
    case "--manifest":
      if (value === "") return "expected a file name";
      o.manifest = value;
      return;
    case "--null-as":
      o.nullAs = value;
      return;
    case "--delimiter": {
      const d = value === "\\t" ? "\t" : value;
      if (d.length !== 1 || d.charCodeAt(0) >= 0x80 || d === '"' || d === "\n" || d === "\r")
        return "expected one ASCII character other than a quote or a line break (\\t for a tab)";
      o.delimiter = d;
      return;
    }
    case "--dialect":
      o.dialect = value;
      return;
    case "--compression":
      o.compression = value;
      return;
    case "--partition":
      o.partition = value;
      return;
    case "--mode":
      if (value !== "error" && value !== "append") return "expected error or append";
      o.mode = value;
      return;
    case "--seed":
      if (!/^-?\d+$/.test(value.replaceAll("_", ""))) return "expected a whole number";
      o.seed = BigInt(value.replaceAll("_", ""));
      return;
    case "--rows": {
      const m = /^([^=]+)=([\d_]+)$/.exec(value);
      if (m === null) return "expected TABLE=N with N a whole number, as in --rows customers=1000";
      const n = Number(m[2].replaceAll("_", ""));
      if (!Number.isSafeInteger(n)) return "the count is too large";
      o.rows[m[1]] = n;
      return;
    }
    case "--scale": {
      const x = Number(value);
      if (value.trim() === "" || !Number.isFinite(x) || x < 0) return "expected a non-negative number";
      o.scale = x;
      return;
    }
    case "--tables": {
      const names = value.split(",").map((s) => s.trim());
      if (names.some((s) => s === "")) return "expected table names separated by commas";
      o.tables = names;
      return;
    }
    case "--workers": {
      if (!/^\d+$/.test(value) || Number(value) < 1) return "expected a whole number of at least 1";
      o.workers = Number(value);
      return;
    }
    case "--shard": {
      const m = /^(\d+)\/(\d+)$/.exec(value);
      const index = m ? Number(m[1]) : 0;
      const count = m ? Number(m[2]) : 0;
      if (!m || index < 1 || index > count) return "expected I/N with 1 <= I <= N, as in --shard 2/8";
      o.shard = { index, count };
      return;
    }
    case "--truth":
      if (value === "") return "expected a file name";
      o.truth = value;
      return;
    case "--param": {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
      if (m === null) return "expected NAME=VALUE, as in --param sf=0.1";
      o.params ??= Object.create(null) as Record<string, string>;
      o.params[m[1]!] = m[2]!;
      return;
    }
  }
  return;
}
