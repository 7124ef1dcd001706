/**
 * A standard normal sampler by the Ziggurat method (Marsaglia & Tsang 2000, "The Ziggurat Method for
 * Generating Random Variables", 256 layers), driven by the u32 draws k0, k0 + 1, k0 + 2, … of one
 * call-site stream `t` (see stream.ts): the value is a pure function of `t` and `k0`.
 *
 *   stdNormal(t, 0)   // usually u32 draws 0 and 1 only
 *
 * One round reads two u32 draws `a`, `b`: the layer is `a & 255`, the sign bit 8 of `a`, and a 53-bit
 * uniform integer `m = (a >>> 11)·2^32 + b` places the point in the layer, so values have the same
 * 53-bit resolution as `unit`. About 98.5% of rounds return at once (one multiply, no transcendental);
 * the others read two more draws for the wedge test (one `exp`) or, in the base layer beyond
 * R = 3.654…, sample the tail exactly (Marsaglia 1964) — two draws per unit, each tail attempt two units.
 *
 * Loops are bounded: after MAX_ROUNDS (1000) rejected rounds — a round is rejected with probability
 * 0.0067, a tail attempt with 0.06, so this never happens in practice — the result is the
 * Box–Muller transform of the next two units instead, still exactly normal.
 */
import { u32 } from "./stream.js";

const LAYERS = 256;
/** Start of the tail (right edge of the base strip's rectangle) for 256 layers. */
const R = 3.6541528853610088;
/** Area of every layer under f(x) = exp(-x²/2) on x ≥ 0 (the base layer includes the tail). */
const V = 0.00492867323399;
const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;
const MAX_ROUNDS = 1000;

/** X[i]: right edge of layer i (X[0] = V / f(R) is the base layer's virtual width, X[256] = 0). */
export const ZIG_X = new Float64Array(LAYERS + 1);
/** F[i] = f(X[i]) = exp(-X[i]²/2); F[256] = 1. Layer i spans heights F[i] .. F[i+1]. */
export const ZIG_F = new Float64Array(LAYERS + 1);
/** Fast-accept bound of layer i on the 53-bit integer m: m < ACCEPT[i] ⇔ m·X[i]/2^53 < X[i+1]. */
const ACCEPT = new Float64Array(LAYERS);
/** X[i] / 2^53: the scale from m to x in layer i. */
const SCALE = new Float64Array(LAYERS);

ZIG_X[0] = V / Math.exp(-0.5 * R * R);
ZIG_X[1] = R;
for (let i = 1; i < LAYERS - 1; i++)
  ZIG_X[i + 1] = Math.sqrt(-2 * Math.log(V / ZIG_X[i] + Math.exp(-0.5 * ZIG_X[i] * ZIG_X[i])));
ZIG_X[LAYERS] = 0;
for (let i = 0; i <= LAYERS; i++) ZIG_F[i] = Math.exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
ZIG_F[LAYERS] = 1;
for (let i = 0; i < LAYERS; i++) {
  ACCEPT[i] = (ZIG_X[i + 1] / ZIG_X[i]) * 9007199254740992;
  SCALE[i] = ZIG_X[i] * TWO_POW_M53;
}

/** A double in (0, 1) with 53 random bits from u32 draws k and k + 1 (never 0, for logarithms). */
function open53(t: number, k: number): number {
  return ((u32(t, k) >>> 5) * 67108864 + (u32(t, k + 1) >>> 6) + 0.5) * TWO_POW_M53;
}

/**
 * The standard normal conditioned on x > R (the base layer's tail), exactly, by Marsaglia's (1964)
 * method: x = R + e with e ~ Exp(R), accepted with probability exp(-e²/2) (0.94 on average).
 * Attempt j reads u32 draws k + 4j .. k + 4j + 3. NaN after MAX_ROUNDS rejected attempts. Exported
 * for the tests.
 */
export function normalTail(t: number, k: number): number {
  for (let j = 0; j < MAX_ROUNDS; j++, k += 4) {
    const e = -Math.log(open53(t, k)) / R;
    const y = -Math.log(open53(t, k + 2));
    if (y + y >= e * e) return R + e;
  }
  return NaN;
}

/**
 * A standard normal from u32 draws k0, k0 + 1, … of `t` (two in about 98.5% of calls, rarely more).
 * Callers that need further draws of `t` for other values must use a different stream or start far
 * beyond k0: the number of draws read is not fixed.
 */
export function stdNormal(t: number, k0: number): number {
  let k = k0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const a = u32(t, k);
    const m = (a >>> 11) * TWO_POW_32 + u32(t, k + 1);
    k += 2;
    const i = a & 255;
    if (m < ACCEPT[i]) {
      const x = m * SCALE[i];
      return (a & 256) === 0 ? x : -x;
    }
    if (i === 0) {
      const x = normalTail(t, k);
      if (x === x) return (a & 256) === 0 ? x : -x;
      k += 4 * MAX_ROUNDS;
      break;
    }
    // Wedge: a height uniform in [F[i], F[i+1]) against f(x).
    const x = m * SCALE[i];
    const u = ((u32(t, k) >>> 5) * 67108864 + (u32(t, k + 1) >>> 6)) * TWO_POW_M53;
    k += 2;
    if (ZIG_F[i] + u * (ZIG_F[i + 1] - ZIG_F[i]) < Math.exp(-0.5 * x * x)) return (a & 256) === 0 ? x : -x;
  }
  // Documented fallback (never reached in practice): Box–Muller on the next two units.
  return Math.sqrt(-2 * Math.log(open53(t, k))) * Math.cos(2 * Math.PI * open53(t, k + 2));
}
