/**
 * Independent readers of Parquet files: hyparquet (pure JavaScript) for values, DuckDB for types and
 * SQL over the files. Nothing here imports dgen's writers.
 *
 *   const rows = await readParquet("out/orders.parquet");     // [{ id: 1n, … }]
 *   canonicalCell(rows[0].placed_at, "timestamp")             // 1665355781000
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { decompress as unzstd } from "fzstd";
import { join } from "node:path";
import { expect } from "vitest";

export async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const file = await asyncBufferFromFile(path);
  // hyparquet decodes snappy itself; gzip and brotli pages through node's zlib, zstd through fzstd
  // (pure JavaScript, not the library dgen writes with).
  const compressors = {
    GZIP: (b: Uint8Array) => gunzipSync(b),
    BROTLI: (b: Uint8Array) => brotliDecompressSync(b),
    ZSTD: (b: Uint8Array) => unzstd(b),
  };
  return parquetReadObjects({ file, utf8: false, compressors });
}

let db: Promise<DuckDBConnection> | undefined;

/** One in-memory DuckDB connection per test file. */
export function duckdb(): Promise<DuckDBConnection> {
  db ??= DuckDBInstance.create(":memory:").then((i) => i.connect());
  return db;
}

/** Rows of a DuckDB query, as arrays of JSON-able values. */
export async function sql(query: string): Promise<unknown[][]> {
  const c = await duckdb();
  return (await c.runAndReadAll(query)).getRowsJson() as unknown[][];
}

/** Single quotes doubled: a path inside a DuckDB string literal. */
export function lit(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * A cell from either reader in one comparable form, by the column's dgen type (from the manifest):
 * integers as digit text, dates as `YYYY-MM-DD`, timestamps as epoch milliseconds, bytes as base64,
 * arrays and JSON as JSON text (bigints as numbers when safe).
 */
export function canonicalCell(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  const t = type.replace(/\?$/, "");
  if (t.endsWith("[]")) return JSON.stringify(v, bigints);
  if (/^(int|int16|int32|int64|bigint)$/.test(t)) return String(v);
  if (t.startsWith("decimal") || t === "float") return Number(v);
  if (t === "date") return v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (t === "timestamp") return v instanceof Date ? v.getTime() : Date.parse(v as string);
  if (t === "bytes") return v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v;
  if (t === "json") return JSON.stringify(v, bigints);
  return v;
}

function bigints(_: string, x: unknown): unknown {
  return typeof x === "bigint" ? (Number.isSafeInteger(Number(x)) ? Number(x) : String(x)) : x;
}

export interface ManifestTable {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly { name: string; type: string }[];
  readonly files: readonly { path: string }[];
}

export function manifestTables(dir: string, name = "_manifest.json"): ManifestTable[] {
  return (JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) as { tables: ManifestTable[] }).tables;
}

/** Every cell of every table of `parquetDir` equals the JSONL run's, by the manifest's column types. */
export async function expectSameAsJsonl(parquetDir: string, jsonlDir: string): Promise<void> {
  for (const t of manifestTables(jsonlDir)) {
    const got = await readParquet(join(parquetDir, `${t.name}.parquet`));
    const want = readJsonl(join(jsonlDir, `${t.name}.jsonl`));
    expect(got.length).toBe(t.rows);
    expect(got.length).toBe(want.length);
    for (const c of t.columns) {
      const a = got.map((r) => canonicalCell(r[c.name], c.type));
      const b = want.map((r) => canonicalCell(r[c.name], c.type));
      expect(a, `${t.name}.${c.name}`).toEqual(b);
    }
  }
}

