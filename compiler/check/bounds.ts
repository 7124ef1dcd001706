/**
 * Bounds the compiler can prove, across tables, once every table is planned:
 * - the numeric range of a value (`q * part[pi].p_retailprice` with q in 1..50 and the price's own
 *   formula) — a value proven to fit its column's type needs no range check in the row loop;
 * - the length range of a string (`{adjective} {noun}.` from word lists, `truncate(s, 22)`,
 *   `join(sample(colors.word, 5), " ")`) — an `@length` proven this way needs no check either.
 *
 * A table with nothing left to check never draws a row again, so any of its columns can be computed
 * apart from the rest of the row (emit-slices.ts): proofs here are what make real schemas fast.
 *
 *   numBounds((90000 + floor(pk / 10) % 20001 + 100 * (pk % 1000)) / 100)  → [900, 2099.99]
 */
import type { ColumnPlan, Expr, TablePlan, Validator } from "../ir/ir.js";
import { rangeCheck } from "../ir/redraws.js";
import { intRange } from "./int-ranges.js";

type B = readonly [number, number];
const ANY: B = [-Infinity, Infinity];

interface Env {
  readonly table: string;
  readonly tables: ReadonlyMap<string, TablePlan>;
}

function columnOf(env: Env, table: string, name: string): ColumnPlan | undefined {
  return env.tables.get(table)?.columns.find((c) => c.name === name);
}

/** The most children a parent can have in a `per` table, when the count is bounded. */
function maxChildren(t: TablePlan | undefined): number {
  if (!t) return Infinity;
  if (t.rows.kind === "every") return t.rows.count;
  if (t.rows.kind !== "per") return Infinity;
  const c = t.rows.count;
  if (c.k === "const" && typeof c.v === "number") return c.v;
  if (c.k === "gen" && c.fn === "uniformInt") return numBounds(c.args[1]!, { table: t.name, tables: new Map() })[1];
  return Infinity;
}

const mulB = (a: B, b: B): B => {
  const xs = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]].map((x) => (Number.isNaN(x) ? 0 : x));
  return [Math.min(...xs), Math.max(...xs)];
};

