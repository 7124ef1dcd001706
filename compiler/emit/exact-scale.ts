/**
 * Exact decimal arithmetic on doubles. Decimals are held as doubles rounded to their scale; a sum or
 * product of them has a known number of decimal places, and the double nearest the exact result is
 * what rounding the computed double to that many places gives (the error of a few operations is far
 * below half a unit in the last place). So `l_extendedprice * (1 + l_tax) * (1 - l_discount)` is
 * rounded to 6 places after each step, and the aggregate that sums it equals the exact decimal sum.
 */
import type { Expr } from "../ir/ir.js";

/** Places beyond which results are not rounded (the scaled value must stay well below 2^53). */
export const MAX_EXACT_SCALE = 9;

/**
 * The number of decimal places an exact computation of `e` has, when it is known and small: the
 * value of `q * price * (1 + tax)` with `price`, `tax` decimals of scale 2 has 4 places, so rounding the
 * double to 4 places gives the exact decimal (see `emit-expr.ts`, `binaryCode`).
 */
export function exactScale(e: Expr): number | undefined {
  const t = e.t.type;
  if (t.kind === "int" || t.kind === "bigint") return 0;
  if (t.kind === "decimal") return t.scale;
  switch (e.k) {
    case "const": {
      if (typeof e.v !== "number") return undefined;
      const text = String(e.v);
      if (text.includes("e")) return undefined;
      const dot = text.indexOf(".");
      return dot < 0 ? 0 : text.length - dot - 1;
    }
    case "binary": {
      const l = exactScale(e.l);
      const r = exactScale(e.r);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === "add" || e.op === "sub") return Math.max(l, r);
      if (e.op === "mul") return l + r;
      if (e.op === "div" && e.r.k === "const" && typeof e.r.v === "number") {
        const k = Math.log10(e.r.v);
        return Number.isInteger(k) && k >= 0 ? l + k : undefined;
      }
      return undefined;
    }
    case "call":
      if (e.fn === "round") {
        const d = e.args[1];
        return d?.k === "const" && typeof d.v === "number" ? d.v : undefined;
      }
      return undefined;
    case "agg":
      return e.op === "sum" || e.op === "min" || e.op === "max" ? (e.e ? exactScale(e.e) : 0) : undefined;
    case "neg":
      return exactScale(e.e);
    default:
      return undefined;
  }
}

/** True when `e` holds a decimal value (a decimal column or an arithmetic result over decimals). */
export function involvesDecimal(e: Expr): boolean {
  if (e.t.type.kind === "decimal") return true;
  if (e.k === "binary") return involvesDecimal(e.l) || involvesDecimal(e.r);
  if (e.k === "neg") return involvesDecimal(e.e);
  return false;
}

/**
 * The places the emitted code rounds `e` to, when it does (arithmetic over decimals, an int divided by
 * a power of ten, a sum of exact terms): such a value needs no second rounding where it is stored.
 */
export function snapScale(e: Expr): number | undefined {
  if (e.k === "call" && e.fn === "round" && e.args[1]?.k === "const" && e.t.type.kind === "float") {
    const places = Number(e.args[1].v);
    return places <= MAX_EXACT_SCALE ? places : undefined;
  }
  if (e.k === "if") {
    // Both branches already rounded (a decimal value is held rounded to its scale; an int is whole).
    const leaf = (x: Expr) =>
      snapScale(x) ?? (x.t.type.kind === "int" ? 0 : x.t.type.kind === "decimal" ? x.t.type.scale : undefined);
    const a = leaf(e.a);
    const b = leaf(e.b);
    return a !== undefined && b !== undefined ? Math.max(a, b) : undefined;
  }
  if (e.k === "agg" && e.op === "sum" && e.e) {
    const s = exactScale(e.e);
    return s !== undefined && s > 0 && s <= 12 ? s : undefined;
  }
  if (e.k !== "binary" || e.t.type.kind !== "float") return undefined;
  if (!["add", "sub", "mul", "div"].includes(e.op)) return undefined;
  const decimalDiv = e.op === "div" && e.l.t.type.kind === "int";
  if (!involvesDecimal(e) && !decimalDiv) return undefined;
  const scale = exactScale(e);
  return scale !== undefined && scale <= MAX_EXACT_SCALE ? scale : undefined;
}
