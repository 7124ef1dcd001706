/**
 * Continuous and discrete distributions driven by one call-site stream `t` (see stream.ts).
 *
 * Each function consumes draws k = 0, 1, 2, … of `t` (via `unit(t, k)` / `u32(t, k)`), so a value is a
 * pure function of `t` and the parameters. Rejection samplers (poisson for λ ≥ 30, zipf, gamma) use as
 * many draws as they need; all loops are bounded and fall back to a documented value instead of hanging.
 *
 *   normal(t, 0, 1)      // Ziggurat (ziggurat.ts), u32 draws 0, 1 (rarely more)
 *   poisson(t, 2.1)      // inversion, draw 0
 *   zipf(t, 1.1, 1e9)    // rejection-inversion, O(1) expected
 */
import { below, mix32, unit, unitOpen } from "./stream.js";
import { stdNormal } from "./ziggurat.js";

const TWO_PI = 2 * Math.PI;
/** Upper bound on rejection rounds; the chance of reaching it is far below 2^-100 for valid inputs. */
const MAX_ROUNDS = 1000;

/** An integer uniform in [lo, hi] (inclusive). `lo`, `hi` integers with hi - lo < 2^53. One or two u32 draws. */
export function uniformInt(t: number, lo: number, hi: number): number {
  return lo + below(t, 0, hi - lo + 1);
}

/** A float uniform in [lo, hi) (53 random bits; `hi` itself may appear through rounding). Draw 0. */
export function uniformFloat(t: number, lo: number, hi: number): number {
  return lo + unit(t, 0) * (hi - lo);
}

/** Normal(mean, sd) by the Ziggurat method on u32 draws 0, 1, … (see ziggurat.ts). */
export function normal(t: number, mean: number, sd: number): number {
  return mean + sd * stdNormal(t, 0);
}

/**
 * Another Normal(mean, sd) for the same stream, independent of `normal(t, …)`: the Ziggurat method on
 * the derived stream `mix32(t ^ 0x6a09e667)`, as independent of `t` as two call sites' streams are of
 * each other. (It used to be the sine branch of a Box–Muller pair whose cosine branch was `normal`;
 * emitted code does not use it.)
 */
export function normalPartner(t: number, mean: number, sd: number): number {
  return mean + sd * stdNormal(mix32((t ^ 0x6a09e667) >>> 0), 0);
}

/** exp(Normal(mu, sigma)), the normal as in `normal` (u32 draws 0, 1, …). */
export function lognormal(t: number, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * stdNormal(t, 0));
}

/** Exponential with the given rate (mean 1/rate) by inversion. Unit 0. */
export function exponential(t: number, rate: number): number {
  return -Math.log(unitOpen(t, 0)) / rate;
}

/** True with probability p (53-bit resolution). Unit 0. */
export function bernoulli(t: number, p: number): boolean {
  return unit(t, 0) < p;
}

const LOGGAM_A = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/** ln Γ(x) for x ≥ 1 (Stirling series with a shift for small x; as in numpy's `random_loggam`). */
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  let x0 = x;
  let n = 0;
  if (x <= 7) {
    n = Math.floor(7 - x);
    x0 = x + n;
  }
  const x2 = 1 / (x0 * x0);
  let gl0 = LOGGAM_A[9];
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM_A[k];
  let gl = gl0 / x0 + 0.5 * Math.log(2 * Math.PI) + (x0 - 0.5) * Math.log(x0) - x0;
  if (x <= 7) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1);
      x0 -= 1;
    }
  }
  return gl;
}

/**
 * Poisson(lambda). λ < 30: inversion of the CDF on unit 0. λ ≥ 30: PTRS, Hörmann's transformed
 * rejection with squeeze (1993), round i on units 2i and 2i+1. λ ≤ 0 gives 0.
 */
export function poisson(t: number, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const u = unit(t, 0);
    let p = Math.exp(-lambda);
    let f = p;
    let x = 0;
    while (u > f && x < 1000) {
      x++;
      p *= lambda / x;
      f += p;
    }
    return x;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const u = unit(t, 2 * i) - 0.5;
    const v = unit(t, 2 * i + 1);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
      return k;
    }
  }
  return Math.round(lambda);
}