/** The range of a numeric (or date) value; [-∞, ∞] when unknown. */
export function numBounds(e: Expr, env: Env, depth = 0): B {
  if (depth > 40) return ANY;
  const f = (x: Expr, at: Env = env) => numBounds(x, at, depth + 1);
  switch (e.k) {
    case "const":
      return typeof e.v === "number" ? [e.v, e.v] : ANY;
    case "data": {
      const ns = e.values.filter((x): x is number => typeof x === "number");
      return ns.length > 0 ? [Math.min(...ns), Math.max(...ns)] : ANY;
    }
    case "gen":
      if (e.copula) return ANY;
      if (e.fn === "uniformInt" || e.fn === "uniformFloat") return [f(e.args[0]!)[0], f(e.args[1]!)[1]];
      if (e.fn === "bernoulli") return [0, 1];
      if (e.fn === "beta") return [0, 1];
      return ANY;
    case "choice": {
      const ns = e.choices.values.filter((x): x is number => typeof x === "number");
      return ns.length === e.choices.values.length && ns.length > 0 ? [Math.min(...ns), Math.max(...ns)] : ANY;
    }
    case "uniqueInt":
      return [e.lo, e.lo + e.size - 1];
    case "sequence":
      return e.step > 0 ? [e.start, Infinity] : [-Infinity, e.start];
    case "special":
      if (e.which === "index") return [0, Infinity];
      if (e.which === "ordinal") return [0, maxChildren(env.tables.get(env.table)) - 1];
      return ANY;
    case "size":
      return [0, Infinity];
    case "local": {
      const c = columnOf(env, env.table, e.name);
      return c ? f(c.value) : ANY;
    }
    case "rowField": {
      const c = columnOf(env, e.table, e.column);
      return c ? f(c.value, { ...env, table: e.table }) : ANY;
    }
    case "neg": {
      const b = f(e.e);
      return [-b[1], -b[0]];
    }
    case "binary": {
      const a = f(e.l);
      const b = f(e.r);
      switch (e.op) {
        case "add":
          return [a[0] + b[0], a[1] + b[1]];
        case "sub":
          return [a[0] - b[1], a[1] - b[0]];
        case "mul":
          return mulB(a, b);
        case "div":
          if (b[0] > 0 || b[1] < 0) return mulB(a, [1 / b[1], 1 / b[0]]);
          return ANY;
        case "mod":
          // x % m for x ≥ 0 and m ≥ 1: [0, min(x, m − 1)].
          if (a[0] >= 0 && b[0] >= 1) return [0, Math.min(a[1], b[1] - 1)];
          return ANY;
        default:
          return ANY;
      }
    }
    case "call": {
      const a = e.args.map((x) => f(x));
      switch (e.fn) {
        case "round":
        case "floor":
        case "ceil":
          return [Math.floor(a[0]![0]), Math.ceil(a[0]![1])];
        case "abs":
          return a[0]![0] >= 0 ? a[0]! : [0, Math.max(-a[0]![0], a[0]![1])];
        case "min":
          return [Math.min(...a.map((x) => x[0])), Math.min(...a.map((x) => x[1]))];
        case "max":
          return [Math.max(...a.map((x) => x[0])), Math.max(...a.map((x) => x[1]))];
        case "clamp":
          return [a[1]![0], a[2]![1]];
        case "len":
        case "arrayLen":
          return [0, Infinity];
        default:
          return ANY;
      }
    }
    case "if": {
      const a = f(e.a);
      const b = f(e.b);
      return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
    }
    case "match": {
      const all = [...e.arms.map((arm) => f(arm.value)), f(e.otherwise)];
      return [Math.min(...all.map((x) => x[0])), Math.max(...all.map((x) => x[1]))];
    }
    case "agg": {
      const n = maxChildren(env.tables.get(e.table));
      if (e.op === "count") return [0, n];
      const b = e.e ? f(e.e, { ...env, table: e.table }) : ANY;
      if (e.op === "sum") return [Math.min(0, n * b[0]), Math.max(0, n * b[1])];
      return b;
    }
    default:
      return ANY;
  }
}

/** The range of a string's length in code points; [0, ∞] when unknown. */
export function lengthBounds(e: Expr, env: Env, depth = 0): B {
  const UNKNOWN: B = [0, Infinity];
  if (depth > 40) return UNKNOWN;
  const f = (x: Expr, at: Env = env) => lengthBounds(x, at, depth + 1);
  const strs = (xs: readonly unknown[]): B => {
    const ls = xs.map((x) => [...String(x)].length);
    return ls.length ? [Math.min(...ls), Math.max(...ls)] : UNKNOWN;
  };
  switch (e.k) {
    case "const":
      return e.v === null ? UNKNOWN : strs([e.v]);
    case "data":
      return strs(e.values.filter((x) => x !== null));
    case "choice":
    case "uniqueChoice":
      return strs(e.choices.values);
    case "local": {
      const c = columnOf(env, env.table, e.name);
      return c ? f(c.value) : UNKNOWN;
    }
    case "rowField": {
      const c = columnOf(env, e.table, e.column);
      return c ? f(c.value, { ...env, table: e.table }) : UNKNOWN;
    }
    case "template": {
      let lo = 0;
      let hi = 0;
      for (const p of e.parts) {
        const b = typeof p === "string" ? ([[...p].length, [...p].length] as B) : textLength(p, env, depth);
        lo += b[0];
        hi += b[1];
      }
      return [lo, hi];
    }
    case "call": {
      switch (e.fn) {
        case "lower":
        case "upper":
        case "trim":
          return e.fn === "trim" ? [0, f(e.args[0]!)[1]] : f(e.args[0]!);
        case "str":
          return textLength(e.args[0]!, env, depth);
        case "truncate": {
          const s = f(e.args[0]!);
          const n = numBounds(e.args[1]!, env);
          return [Math.max(0, Math.min(s[0], n[0])), Math.max(0, Math.min(s[1], n[1]))];
        }
        case "lpad":
        case "rpad": {
          const s = f(e.args[0]!);
          const n = numBounds(e.args[1]!, env);
          const fill = f(e.args[2]!);
          if (fill[1] === 0) return s;
          return [Math.max(s[0], n[0]), Math.max(s[1], n[1])];
        }
        case "join": {
          const arr = e.args[0]!;
          const sep = f(e.args[1]!);
          if (arr.k !== "sample" && arr.k !== "array") return UNKNOWN;
          const count = numBounds(arr.k === "sample" ? arr.n : arr.count, env);
          const el =
            arr.k === "sample"
              ? (() => {
                  const c = columnOf(env, arr.table, arr.column);
                  return c ? f(c.value, { ...env, table: arr.table }) : UNKNOWN;
                })()
              : textLength(arr.element, env, depth);
          const lo = Math.max(0, count[0]);
          const hi = count[1];
          return [lo * el[0] + Math.max(0, lo - 1) * sep[0], hi * el[1] + Math.max(0, hi - 1) * sep[1]];
        }
        default:
          return UNKNOWN;
      }
    }
    case "if":
    case "match": {
      const all = e.k === "if" ? [f(e.a), f(e.b)] : [...e.arms.map((a) => f(a.value)), f(e.otherwise)];
      return [Math.min(...all.map((x) => x[0])), Math.max(...all.map((x) => x[1]))];
    }
    default:
      return UNKNOWN;
  }
}

