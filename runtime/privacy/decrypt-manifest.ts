/**
 * Reading a run's manifest (runtime/run-manifest.ts) for `dgen decrypt`, and writing the manifest of
 * the decrypted folder: the same document with no column tagged `encrypted`, each file's `bytes` and
 * `sha256` those of the clean file, and `"decrypted": true` added at the end.
 *
 *   const m = parseManifest(text, "_manifest.json");      // throws RunError(DG5045) if not dgen's
 *   m.tables[0].files[0].path                              // "persons.csv"
 *   cleanManifestText(m, new Map([["persons.csv", { bytes: 1234, sha256: "…" }]]))
 */
import { isAbsolute } from "node:path";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { COMPRESSIONS, type Compression, isSupportedFormat, type SupportedFormat } from "../writers/sinks.js";
import type { FileColumn } from "./decrypt-records.js";

/** The manifest names of a folder: a single run's, or the shards'. */
export const MANIFEST_FILE = /^_manifest(?:\.part-\d{5})?\.json$/;
/** The column tag that marks `@encrypt` columns. */
export const ENCRYPTED_TAG = "encrypted";

export interface ManifestFile {
  readonly path: string;
  /** The size and SHA-256 (hex) the run wrote, when the manifest lists them. */
  readonly bytes: number | undefined;
  readonly sha256: string | undefined;
}

export interface ManifestTable {
  readonly name: string;
  /** The rows the run wrote into the table's files (in this shard), when listed. */
  readonly rows: number | undefined;
  readonly columns: readonly FileColumn[];
  readonly files: readonly ManifestFile[];
}

export interface ReadManifest {
  readonly name: string;
  readonly format: SupportedFormat;
  readonly compression: Compression;
  /** The shard (`--shard I/N`) this manifest describes, or undefined for a whole run. */
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly tables: readonly ManifestTable[];
  /** The parsed document, written back by `cleanManifestText`. */
  readonly doc: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseManifest(text: string, name: string): ReadManifest {
  const bad = (reason: string) => new RunError(runtimeDiag(messages.badManifest, [name, reason]));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad("it is not valid JSON");
  }
  if (!isObject(doc)) throw bad("it is not a JSON object");
  const format = doc.format;
  if (typeof format !== "string") throw bad("it has no 'format'");
  if (!isSupportedFormat(format)) throw bad(`'dgen decrypt' reads csv, tsv, json and jsonl files, not '${format}'`);
  const compression = doc.compression;
  if (typeof compression !== "string" || !(COMPRESSIONS as readonly string[]).includes(compression))
    throw bad(`its 'compression' is not one of ${COMPRESSIONS.join(", ")}`);
  if (!Array.isArray(doc.tables)) throw bad("it has no 'tables' list");
  const tables = doc.tables.map((t: unknown, i: number): ManifestTable => {
    if (!isObject(t) || typeof t.name !== "string") throw bad(`table ${i + 1} has no 'name'`);
    if (!Array.isArray(t.columns) || !Array.isArray(t.files))
      throw bad(`table '${t.name}' has no 'columns' or 'files'`);
    const columns = t.columns.map((c: unknown): FileColumn => {
      if (!isObject(c) || typeof c.name !== "string" || typeof c.type !== "string" || !Array.isArray(c.tags))
        throw bad(`a column of table '${t.name}' has no 'name', 'type' or 'tags'`);
      return { name: c.name, type: c.type, encrypted: c.tags.includes(ENCRYPTED_TAG) };
    });
    const files = t.files.map((f: unknown): ManifestFile => {
      if (!isObject(f) || typeof f.path !== "string") throw bad(`a file of table '${t.name}' has no 'path'`);
      if (!safePath(f.path)) throw bad(`the file path '${f.path}' is not a plain path inside the folder`);
      if (f.bytes !== undefined && !isCount(f.bytes)) throw bad(`the 'bytes' of '${f.path}' is not a size`);
      if (f.sha256 !== undefined && !(typeof f.sha256 === "string" && /^[0-9a-f]{64}$/.test(f.sha256)))
        throw bad(`the 'sha256' of '${f.path}' is not 64 hex digits`);
      return { path: f.path, bytes: f.bytes, sha256: f.sha256 };
    });
    if (t.rows !== undefined && !isCount(t.rows)) throw bad(`the 'rows' of table '${t.name}' is not a row count`);
    return { name: t.name, rows: t.rows, columns, files };
  });
  return { name, format, compression: compression as Compression, shard: shardOf(doc.shard, bad), tables, doc };
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function shardOf(v: unknown, bad: (reason: string) => RunError): ReadManifest["shard"] {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v) || !isCount(v.index) || !isCount(v.count) || v.index < 1 || v.index > v.count)
    throw bad("its 'shard' is not { index, count } with 1 <= index <= count");
  return { index: v.index, count: v.count };
}

/** A relative path with `/` separators that stays inside the folder and is not a manifest. */
function safePath(p: string): boolean {
  if (p.length === 0 || isAbsolute(p) || p.includes("\\") || p.includes("\0") || /^[A-Za-z]:/.test(p)) return false;
  const parts = p.split("/");
  if (parts.some((s) => s === "" || s === "." || s === "..")) return false;
  return !(parts.length === 1 && MANIFEST_FILE.test(p));
}

export interface CleanFile {
  readonly bytes: number;
  readonly sha256: string;
}

/** The decrypted folder's manifest: keys in the order read, 2-space indent, trailing line break, as the run writes. */
export function cleanManifestText(m: ReadManifest, files: ReadonlyMap<string, CleanFile>): string {
  const doc = structuredClone(m.doc);
  for (const t of doc.tables as Json[]) {
    for (const c of t.columns as Json[]) c.tags = (c.tags as unknown[]).filter((tag) => tag !== ENCRYPTED_TAG);
    for (const f of t.files as Json[]) {
      const clean = files.get(f.path as string);
      if (clean) {
        if ("bytes" in f) f.bytes = clean.bytes;
        if ("sha256" in f) f.sha256 = clean.sha256;
      }
    }
  }
  doc.decrypted = true;
  return JSON.stringify(doc, null, 2) + "\n";
}
