/**
 * Constant folding of IR expressions: arithmetic, comparisons and the numeric helpers over constants
 * (parameters are constants), computed with the same functions the generated code calls, so a folded
 * value is the value the code would compute.
 *
 *   fold(round(10_000 * sf)) with sf = 0.01   → { k: "const", v: 100 }
 *   foldNumber(size(customer) / 15, sizes)    → 100 when customer has 1 500 rows
 */
import type { Expr } from "../ir/ir.js";
import { roundHalfEven } from "../../runtime/text/numbers.js";

/** The expression with constant sub-expressions computed (a new node only where something folded). */
export function fold(e: Expr): Expr {
  const n = foldNumber(e);
  if (n === undefined || e.k === "const") return e;
  if (e.t.type.kind === "int" && !Number.isSafeInteger(n)) return e;
  if (!Number.isFinite(n)) return e;
  return { k: "const", t: e.t, v: n };
}

/**
 * The number an expression computes when it is constant; `sizeOf` gives the row count of a table
 * for `size(t)` where it is known (in row counts).
 */
export function foldNumber(e: Expr, sizeOf?: (table: string) => number | undefined): number | undefined {
  const f = (x: Expr) => foldNumber(x, sizeOf);
  switch (e.k) {
    case "const":
      return typeof e.v === "number" &&
        e.t.type.kind !== "date" &&
        e.t.type.kind !== "timestamp" &&
        e.t.type.kind !== "duration"
        ? e.v
        : undefined;
    case "size":
      return sizeOf?.(e.table);
    case "neg": {
      const x = f(e.e);
      return x === undefined ? undefined : -x;
    }
    case "binary": {
      if (!["add", "sub", "mul", "div", "mod"].includes(e.op)) return undefined;
      const l = f(e.l);
      const r = f(e.r);
      if (l === undefined || r === undefined) return undefined;
      switch (e.op) {
        case "add":
          return l + r;
        case "sub":
          return l - r;
        case "mul":
          return l * r;
        case "div":
          return r === 0 ? undefined : l / r;
        case "mod":
          return r === 0 ? undefined : l % r;
        default:
          return undefined;
      }
    }
    case "call": {
      const args = e.args.map(f);
      if (args.some((a) => a === undefined)) return undefined;
      const a = args as number[];
      switch (e.fn) {
        case "round":
          return roundHalfEven(a[0]!, a[1] ?? 0);
        case "floor":
          return Math.floor(a[0]!);
        case "ceil":
          return Math.ceil(a[0]!);
        case "abs":
          return Math.abs(a[0]!);
        case "min":
          return Math.min(...a);
        case "max":
          return Math.max(...a);
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
