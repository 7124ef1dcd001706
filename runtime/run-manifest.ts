/**
 * The run's manifest (`_manifest.json`, or `_manifest.part-00002.json` for shard 3 of N), with keys in
 * a fixed order so that the same run writes the same bytes:
 *
 *   { "dgen": "0.1.0", "faker": "10.6.0", "dataset": "shop", "schemaHash": "…", "seed": "42",
 *     "params": { "sf": 0.1 }   (schemas with parameters only),
 *     "format": "csv", "compression": "none", "shard": null,
 *     "tables": [{ "name": "customers", "rows": 1000,
 *                  "columns": [{ "name": "id", "type": "int", "tags": ["pk"] }],
 *                  "files": [{ "path": "customers.csv", "bytes": 51234, "sha256": "…" }] }] }
 */
import type { Program } from "./contract.js";
import type { OutputFile, TableResult } from "./generate-options.js";
import type { RunPlan } from "./run-plan.js";

export function manifestName(shard: RunPlan["shard"]): string {
  return shard ? `_manifest.part-${String(shard.index - 1).padStart(5, "0")}.json` : "_manifest.json";
}

export function manifestText(
  program: Program,
  plan: RunPlan,
  tables: readonly TableResult[],
  faker: string | null,
  scripts: readonly OutputFile[] = [],
): string {
  const manifest = {
    dgen: program.dgenVersion,
    faker,
    dataset: program.dataset,
    schemaHash: program.schemaHash,
    seed: String(plan.settings.seed),
    // Only schemas with parameters list them, so the manifests of other schemas keep their bytes.
    ...(program.params && Object.keys(program.params).length > 0 ? { params: { ...program.params } } : {}),
    format: plan.format,
    ...(plan.dialect !== undefined ? { dialect: plan.dialect } : {}),
    compression: plan.format === "parquet" ? plan.codec : plan.compression,
    shard: plan.shard ? { index: plan.shard.index, count: plan.shard.count } : null,
    tables: tables.map((t) => {
      const table = program.tables.find((p) => p.name === t.name)!;
      return {
        name: t.name,
        rows: t.rows,
        columns: table.columns.map((c) => ({ name: c.name, type: c.type, tags: [...c.tags] })),
        files: t.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })),
      };
    }),
    // SQL runs: `_schema.sql` and `_load.sql`.
    ...(scripts.length > 0 ? { scripts: scripts.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })) } : {}),
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}
