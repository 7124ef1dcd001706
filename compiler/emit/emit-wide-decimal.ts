/**
 * Code computing a wide decimal (v2 §15, p > 15) exactly, as a BigInt of units: `price * 3 + 0.005` with
 * `price` a decimal(30, 2) is `(r.price * 3n) * 10n + 5n` at 3 places, rescaled half-even to the
 * column's places where it is stored. Only expressions that `compiler/ir/wide-decimal.ts` accepts reach
 * here (the checker reports the others, DG3070).
 */
import type { Expr } from "../ir/ir.js";
import { constText, isWide, unitsScale, wideScale } from "../ir/wide-decimal.js";
import { callSite, exprCode, type ExprCtx } from "./emit-expr.js";

interface Units {
  readonly code: string;
  readonly scale: number;
}

/** The code of `e` as a BigInt of 10^-scale units. */
export function wideStoreCode(e: Expr, scale: number, ctx: ExprCtx): string {
  const u = units(e, ctx, scale);
  return at(u, scale, true);
}

/** `u` at `scale` places: multiplied up, or rounded half-even down when `round` (else never asked). */
function at(u: Units, scale: number, round = false): string {
  if (u.scale === scale) return u.code;
  if (u.scale < scale) return `(${u.code} * ${10n ** BigInt(scale - u.scale)}n)`;
  if (!round) throw new Error("internal: a wide decimal would lose places");
  return `rt.rescaleUnits(${u.code}, ${u.scale - scale})`;
}

function units(e: Expr, ctx: ExprCtx, target: number): Units {
  switch (e.k) {
    case "const": {
      const text = constText(e)!;
      const dot = text.indexOf(".");
      const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
      return { code: `${BigInt(digits)}n`, scale: dot < 0 ? 0 : text.length - dot - 1 };
    }
    case "sequence":
      return { code: `(${BigInt(e.start)}n + BigInt(i)${e.step === 1 ? "" : ` * ${BigInt(e.step)}n`})`, scale: 0 };
    case "gen":
      if (e.fn === "uniformFloat") {
        const scale = unitsScale(e, target) as number;
        const [a, b] = e.args.map((x) => at(units(x, ctx, target), scale));
        return { code: `rt.uniformUnits(${callSite(ctx, e.slot)}, ${a}, ${b})`, scale };
      }
      break;
    case "neg": {
      const u = units(e.e, ctx, target);
      return { code: `(-${u.code})`, scale: u.scale };
    }
    case "binary": {
      const l = units(e.l, ctx, target);
      const r = units(e.r, ctx, target);
      if (e.op === "mul") return { code: `(${l.code} * ${r.code})`, scale: l.scale + r.scale };
      const scale = Math.max(l.scale, r.scale);
      return { code: `(${at(l, scale)} ${e.op === "add" ? "+" : "-"} ${at(r, scale)})`, scale };
    }
    case "call":
      if (e.fn === "round") {
        const places = e.args[1]?.k === "const" ? Math.max(0, Number(e.args[1].v)) : 0;
        const u = units(e.args[0]!, ctx, target);
        return u.scale <= places ? u : { code: `rt.rescaleUnits(${u.code}, ${u.scale - places})`, scale: places };
      }
      break;
    case "if": {
      const a = units(e.a, ctx, target);
      const b = units(e.b, ctx, target);
      const scale = Math.max(a.scale, b.scale);
      return { code: `(${exprCode(e.c, ctx)} ? ${at(a, scale)} : ${at(b, scale)})`, scale };
    }
    case "agg":
      // A wide sum is accumulated in units at its terms' places (emit-slices.ts).
      if (e.op === "sum" && isWide(e.t.type)) return { code: exprCode(e, ctx), scale: wideScale(e.t.type) };
      break;
  }
  const t = e.t.type;
  const code = exprCode(e, ctx);
  if (isWide(t)) return { code, scale: wideScale(t) };
  if (t.kind === "bigint") return { code, scale: 0 };
  if (t.kind === "decimal") return { code: `rt.decimalUnits(${code}, ${t.scale})`, scale: t.scale };
  return { code: `BigInt(${code})`, scale: 0 };
}

/** The units of a wide sum's term, at `scale` places (the sum's own). */
export function wideTermCode(e: Expr, scale: number, ctx: ExprCtx): string {
  return at(units(e, ctx, scale), scale);
}