/**
 * Marsaglia–Tsang for shape ≥ 1: the j-th unit it reads is `unit(t, off + (j0 + j) * step)`, so two
 * samplers with different `off` and the same `step` never share a draw.
 */
function marsagliaTsang(t: number, shape: number, off: number, step: number, j0: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let j = j0;
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const u1 = unitOpen(t, off + j * step);
    const u2 = unit(t, off + (j + 1) * step);
    const u = unitOpen(t, off + (j + 2) * step);
    j += 3;
    const x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
  return d;
}

/** ln of a standard Gamma(shape) variate (shape > 0); k < 1 uses the boost G(k+1)·U^(1/k) in log space. */
function logStdGamma(t: number, shape: number, off: number, step: number): number {
  if (shape >= 1) return Math.log(marsagliaTsang(t, shape, off, step, 0));
  const g = marsagliaTsang(t, shape + 1, off, step, 1);
  return Math.log(g) + Math.log(unitOpen(t, off)) / shape;
}

/** Gamma(k, theta) (shape k > 0, scale theta; mean k·theta) by Marsaglia–Tsang, with the k < 1 boost. */
export function gamma(t: number, k: number, theta: number): number {
  if (k >= 1) return theta * marsagliaTsang(t, k, 0, 1, 0);
  return theta * Math.exp(logStdGamma(t, k, 0, 1));
}

/**
 * Beta(a, b) as X/(X+Y) with X ~ Gamma(a) on the even units and Y ~ Gamma(b) on the odd units, computed
 * in log space so that tiny shapes do not give 0/0.
 */
export function beta(t: number, a: number, b: number): number {
  const lx = logStdGamma(t, a, 0, 2);
  const ly = logStdGamma(t, b, 1, 2);
  return 1 / (1 + Math.exp(ly - lx));
}

/**
 * Zipf on 1..n with P(k) ∝ k^(-s), s ≥ 0, by rejection-inversion (Hörmann & Derflinger 1996; the
 * formulation of Apache Commons RNG). O(1) expected time for any n; round i reads unit i.
 */
export class Zipf {
  private readonly hX1: number;
  private readonly hN: number;
  private readonly sCut: number;

  constructor(
    private readonly s: number,
    private readonly n: number,
  ) {
    this.hX1 = this.hIntegral(1.5) - 1;
    this.hN = this.hIntegral(n + 0.5);
    this.sCut = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  sample(t: number): number {
    const n = this.n;
    for (let i = 0; i < MAX_ROUNDS; i++) {
      const u = this.hN + unit(t, i) * (this.hX1 - this.hN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > n) k = n;
      if (k - x <= this.sCut || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
    return 1;
  }

  /** H(x) = (x^(1-s) - 1) / (1 - s), or ln x when s = 1. */
  private hIntegral(x: number): number {
    const lx = Math.log(x);
    return helper2((1 - this.s) * lx) * lx;
  }

  private h(x: number): number {
    return Math.exp(-this.s * Math.log(x));
  }

  private hIntegralInverse(x: number): number {
    let y = x * (1 - this.s);
    if (y < -1) y = -1;
    return Math.exp(helper1(y) * x);
  }
}

/** log1p(x)/x, stable near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, stable near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1 / 3) * (1 + 0.25 * x));
}

let lastZipf: Zipf | null = null;
let lastS = NaN;
let lastN = NaN;

/**
 * Zipf(s, n) on 1..n. Memoises the sampler for the last (s, n) — a cache only: results never depend on
 * it. Emitted code with fixed parameters should hold a `Zipf` instead.
 */
export function zipf(t: number, s: number, n: number): number {
  if (lastZipf === null || s !== lastS || n !== lastN) {
    lastZipf = new Zipf(s, n);
    lastS = s;
    lastN = n;
  }
  return lastZipf.sample(t);
}
