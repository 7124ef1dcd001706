/**
 * The messages between the server's thread and the checker's (check-worker.ts), and the facts of a
 * Plan that hover shows: `dgen explain`'s view of each table (explain-plan.ts) and each column's share
 * of nulls. Plain data, cloned across threads.
 *
 *   planFactsOf(plan).nullShares["customers.nickname"]   // 0.3
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { explainPlan, type Explanation } from "../ir/explain-plan.js";
import type { Plan } from "../ir/ir.js";
import type { SchemaFile } from "../ast/nodes.js";

export interface CheckRequest {
  readonly id: number;
  /** The path shown in messages. */
  readonly path: string;
  /** The schema's path on disk, where choices files are looked up. */
  readonly hostPath: string;
  readonly text: string;
}

export interface CheckResponse {
  readonly id: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The parse of the text (absent only after a crash of the checker's thread). */
  readonly ast?: SchemaFile;
  readonly parseDiagnostics?: readonly Diagnostic[];
  readonly facts?: PlanFacts;
}

export interface PlanFacts {
  readonly explanation: Explanation;
  /** "table.column" → share of nulls (only columns with `@null`). */
  readonly nullShares: Readonly<Record<string, number>>;
}

export function planFactsOf(plan: Plan): PlanFacts {
  const nullShares: Record<string, number> = {};
  for (const t of plan.tables)
    for (const c of t.columns) if (c.nullShare > 0) nullShares[`${t.name}.${c.name}`] = c.nullShare;
  return { explanation: explainPlan(plan), nullShares };
}
