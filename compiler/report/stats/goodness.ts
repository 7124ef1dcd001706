/**
 * Goodness-of-fit statistics shared by the statistical tests (test/stats/) and `dgen report`: one-sample
 * Kolmogorov–Smirnov (exact for CDFs with jumps too), Pearson's chi-square with small bins merged, shares
 * with a binomial bound, and moments with their standard errors. Critical values are for α = 0.001. Like
 * reference.ts, nothing here imports dgen code.
 *
 *   ks(values, normal(0, 1).cdf)               // { d: 0.0021, critical: 0.00617, n: 100000 }
 *   chiSquare([498, 502], [0.5, 0.5])          // { stat: 0.016, df: 1, critical: 10.83, … }
 */

import { gammaQ } from "./reference.js";

/** The significance level of every test here. */
export const ALPHA = 0.001;

export interface KsResult {
  /** sup |F_n(x) − F(x)|. */
  readonly d: number;
  /** 1.95 / √n: the asymptotic critical distance at α = 0.001 (Kolmogorov's K(0.999) = 1.9495). */
  readonly critical: number;
  readonly n: number;
  /** Where the largest distance was seen. */
  readonly at: number;
}

/**
 * Kolmogorov–Smirnov distance between the sample and `cdf`. `cdfBefore(x)` is P(X < x): pass it when
 * the distribution has atoms (a clamped or rounded value), so that a tie of many equal values is
 * compared on both sides of its jump; without atoms it is `cdf` itself.
 */
export function ks(
  values: ArrayLike<number>,
  cdf: (x: number) => number,
  cdfBefore: (x: number) => number = cdf,
): KsResult {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  let d = 0;
  let at = NaN;
  for (let i = 0; i < n;) {
    const x = s[i];
    let j = i;
    while (j < n && s[j] === x) j++;
    // F_n(x−) = i/n and F_n(x) = j/n; between sample points F_n is flat and F monotone, so the supremum
    // is reached at one of these two comparisons
    const dist = Math.max(Math.abs(cdfBefore(x) - i / n), Math.abs(cdf(x) - j / n));
    if (dist > d) {
      d = dist;
      at = x;
    }
    i = j;
  }
  return { d, critical: 1.95 / Math.sqrt(n), n, at };
}

/**
 * Upper 0.1% point of chi-square with `df` degrees of freedom: the x where P(χ²_df > x) = Q(df/2, x/2)
 * falls to 0.001, by bisection (exact, where Wilson–Hilferty is 3% high at df = 1).
 */
export function chiSquareCritical(df: number): number {
  let lo = 0;
  let hi = df + 20 * Math.sqrt(2 * df) + 30;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (gammaQ(df / 2, mid / 2) > ALPHA) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface ChiSquareResult {
  readonly stat: number;
  readonly df: number;
  readonly critical: number;
  /** Bins after merging. */
  readonly bins: number;
  /** The bin that adds most to the statistic: its first category, observed and expected counts. */
  readonly worst: { readonly first: number; readonly observed: number; readonly expected: number };
}

/**
 * Pearson's chi-square of `counts` (one per category, in order) against the probabilities `probs` of
 * the same categories. Neighbouring categories are merged until each bin expects at least 5; a short
 * last bin joins the one before it. `df` = bins − 1. A count in a category of probability 0 gives an
 * infinite statistic, whatever bin it would be merged into. The probabilities must sum to 1 (checked,
 * so a reference that forgets part of its support fails loudly instead of passing quietly).
 */
export function chiSquare(counts: readonly number[], probs: readonly number[]): ChiSquareResult {
  if (counts.length !== probs.length) throw new Error("counts and probabilities differ in length");
  const total = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`probabilities sum to ${total}, not 1`);
  const n = counts.reduce((a, b) => a + b, 0);
  const bins: { first: number; observed: number; expected: number }[] = [];
  let open = { first: 0, observed: 0, expected: 0 };
  for (let i = 0; i < counts.length; i++) {
    open.observed += counts[i];
    open.expected += probs[i] * n;
    if (open.expected >= 5) {
      bins.push(open);
      open = { first: i + 1, observed: 0, expected: 0 };
    }
  }
  const last = bins.at(-1);
  if (!last) bins.push(open);
  else {
    last.observed += open.observed;
    last.expected += open.expected;
  }
  const df = Math.max(1, bins.length - 1);
  const critical = chiSquareCritical(df);
  const impossible = counts.findIndex((c, i) => c > 0 && probs[i] === 0);
  if (impossible >= 0) {
    const worst = { first: impossible, observed: counts[impossible], expected: 0 };
    return { stat: Infinity, df, critical, bins: bins.length, worst };
  }
  let stat = 0;
  let worst = bins[0];
  let worstTerm = -1;
  for (const b of bins) {
    const term = (b.observed - b.expected) ** 2 / b.expected;
    stat += term;
    if (term > worstTerm) {
      worstTerm = term;
      worst = b;
    }
  }
  return { stat, df, critical, bins: bins.length, worst };
}

export interface ShareResult {
  readonly observed: number;
  readonly expected: number;
  /** |observed − expected| in percentage points. */
  readonly offPoints: number;
  /** |observed − expected| in binomial standard deviations (0 when the share is certain). */
  readonly z: number;
}

/** The observed share `count / n` against the declared share `p`. */
export function share(count: number, n: number, p: number): ShareResult {
  const observed = count / n;
  const sd = Math.sqrt((p * (1 - p)) / n);
  const off = Math.abs(observed - p);
  return { observed, expected: p, offPoints: off * 100, z: sd > 0 ? off / sd : off > 0 ? Infinity : 0 };
}

export interface MomentsResult {
  readonly mean: number;
  readonly variance: number;
  /** |sample mean − μ| in standard errors σ/√n. */
  readonly meanZ: number;
  /** |sample variance − σ²| in standard errors σ²·√((κ − 1)/n). */
  readonly varianceZ: number;
}

/** Sample mean and variance against the theory; the standard error of the variance uses the kurtosis κ. */
export function moments(
  values: ArrayLike<number>,
  theory: { mean: number; variance: number; kurtosis: number },
): MomentsResult {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const variance = ss / (n - 1);
  const meanZ = Math.abs(mean - theory.mean) / Math.sqrt(theory.variance / n);
  const varianceZ = Math.abs(variance - theory.variance) / (theory.variance * Math.sqrt((theory.kurtosis - 1) / n));
  return { mean, variance, meanZ, varianceZ };
}
