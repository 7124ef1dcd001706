/**
 * The write path of cells with noise (§8) or a write-time privacy transform (§9, `@mask`, `@encrypt`):
 * one `rt.ColumnOut` per such column, configured with the seed, and the writer's call to it in
 * place of the plain sink call. Columns without either keep the emitted fast path, byte for byte.
 *
 *   const O0_3 = new rt.ColumnOut("persons", "last_name", 3, "string", 0, { typo: 0.02, missing: 0, format: 0, outlier: 0 }, null, false);
 *   ...
 *   O0_3.put(sink, out, i, r.f_last_name);
 */
import type { ColumnPlan } from "../ir/ir.js";
import type { TableNames } from "./module-names.js";
import { jsString } from "./names.js";

/** Whether a column's written text differs from its clean value in some cells. */
export function transformsCells(c: ColumnPlan): boolean {
  return c.noise !== undefined || c.privacy?.mask !== undefined || c.privacy?.encrypt === true;
}

function holder(n: TableNames, idx: number): string {
  return `O${n.index}_${idx}`;
}

/** Module-level declarations and `configure()` statements for a table's transformed columns. */
export function cellOutDeclarations(
  table: string,
  visible: readonly ColumnPlan[],
  n: TableNames,
): { code: string[]; configure: string[] } {
  const code: string[] = [];
  const configure: string[] = [];
  visible.forEach((c, idx) => {
    if (!transformsCells(c)) return;
    const noise = c.noise
      ? `{ typo: ${c.noise.typo}, missing: ${c.noise.missing}, format: ${c.noise.format}, outlier: ${c.noise.outlier} }`
      : "null";
    const mask = c.privacy?.mask ? jsString(c.privacy.mask) : "null";
    const scale = c.type.kind === "decimal" ? c.type.scale : 0;
    code.push(
      `const ${holder(n, idx)} = new rt.ColumnOut(${jsString(table)}, ${jsString(c.name)}, ${idx}, ${jsString(c.type.kind === "enum" ? "string" : c.type.kind)}, ${scale}, ${noise}, ${mask}, ${c.privacy?.encrypt === true});`,
    );
    configure.push(`${holder(n, idx)}.configure(SEED);`);
  });
  return { code, configure };
}

/** The writer's statement for cell `idx` when its column is transformed (`value`: the clean internal value). */
export function cellOutCall(c: ColumnPlan, idx: number, n: TableNames, value: string): string | undefined {
  if (!transformsCells(c)) return undefined;
  return `    ${holder(n, idx)}.put(sink, out, i, ${value});`;
}

/** The writer's extra parameter when some cell of the table is transformed. */
export function cellOutParam(visible: readonly ColumnPlan[]): string {
  return visible.some(transformsCells) ? ", out?: rt.CellOut" : "";
}
