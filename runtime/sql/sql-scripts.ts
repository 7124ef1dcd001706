/**
 * The two scripts of a SQL run besides its data files: `_schema.sql` and `_load.sql`. Every shard
 * writes the same two files (they name every shard's data files), so shards may share a folder.
 *
 *   sqlScripts(plan).map((s) => s.path)   // ["_schema.sql", "_load.sql"]
 */
import type { RunPlan } from "../run-plan.js";
import { LOAD_FILE, loadScript, SCHEMA_FILE } from "./sql-load.js";
import { sqlSchema } from "./sql-schema.js";

export function sqlScripts(plan: RunPlan): { path: string; text: string }[] {
  const dialect = plan.dialect!;
  const tables = plan.files.map((f) => f.table);
  const schema = sqlSchema(dialect, tables);
  const ext = plan.files[0]?.path.replace(/^.*?\.(sql.*)$/, "$1") ?? "sql";
  const files = new Map<string, string[]>();
  for (const t of tables) {
    const count = plan.shard?.count ?? 0;
    const parts = plan.shard
      ? Array.from({ length: count }, (_, i) => `${t.name}/part-${String(i).padStart(5, "0")}.${ext}`)
      : [`${t.name}.${ext}`];
    files.set(t.name, parts);
  }
  return [
    { path: SCHEMA_FILE, text: `-- Tables of the run, in load order (see ${LOAD_FILE}).\n${schema.text}` },
    { path: LOAD_FILE, text: loadScript(dialect, schema, files) },
  ];
}