/** The length of a value's text (as templates write it): strings directly, whole numbers by their digits. */
function textLength(e: Expr, env: Env, depth: number): B {
  const k = e.t.type.kind;
  if (k === "string" || k === "enum" || k === "uuid") return lengthBounds(e, env, depth + 1);
  if (k === "int") {
    const [lo, hi] = numBounds(e, env, depth + 1);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [1, Infinity];
    const digits = (n: number) => String(Math.abs(Math.trunc(n))).length + (n < 0 ? 1 : 0);
    if (lo >= 0) return [digits(lo), digits(hi)];
    return [1, Math.max(digits(lo), digits(hi))];
  }
  if (k === "date") return [10, 10];
  return [0, Infinity];
}

/** True when the value provably passes the validator (so generation need not check it). */
function proven(v: Validator, c: ColumnPlan, env: Env): boolean {
  if (v.kind === "length") {
    const [lo, hi] = lengthBounds(c.value, env);
    return lo >= v.min && hi <= v.max;
  }
  if (v.kind === "range") {
    const [lo, hi] = numBounds(c.value, env);
    return lo >= v.min && hi <= v.max;
  }
  return false;
}

/** Whether a value is proven to fit its column's type (so the row loop need not check it). */
function fitsType(c: ColumnPlan, env: Env): boolean {
  const [lo, hi] = numBounds(c.value, env);
  const ir = intRange(c.type);
  if (ir) return Number.isInteger(lo) && Number.isInteger(hi) ? lo >= ir[0] && hi <= ir[1] : lo >= ir[0] && hi <= ir[1];
  if (c.type.kind === "decimal") {
    // After rounding to the scale the magnitude stays below 10^(p − s).
    const limit = 10 ** (c.type.precision - c.type.scale) - 10 ** -c.type.scale;
    return lo > -limit && hi < limit;
  }
  return false;
}

/**
 * The tables with the validators and range checks that bounds prove taken out of the row loop
 * (`checked`, `fits`); the validators all stay in the emitted `validate<Table>()`.
 */
export function proveBounds(tables: readonly TablePlan[]): TablePlan[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return tables.map((t) => {
    const env: Env = { table: t.name, tables: byName };
    const assigned = new Set(t.rules.flatMap((r) => r.assignments.map((a) => a.column)));
    const columns = t.columns.map((c) => {
      if (c.hidden || assigned.has(c.name)) return c;
      const checked = c.checked.filter((v) => !proven(v, c, env));
      const fits = rangeCheck(c) !== undefined && fitsType(c, env);
      if (checked.length === c.checked.length && !fits) return c;
      return { ...c, checked, ...(fits ? { fits: true } : {}) };
    });
    return { ...t, columns };
  });
}
