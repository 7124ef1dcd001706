/**
 * The range of an int expression, with bounds that may name a table's row count: what proves a
 * computed foreign key (v2 §14). A bound is `c` or `c + size(T)`; an unknown bound is ±Infinity.
 *
 *   (ps_partkey + ordinal * k) % size(supplier) + 1    → [1, size(supplier)]
 *   uniform(0, 4)                                      → [0, 4]
 *
 * Sizes are at least 0, so `c ≤ c' + size(T)` holds whenever `c ≤ c'`.
 */
import type { ColumnPlan, Expr } from "../ir/ir.js";

export interface Bound {
  readonly c: number;
  /** Plus the row count of this table. */
  readonly size?: string;
}

export interface Range {
  readonly lo: Bound;
  readonly hi: Bound;
}

const num = (c: number): Bound => ({ c });
const unknown: Range = { lo: num(-Infinity), hi: num(Infinity) };

/** What the analysis reads: the columns of a table by name, and the table a `sequence` or `index` counts. */
export interface RangeEnv {
  readonly table: string;
  columns(table: string): ReadonlyMap<string, ColumnPlan> | undefined;
}

/** a ≤ b for every table size. */
export function leq(a: Bound, b: Bound): boolean {
  if (a.c === -Infinity || b.c === Infinity) return true;
  if (a.size === b.size) return a.c <= b.c;
  if (a.size === undefined) return a.c <= b.c;
  return false;
}

function add(a: Bound, b: Bound, sign: 1 | -1): Bound | undefined {
  if (!Number.isFinite(a.c) || !Number.isFinite(b.c)) return undefined;
  if (b.size === undefined) return { c: a.c + sign * b.c, ...(a.size ? { size: a.size } : {}) };
  if (sign === -1 && a.size === b.size) return { c: a.c - b.c };
  if (sign === 1 && a.size === undefined) return { c: a.c + b.c, size: b.size };
  return undefined;
}

function nonNegative(r: Range): boolean {
  return leq(num(0), r.lo);
}

/** The range of `e` evaluated in a row of `env.table`; depth bounds the walk through columns. */
export function rangeOf(e: Expr, env: RangeEnv, depth = 0): Range {
  if (depth > 50) return unknown;
  const r = (x: Expr, at: RangeEnv = env) => rangeOf(x, at, depth + 1);
  switch (e.k) {
    case "const":
      return typeof e.v === "number" && Number.isInteger(e.v) ? { lo: num(e.v), hi: num(e.v) } : unknown;
    case "size":
      return { lo: { c: 0, size: e.table }, hi: { c: 0, size: e.table } };
    case "special":
      if (e.which === "index") return { lo: num(0), hi: { c: -1, size: env.table } };
      if (e.which === "ordinal") return { lo: num(0), hi: num(Infinity) };
      return unknown;
    case "sequence":
      if (e.step === 1) return { lo: num(e.start), hi: { c: e.start - 1, size: env.table } };
      return e.step > 0 ? { lo: num(e.start), hi: num(Infinity) } : unknown;
    case "uniqueInt":
      return { lo: num(e.lo), hi: num(e.lo + e.size - 1) };
    case "gen":
      if (e.fn === "uniformInt" && e.t.type.kind === "int") return { lo: r(e.args[0]!).lo, hi: r(e.args[1]!).hi };
      return unknown;
    case "local": {
      const c = env.columns(env.table)?.get(e.name);
      return c ? r(c.value) : unknown;
    }
    case "rowField": {
      const c = env.columns(e.table)?.get(e.column);
      return c ? r(c.value, { table: e.table, columns: env.columns }) : unknown;
    }
    case "data": {
      const ns = e.values.filter((x): x is number => typeof x === "number");
      return ns.length === e.values.length && ns.length > 0
        ? { lo: num(Math.min(...ns)), hi: num(Math.max(...ns)) }
        : unknown;
    }
    case "binary": {
      const a = r(e.l);
      const b = r(e.r);
      switch (e.op) {
        case "add":
        case "sub": {
          const s = e.op === "add" ? 1 : -1;
          const lo = add(a.lo, s === 1 ? b.lo : b.hi, s);
          const hi = add(a.hi, s === 1 ? b.hi : b.lo, s);
          return { lo: lo ?? num(-Infinity), hi: hi ?? num(Infinity) };
        }
        case "mul":
          if (nonNegative(a) && nonNegative(b)) {
            const lo = a.lo.size || b.lo.size ? 0 : a.lo.c * b.lo.c;
            const hi = !a.hi.size && !b.hi.size ? a.hi.c * b.hi.c : Infinity;
            return { lo: num(lo), hi: num(Number.isNaN(hi) ? Infinity : hi) };
          }
          return unknown;
        case "mod":
          // x % m for x ≥ 0 and a divisor m ≥ 1 that is one value: [0, m − 1].
          // (A table size as the divisor counts as ≥ 1: a row that reads it exists only when it has rows.)
          if (
            nonNegative(a) &&
            b.lo.c === b.hi.c &&
            b.lo.size === b.hi.size &&
            (b.lo.size ? b.lo.c >= 0 : b.lo.c >= 1)
          ) {
            const top = add(b.hi, num(1), -1)!;
            return { lo: num(0), hi: leq(a.hi, top) ? a.hi : top };
          }
          return unknown;
        case "div":
          // (A table size as the divisor counts as ≥ 1, as for `%`.)
          return nonNegative(a) && (b.lo.size ? b.lo.c >= 0 : b.lo.c >= 1)
            ? { lo: num(0), hi: a.hi.size ? num(Infinity) : a.hi }
            : unknown;
        default:
          return unknown;
      }
    }
    case "call": {
      if (e.fn === "floor" || e.fn === "ceil" || e.fn === "round") {
        const a = r(e.args[0]!);
        // Rounding moves a value by less than 1 and keeps it inside whole-number bounds.
        const whole = (b: Bound) => Number.isInteger(b.c) || !Number.isFinite(b.c);
        return whole(a.lo) && whole(a.hi) ? a : unknown;
      }
      if (e.fn === "clamp") return { lo: r(e.args[1]!).lo, hi: r(e.args[2]!).hi };
      return unknown;
    }
    case "if": {
      const a = r(e.a);
      const b = r(e.b);
      return {
        lo: leq(a.lo, b.lo) ? a.lo : leq(b.lo, a.lo) ? b.lo : num(-Infinity),
        hi: leq(a.hi, b.hi) ? b.hi : leq(b.hi, a.hi) ? a.hi : num(Infinity),
      };
    }
    default:
      return unknown;
  }
}

/** `inside(r, outer)`: every value of r lies in outer. */
export function inside(r: Range, outer: Range): boolean {
  return leq(outer.lo, r.lo) && leq(r.hi, outer.hi);
}
