/**
 * The manifest of a database load (`--to URL --manifest FILE`): what went into which database, with
 * keys in a fixed order so the same load writes the same bytes. Written after the commit, to a
 * temporary name renamed into place (never half-written under its name).
 *
 *   { "dgen": "0.1.0", "faker": "10.6.0", "dataset": "shop", "schemaHash": "…", "seed": "42",
 *     "params": { "sf": 0.1 }   (schemas with parameters only),
 *     "target": "postgresql://127.0.0.1:5432/shop",   (no user, no password)
 *     "ifExists": "fail",
 *     "tables": [{ "name": "customers", "rows": 1000, "sha256": "…" }] }
 *
 * `sha256` hashes the table's rows as the bytes of the CSV file `--format csv` writes for the same
 * run (header line included, no compression): it equals that run's `files[0].sha256`, so a load can
 * be compared with a CSV run without reading the database back.
 */
import { createHash } from "node:crypto";
import type { Program } from "../contract.js";
import type { TableResult } from "../generate-options.js";
import { loadWriteKeys } from "../noise/write-keys.js";
import type { RunPlan } from "../run-plan.js";
import { generateChunk } from "../workers/chunk.js";
import { splitRows } from "../workers/chunks.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { FileOutput } from "../writers/file-output.js";
import { tableSinkFactory } from "../writers/sinks.js";

/** SHA-256 of each planned table's rows as CSV bytes. */
export function rowHashes(plan: RunPlan, env: Record<string, string | undefined>): Map<string, string> {
  const tables = plan.files.map((f) => f.table);
  const cells = { keys: loadWriteKeys(tables, env) };
  const buffer = new ByteBuffer();
  const out = new Map<string, string>();
  for (const file of plan.files) {
    const factory = tableSinkFactory("csv", file.table, { rows: file.to > file.from });
    const hash = createHash("sha256");
    hash.update(factory.header);
    for (const [from, to] of splitRows(file.from, file.to, file.chunkRows))
      hash.update(generateChunk(file.table, factory, buffer, from, to, from === file.from, cells).bytes);
    hash.update(factory.footer);
    out.set(file.table.name, hash.digest("hex"));
  }
  return out;
}

export function loadManifestText(
  program: Program,
  plan: RunPlan,
  target: string,
  ifExists: string,
  tables: readonly TableResult[],
  hashes: ReadonlyMap<string, string>,
  faker: string | null,
): string {
  const manifest = {
    dgen: program.dgenVersion,
    faker,
    dataset: program.dataset,
    schemaHash: program.schemaHash,
    seed: String(plan.settings.seed),
    ...(program.params && Object.keys(program.params).length > 0 ? { params: { ...program.params } } : {}),
    target,
    ifExists,
    tables: tables.map((t) => ({ name: t.name, rows: t.rows, sha256: hashes.get(t.name)! })),
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}

export async function writeLoadManifest(path: string, text: string): Promise<void> {
  const file = await FileOutput.open(path, "none");
  try {
    await file.write(new TextEncoder().encode(text));
    await file.finish();
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}
