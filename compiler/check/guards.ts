/**
 * What an `if` condition guarantees inside its branches about `index` and `ordinal`: the guards that
 * make earlier rows exist (v2 §14). `pick(t, before)` needs `index ≥ 1`, `t[index - n]` needs
 * `index ≥ n`, `prev` needs `ordinal ≥ 1`.
 *
 *   if index == 0 then null else pick(employee, before).employee_id
 *     → in the else branch: { index: 1, ordinal: 0 }
 */
import type * as A from "../ast/nodes.js";

/** The least value known for `index` and `ordinal` where an expression is checked. */
export interface Guards {
  readonly index: number;
  readonly ordinal: number;
}

export const noGuards: Guards = { index: 0, ordinal: 0 };

type Which = "index" | "ordinal";

/** The guards inside the `then` (holds = true) or `else` (holds = false) branch of `if cond`. */
export function guardsWhere(cond: A.Expr, holds: boolean, outer: Guards): Guards {
  const found = facts(cond, holds);
  return {
    index: Math.max(outer.index, found.index ?? 0),
    ordinal: Math.max(outer.ordinal, found.ordinal ?? 0),
  };
}

function facts(e: A.Expr, holds: boolean): Partial<Record<Which, number>> {
  if (e.kind === "Unary" && e.op === "not") return facts(e.operand, !holds);
  if (e.kind === "Binary" && (e.op === "and" || e.op === "or")) {
    // `a and b` holding, or `a or b` failing, gives the facts of both sides.
    if ((e.op === "and") === holds) {
      const l = facts(e.left, holds);
      const r = facts(e.right, holds);
      return {
        ...(l.index !== undefined || r.index !== undefined ? { index: Math.max(l.index ?? 0, r.index ?? 0) } : {}),
        ...(l.ordinal !== undefined || r.ordinal !== undefined
          ? { ordinal: Math.max(l.ordinal ?? 0, r.ordinal ?? 0) }
          : {}),
      };
    }
    return {};
  }
  if (e.kind !== "Binary") return {};
  const side = (x: A.Expr): Which | undefined =>
    x.kind === "Ident" && (x.name === "index" || x.name === "ordinal") ? x.name : undefined;
  const int = (x: A.Expr): number | undefined => (x.kind === "NumberLit" && x.isInteger ? x.value : undefined);
  let which = side(e.left);
  let n = int(e.right);
  let op = e.op;
  if (which === undefined) {
    // `0 < index` reads as `index > 0`
    which = side(e.right);
    n = int(e.left);
    const flip: Partial<Record<A.BinaryOp, A.BinaryOp>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
    op = flip[op] ?? op;
  }
  if (which === undefined || n === undefined) return {};
  // The least value of a non-negative integer x given `x op n` (holds) or its negation.
  const least = (): number | undefined => {
    switch (op) {
      case ">":
        return holds ? n + 1 : undefined;
      case ">=":
        return holds ? n : undefined;
      case "<":
        return holds ? undefined : n;
      case "<=":
        return holds ? undefined : n + 1;
      case "!=":
        return holds && n === 0 ? 1 : undefined;
      case "==":
        return !holds && n === 0 ? 1 : holds ? n : undefined;
      default:
        return undefined;
    }
  };
  const m = least();
  return m === undefined ? {} : { [which]: m };
}
