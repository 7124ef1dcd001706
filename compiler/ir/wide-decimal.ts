/**
 * Which expressions compute a wide decimal exactly (v2 §15). A `decimal(p, s)` with p > 15 is held as a
 * BigInt of units (value × 10^s); its value must be computed without a double on the way. This module
 * says, for an IR expression, the decimal places of its exact value, or why there is none — the checker
 * reports the reason (`compiler/check/wide-decimals.ts`), the emitter computes in units
 * (`compiler/emit/emit-wide-decimal.ts`).
 *
 *   unitsScale(price * 3 + 0.005)     // 3 (price a decimal(30, 2))
 *   unitsScale(price * 1.5e300)       // "a number in exponent notation"
 */
import type { Expr, Type } from "./ir.js";

/** Precisions above this are wide (exact BigInt units); up to it a decimal is a double rounded to scale. */
export const MAX_NARROW_PRECISION = 15;
export const MAX_PRECISION = 38;

export function isWide(t: Type): boolean {
  return t.kind === "decimal" && t.precision > MAX_NARROW_PRECISION;
}

/** The places of a wide decimal type (0 for any other). */
export function wideScale(t: Type): number {
  return t.kind === "decimal" ? t.scale : 0;
}

/** The exact text of a number constant (`raw` keeps literals a double cannot hold), or undefined. */
export function constText(e: Extract<Expr, { k: "const" }>): string | undefined {
  if (typeof e.v === "bigint") return e.v.toString();
  if (typeof e.v !== "number") return undefined;
  const text = e.raw ?? String(e.v);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/** Places of a constant's exact text. */
function textScale(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The decimal places of `e`'s exact value when it can be computed in units, else the reason it cannot
 * (for a message: "… is not exact"). `target` is the places of the column being computed (a uniform
 * draw is drawn in its units).
 */
export function unitsScale(e: Expr, target: number): number | string {
  const t = e.t.type;
  switch (e.k) {
    case "const": {
      const text = constText(e);
      return text === undefined ? "a number in exponent notation" : textScale(text);
    }
    case "sequence":
      return 0;
    case "gen":
      if (e.fn === "uniformInt") return 0;
      if (e.fn === "uniformFloat") {
        const [a, b] = e.args.map((x) => unitsScale(x, target));
        if (typeof a === "string") return a;
        if (typeof b === "string") return b;
        return Math.max(a!, b!, target);
      }
      return `a draw of '${e.fn}' (a floating-point distribution)`;
    case "neg":
      return unitsScale(e.e, target);
    case "binary": {
      if (e.op !== "add" && e.op !== "sub" && e.op !== "mul")
        return e.op === "div" ? "a division" : `the operator '${e.op}'`;
      const l = unitsScale(e.l, target);
      if (typeof l === "string") return l;
      const r = unitsScale(e.r, target);
      if (typeof r === "string") return r;
      return e.op === "mul" ? l + r : Math.max(l, r);
    }
    case "call":
      if (e.fn === "round" && e.args[1]?.k === "const" && typeof e.args[1].v === "number") {
        const inner = unitsScale(e.args[0]!, target);
        return typeof inner === "string" ? inner : Math.max(0, e.args[1].v);
      }
      if (e.fn === "round" && e.args.length === 1) {
        const inner = unitsScale(e.args[0]!, target);
        return typeof inner === "string" ? inner : 0;
      }
      break;
    case "if": {
      const a = unitsScale(e.a, target);
      if (typeof a === "string") return a;
      const b = unitsScale(e.b, target);
      return typeof b === "string" ? b : Math.max(a, b);
    }
    case "agg":
      if (e.op === "sum" && e.e) return unitsScale(e.e, target);
      break;
  }
  if (t.kind === "int" || t.kind === "bigint") return 0;
  if (t.kind === "decimal") return t.scale;
  return `a value of type ${t.kind}`;
}

/** True when `e` reads a wide decimal column (so it must be computed in units). */
export function readsWide(e: Expr): boolean {
  if (isWide(e.t.type)) return true;
  switch (e.k) {
    case "binary":
      return readsWide(e.l) || readsWide(e.r);
    case "neg":
      return readsWide(e.e);
    case "if":
      return readsWide(e.a) || readsWide(e.b);
    case "call":
      return e.args.some(readsWide);
    case "agg":
      return e.e !== undefined && readsWide(e.e);
    default:
      return false;
  }
}
