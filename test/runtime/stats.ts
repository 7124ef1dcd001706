/** Small statistics helpers for the runtime tests. */
import { cell, columnKey, sub } from "../../runtime/rng/stream.js";

/** The call-site stream of sample i of a test column. */
export function streams(name: string, n: number, seed = 42): Uint32Array {
  const key = columnKey(seed, "test", name);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = sub(cell(key, i, 0), 0);
  return out;
}

export function sample(name: string, n: number, f: (t: number) => number): Float64Array {
  const ts = streams(name, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(ts[i]);
  return out;
}

export function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

/** Upper 0.1% critical value of chi-square with df degrees of freedom (Wilson–Hilferty). */
export function chiCrit(df: number): number {
  const z = 3.09;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Chi-square statistic of observed counts against expected probabilities (bins with tiny expectations pooled). */
export function chiSquare(
  counts: ArrayLike<number>,
  probs: ArrayLike<number>,
  n: number,
): { stat: number; df: number } {
  let stat = 0;
  let df = -1;
  let pooledO = 0;
  let pooledE = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = probs[i] * n;
    if (e < 5) {
      pooledO += counts[i];
      pooledE += e;
      continue;
    }
    stat += (counts[i] - e) ** 2 / e;
    df++;
  }
  if (pooledE >= 5) {
    stat += (pooledO - pooledE) ** 2 / pooledE;
    df++;
  }
  return { stat, df };
}

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
export function ks(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return d;
}

/** Critical KS distance at the 0.1% level. */
export function ksCrit(n: number): number {
  return 1.95 / Math.sqrt(n);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
export function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
