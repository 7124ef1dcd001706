/**
 * The column metadata only the SQL writers need (`runtime/sql/`): a decimal's precision, a
 * `sequence` primary key (an identity column the load script advances), and the `@range` and
 * `@length` checks SQL can state. Each appears only when it applies, so other columns keep their text.
 *
 *   sqlMeta(orders, id)     // ["identity: true"]
 *   sqlMeta(orders, total)  // ["precision: 12", "range: [0, 1000]"]
 */
import type { ColumnPlan, TablePlan } from "../ir/ir.js";

export function sqlMeta(t: TablePlan, c: ColumnPlan): string[] {
  const parts: string[] = [];
  if (c.type.kind === "decimal") parts.push(`precision: ${c.type.precision}`);
  const integer = c.type.kind === "int" || c.type.kind === "bigint";
  if (integer && c.value.k === "sequence" && t.primaryKey.length === 1 && t.primaryKey[0] === c.name)
    parts.push("identity: true");
  for (const v of c.validators) {
    if (v.kind === "range" && Number.isFinite(v.min) && Number.isFinite(v.max)) parts.push(`range: [${v.min}, ${v.max}]`);
    if (v.kind === "length") parts.push(`length: [${v.min}, ${v.max}]`);
  }
  return parts;
}
