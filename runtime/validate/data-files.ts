/**
 * Which files hold which table. DATA is one file, whose table is its base name
 * (`data/orders.jsonl.gz` → `orders`), or a folder laid out as `dgen generate` writes it:
 * `<table>.<ext>` per table, or `<table>/part-NNNNN.<ext>` shard files (read in name order). `<ext>` is
 * `csv`, `tsv`, `json` or `jsonl`, optionally followed by `.gz`, `.br` or `.zst`. Manifests (`_manifest*.json`)
 * are skipped, and so is a `--truth` file (named for no table, starting with the truth header); other
 * files are a warning; a data file named for no table is an error.
 *
 *   findDataFiles("out/shop", ["customers", "orders"])
 *   // { tables: Map { customers → [{ path: "out/shop/customers.csv", format: "csv", ... }] }, diagnostics: [] }
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import { runtimeDiag } from "../generate-options.js";
import { describeFsError } from "../writers/file-output.js";
import { TRUTH_HEADER } from "../noise/truth.js";
import type { Compression, SupportedFormat } from "../writers/sinks.js";

export interface DataFile {
  readonly path: string;
  readonly table: string;
  readonly format: SupportedFormat;
  readonly compression: Compression;
}

export interface FoundFiles {
  /** Data files per table, in reading order; tables without files are absent. */
  readonly tables: ReadonlyMap<string, readonly DataFile[]>;
  readonly diagnostics: readonly Diagnostic[];
  /** false when DATA itself is missing or unreadable (nothing to validate). */
  readonly found: boolean;
}

const DATA_NAME = /^(.+)\.(csv|tsv|jsonl|json)(\.gz|\.br|\.zst)?$/i;
const PART_NAME = /^part-[0-9]+\.(csv|tsv|jsonl|json)(\.gz|\.br|\.zst)?$/i;
const MANIFEST = /^_manifest(\..*)?\.json$/;

function parseName(name: string): { base: string; format: SupportedFormat; compression: Compression } | undefined {
  const m = DATA_NAME.exec(name);
  if (!m) return undefined;
  const z = (m[3] ?? "").toLowerCase();
  return {
    base: m[1]!,
    format: m[2]!.toLowerCase() as SupportedFormat,
    compression: z === ".gz" ? "gzip" : z === ".br" ? "brotli" : z === ".zst" ? "zstd" : "none",
  };
}

function fsProblem(path: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return runtimeDiag(messages.dataNotFound, [path]);
  return runtimeDiag(messages.dataUnreadable, [path, code ? describeFsError(code, e) : String(e)]);
}

export function findDataFiles(data: string, tableNames: readonly string[]): FoundFiles {
  const diagnostics: Diagnostic[] = [];
  const known = new Set(tableNames);
  const tables = new Map<string, DataFile[]>();
  const unknownTable = (path: string, table: string) =>
    diagnostics.push(runtimeDiag(messages.dataUnknownTable, [path, table], didYouMean(table, tableNames)));
  let isFolder: boolean;
  try {
    isFolder = statSync(data).isDirectory();
  } catch (e) {
    return { tables, diagnostics: [fsProblem(data, e)], found: false };
  }

  if (!isFolder) {
    const parsed = parseName(basename(data));
    if (!parsed) return { tables, diagnostics: [runtimeDiag(messages.dataFormatUnknown, [data])], found: false };
    if (!known.has(parsed.base)) {
      unknownTable(data, parsed.base);
      return { tables, diagnostics, found: false };
    }
    tables.set(parsed.base, [{ path: data, table: parsed.base, ...parsed }]);
    return { tables, diagnostics, found: true };
  }

  let names: string[];
  try {
    names = readdirSync(data).sort();
  } catch (e) {
    return { tables, diagnostics: [fsProblem(data, e)], found: false };
  }
  const add = (f: DataFile) => {
    const list = tables.get(f.table) ?? [];
    list.push(f);
    tables.set(f.table, list);
  };
  for (const name of names) {
    const path = join(data, name);
    let folder: boolean;
    try {
      folder = statSync(path).isDirectory();
    } catch (e) {
      diagnostics.push(fsProblem(path, e));
      continue;
    }
    if (folder) {
      if (!known.has(name)) {
        diagnostics.push(runtimeDiag(messages.dataFileIgnored, [path]));
        continue;
      }
      for (const part of readParts(path, diagnostics)) {
        const parsed = parseName(part)!;
        add({ path: join(path, part), table: name, format: parsed.format, compression: parsed.compression });
      }
      continue;
    }
    if (MANIFEST.test(name)) continue;
    const parsed = parseName(name);
    if (!parsed) diagnostics.push(runtimeDiag(messages.dataFileIgnored, [path]));
    else if (!known.has(parsed.base)) {
      if (!isTruthFile(path)) unknownTable(path, parsed.base);
    } else add({ path, table: parsed.base, ...parsed });
  }

  for (const [table, files] of tables) {
    // one `<table>.<ext>`, or shard files of one format: anything else leaves the table ambiguous
    const direct = files.filter((f) => !f.path.startsWith(join(data, table, "part-"))).length;
    const kinds = new Set(files.map((f) => `${f.format}/${f.compression}`));
    if (direct > 1 || (direct === 1 && files.length > 1) || kinds.size > 1) {
      diagnostics.push(runtimeDiag(messages.dataTableTwice, [table, files.map((f) => `'${f.path}'`).join(", ")]));
      tables.delete(table);
    }
  }
  if (tables.size === 0 && !diagnostics.some((d) => d.severity === "error"))
    diagnostics.push(runtimeDiag(messages.dataFolderEmpty, [data]));
  return { tables, diagnostics, found: true };
}

/** Whether a file starts with the header of a `--truth` file (which is not a table, and is skipped). */
function isTruthFile(path: string): boolean {
  const head = Buffer.alloc(TRUTH_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(TRUTH_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The shard files `part-NNNNN.<ext>` of a table's folder, in name order; anything else is a warning. */
function readParts(folder: string, diagnostics: Diagnostic[]): string[] {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (e) {
    diagnostics.push(fsProblem(folder, e));
    return [];
  }
  const parts: string[] = [];
  for (const name of names) {
    if (PART_NAME.test(name)) parts.push(name);
    else if (!MANIFEST.test(name)) diagnostics.push(runtimeDiag(messages.dataFileIgnored, [join(folder, name)]));
  }
  return parts;
}
