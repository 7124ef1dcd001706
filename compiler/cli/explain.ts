/**
 * `dgen explain schema.dgen [--format text|json]`: the plan of a schema (compiler/ir/explain-plan.ts),
 * from the checker's Plan. A schema with errors gets its diagnostics instead.
 *
 *   dgen explain shop.dgen
 *   // 1. customers — 10000 rows … key id: sequence from 1 by 1: strictly increasing with the row index
 */
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import { explainPlan, type Explanation } from "../ir/explain-plan.js";
import { readSchema } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

export async function explainCommand(
  schemaPath: string,
  format: "text" | "json",
  params: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const r = await checkSourceAsync(loaded.file, fileSystemHost(schemaPath), params);
  if (!r.plan) return { exitCode: exitFor(r.diagnostics) || 1, diagnostics: r.diagnostics, file: loaded.file };
  const explained = explainPlan(r.plan);
  const stdout = format === "json" ? `${JSON.stringify(explained, null, 2)}\n` : explainText(explained);
  return { exitCode: 0, diagnostics: r.diagnostics, file: loaded.file, stdout };
}

function explainText(x: Explanation): string {
  const lines = [
    `dataset ${x.dataset} (seed ${x.seed}). Every value is a function of (seed, table, column, row), so no table`,
    "waits for another: 'reads' names the tables a row of it reads.",
  ];
  x.tables.forEach((t, i) => {
    lines.push(
      "",
      `${i + 1}. ${t.name}: ${t.rows} rows${t.dependsOn.length ? `; reads ${t.dependsOn.join(", ")}` : ""}`,
    );
    for (const k of t.keys) lines.push(`   ${k.kind} key (${k.columns.join(", ")}): ${k.how}`);
    for (const f of t.foreignKeys) lines.push(`   foreign key (${f.columns.join(", ")}) → ${f.references}`);
    for (const p of t.picks) lines.push(`   ${p.column}: ${p.computes}`);
    for (const c of t.correlations) lines.push(`   correlated: ${c.join(", ")}`);
  });
  return `${lines.join("\n")}\n`;
}
