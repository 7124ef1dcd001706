/**
 * A small Delta Lake reader written from the protocol (PROTOCOL.md: "Action Reconciliation"), sharing
 * no code with dgen's writer: replay `_delta_log/NNNNNNNNNNNNNNNNNNNN.json` up to a version (the latest
 * by default) — the last `metaData` wins, `add` puts a file in the table, `remove` takes it out — then
 * read the live Parquet files with DuckDB. Partition columns come from each file's `partitionValues`
 * (as the protocol says), never from the file.
 *
 *   const t = await readDelta("out/things");   // { version: 0, files: [...], rows: [{ id: "1", … }] }
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lit, sql } from "./parquet.js";

export interface DeltaField {
  readonly name: string;
  readonly type: string | { type: string; elementType: string };
  readonly nullable: boolean;
}

export interface DeltaAdd {
  readonly path: string;
  readonly partitionValues: Record<string, string | null>;
  readonly size: number;
  readonly stats?: string;
}

export interface DeltaSnapshot {
  readonly version: number;
  readonly protocol: { minReaderVersion: number; minWriterVersion: number };
  readonly fields: readonly DeltaField[];
  readonly partitionColumns: readonly string[];
  readonly files: readonly DeltaAdd[];
}

/** The versions in the log, in order. */
export function deltaVersions(table: string): number[] {
  return readdirSync(join(table, "_delta_log"))
    .filter((n) => /^\d{20}\.json$/.test(n))
    .map((n) => Number(n.slice(0, 20)))
    .sort((a, b) => a - b);
}

/** Replays the log up to `version` (default: the latest). */
export function deltaSnapshot(table: string, version?: number): DeltaSnapshot {
  const versions = deltaVersions(table).filter((v) => version === undefined || v <= version);
  if (versions[0] !== 0) throw new Error(`no version 0 in ${table}`);
  let protocol: DeltaSnapshot["protocol"] | undefined;
  let meta: { schemaString: string; partitionColumns: string[] } | undefined;
  const live = new Map<string, DeltaAdd>();
  versions.forEach((v, i) => {
    if (v !== i) throw new Error(`version ${i} is missing from ${table}`);
    const text = readFileSync(join(table, "_delta_log", `${String(v).padStart(20, "0")}.json`), "utf8");
    for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
      const a = JSON.parse(line) as Record<string, Record<string, unknown>>;
      if (a.protocol) protocol = a.protocol as unknown as DeltaSnapshot["protocol"];
      if (a.metaData) meta = a.metaData as unknown as typeof meta;
      if (a.add) live.set(decodeURIComponent(a.add.path as string), a.add as unknown as DeltaAdd);
      if (a.remove) live.delete(decodeURIComponent(a.remove.path as string));
    }
  });
  if (protocol === undefined || meta === undefined) throw new Error(`no protocol or metaData in ${table}`);
  const fields = (JSON.parse(meta.schemaString) as { fields: DeltaField[] }).fields;
  const files = [...live.entries()].map(([path, add]) => ({ ...add, path }));
  return { version: versions.at(-1)!, protocol, fields, partitionColumns: meta.partitionColumns, files };
}

/**
 * One comparable value per cell, chosen in SQL by the Delta type: integers as digit text, decimals and
 * doubles as numbers, dates as `YYYY-MM-DD`, timestamps as epoch milliseconds, binary as base64, arrays
 * as JSON text.
 */
function select(f: DeltaField): string {
  const c = `"${f.name.replace(/"/g, '""')}"`;
  const t = typeof f.type === "string" ? f.type : f.type.type;
  if (t === "array") return `to_json(${c})::VARCHAR`;
  if (["long", "integer", "short"].includes(t)) return `${c}::VARCHAR`;
  if (t.startsWith("decimal")) return `${c}::DOUBLE`;
  if (t === "date") return `strftime(${c}, '%Y-%m-%d')`;
  if (t === "timestamp") return `epoch_ms(${c})::DOUBLE`;
  if (t === "binary") return `to_base64(${c})`;
  return c;
}

/** Every row of the table at `version`, as objects keyed by the schema's field names. */
export async function readDelta(
  table: string,
  version?: number,
): Promise<{ snapshot: DeltaSnapshot; rows: Record<string, unknown>[] }> {
  const snapshot = deltaSnapshot(table, version);
  const data = snapshot.fields.filter((f) => !snapshot.partitionColumns.includes(f.name));
  const rows: Record<string, unknown>[] = [];
  for (const file of snapshot.files) {
    const got = await sql(`SELECT ${data.map(select).join(", ")} FROM read_parquet(${lit(join(table, file.path))})`);
    for (const r of got) {
      const row: Record<string, unknown> = {};
      data.forEach((f, i) => (row[f.name] = r[i]));
      for (const p of snapshot.partitionColumns) row[p] = file.partitionValues[p] ?? null;
      rows.push(row);
    }
  }
  return { snapshot, rows };
}
