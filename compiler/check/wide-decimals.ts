/**
 * Wide decimals (v2 §15): a `decimal(p, s)` with p > 15 is exact, so its value must be computable in
 * BigInt units — literals, int and decimal columns, `uniform` over decimals, `sequence`, `+ - ×`,
 * `round`, `if`, `sum` over children (`compiler/ir/wide-decimal.ts`). A float draw or a division into
 * it is DG3070; reading a wide column anywhere but in another wide column's exact value is DG3071
 * (it would pass through a double).
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { ColumnPlan, Expr, TablePlan } from "../ir/ir.js";
import { walk } from "../ir/walk.js";
import { isWide, readsWide, unitsScale } from "../ir/wide-decimal.js";
import { showType } from "./types.js";

export function checkWideDecimals(tables: readonly TablePlan[], out: Diagnostic[]): void {
  for (const t of tables) {
    for (const c of t.columns) {
      const values = [
        c.value,
        ...t.rules.flatMap((r) => r.assignments.filter((a) => a.column === c.name).map((a) => a.value)),
      ];
      if (c.type.kind === "decimal" && isWide(c.type)) {
        const feature = c.noise
          ? "noise"
          : c.privacy
            ? "masking or encryption"
            : c.validators.length > 0
              ? `'@${c.validators[0]!.kind}'`
              : undefined;
        if (feature)
          out.push(
            diag(messages.wideDecimalFeature, c.span, [c.name, feature], {
              help: "declare it decimal(p, s) with p ≤ 15 to use it, or check the value in a wide column's computation",
            }),
          );
      }
      for (const value of values) {
        if (c.type.kind === "decimal" && isWide(c.type)) {
          const scale = unitsScale(value, c.type.scale);
          if (typeof scale === "string") {
            out.push(
              diag(messages.wideDecimalInexact, c.span, [c.name, showType(c.type), scale], {
                help: "compute it from decimals, ints, uniform(a, b) over decimals, + - × and round(x, n); or declare it float",
              }),
            );
          }
        } else reportWideReads(value, c, out);
      }
    }
    for (const r of t.rules) reportWideReads(r.condition, undefined, out, t);
    for (const k of t.checks) reportWideReads(k.condition, undefined, out, t);
  }
}

/** A wide value read where it would become a double. */
function reportWideReads(e: Expr, c: ColumnPlan | undefined, out: Diagnostic[], t?: TablePlan): void {
  let found: string | undefined;
  const visit = (x: Expr) =>
    walk(x, (y) => {
      if (found) return;
      if ((y.k === "local" || y.k === "rowField") && isWide(y.t.type)) found = showType(y.t.type);
      else if (y.k === "agg" && y.e && readsWide(y.e)) found = showType(y.t.type);
    });
  visit(e);
  if (!found) return;
  const span = c?.span ?? t?.columns[0]?.span;
  if (!span) return;
  out.push(
    diag(messages.wideDecimalRead, span, [c?.name ?? t!.name, found], {
      help: "read a wide decimal only in the value of another wide decimal column (decimal(p, s) with p > 15)",
    }),
  );
}
