/**
 * The tests behind the verdicts, on top of the statistical suite's own functions (stats/goodness.ts):
 * the same statistics and critical values at α = 0.001, with their p-values for the reader.
 *
 *   ksLine(values, declared)   // { what: "distribution", test: "Kolmogorov–Smirnov, α = 0.001", verdict: "pass", values: { d, critical, p, n } }
 */
import type { Declared } from "./declared.js";
import type { CheckLine } from "./model.js";
import { ALPHA, chiSquare, ks, share } from "./stats/goodness.js";
import { gammaQ } from "./stats/reference.js";

/** Fewer values than this give a warning instead of a test. */
export const MIN_VALUES = 20;
/** A share's binomial z beyond this fails (two-sided α = 0.001). */
export const SHARE_Z = 3.29;

/** The asymptotic p-value of a KS distance (Kolmogorov's series with Stephens' small-sample factor). */
export function ksP(d: number, n: number): number {
  const sq = Math.sqrt(n);
  const l = (sq + 0.12 + 0.11 / sq) * d;
  if (l < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * l * l);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

export const g = (x: number, digits = 4) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));

/** The column's values against its declared distribution (KS for continuous ones, else chi-square). */
export function distributionLine(
  declared: Declared,
  numbers: ArrayLike<number>,
  categories: ReadonlyMap<string, number>,
  uncounted: number,
): CheckLine {
  const n = declared.kind === "categories" ? [...categories.values()].reduce((a, b) => a + b, uncounted) : numbers.length;
  const base = { what: "distribution", declared: declared.label };
  if (n < MIN_VALUES)
    return { ...base, test: "none", measured: `${n} values: too few to test`, verdict: "warn", values: { n } };
  if (declared.kind === "continuous") {
    const r = ks(numbers, declared.cdf, declared.before);
    const p = ksP(r.d, r.n);
    return {
      ...base,
      test: `Kolmogorov–Smirnov, α = ${ALPHA}`,
      measured: `D = ${g(r.d)} (critical ${g(r.critical)}), p = ${g(p, 3)}, n = ${r.n}`,
      verdict: r.d < r.critical ? "pass" : "fail",
      values: { d: r.d, critical: r.critical, p, n: r.n },
    };
  }
  let counts: number[];
  let probs: number[];
  if (declared.kind === "discrete") {
    // bins lo..hi, the last one open-ended (as the statistical suite does); below lo is impossible
    const size = declared.hi - declared.lo + 1;
    counts = new Array<number>(size + 1).fill(0);
    for (let i = 0; i < numbers.length; i++) {
      const v = numbers[i]!;
      if (!Number.isInteger(v) || v < declared.lo) counts[size]!++;
      else counts[Math.min(v, declared.hi) - declared.lo]!++;
    }
    probs = counts.map((_, i) => (i < size ? declared.pmf(declared.lo + i) : 0));
    probs[size - 1] = Math.max(0, 1 - probs.slice(0, size - 1).reduce((a, b) => a + b, 0));
    // the last slot holds values the declaration cannot give (a fraction, or below lo): probability 0
  } else {
    counts = declared.values.map((v) => categories.get(v) ?? 0);
    probs = [...declared.probs];
    const known = new Set(declared.values);
    let other = uncounted;
    for (const [v, c] of categories) if (!known.has(v)) other += c;
    counts.push(other);
    probs.push(0);
  }
  const total = probs.reduce((a, b) => a + b, 0);
  probs = probs.map((p) => p / total);
  const r = chiSquare(counts, probs);
  const p = Number.isFinite(r.stat) ? gammaQ(r.df / 2, r.stat / 2) : 0;
  return {
    ...base,
    test: `chi-square, α = ${ALPHA}`,
    measured: `χ² = ${g(r.stat)} (critical ${g(r.critical)}, df ${r.df}), p = ${g(p, 3)}, n = ${n}`,
    verdict: r.stat < r.critical ? "pass" : "fail",
    values: { chi2: r.stat, critical: r.critical, df: r.df, p, n },
  };
}

/** The share of nulls against `@null(p)`. */
export function nullLine(nulls: number, cells: number, declared: number): CheckLine {
  if (cells === 0) return { what: "nulls", test: "none", declared: pct(declared), measured: "no cells", verdict: "warn" };
  const s = share(nulls, cells, declared);
  return {
    what: "nulls",
    test: `binomial share, |z| < ${SHARE_Z} (α = ${ALPHA})`,
    declared: pct(declared),
    measured: `${pct(s.observed)} (${nulls} of ${cells}), z = ${g(s.z, 3)}`,
    verdict: s.z < SHARE_Z ? "pass" : "fail",
    values: { share: s.observed, expected: declared, z: s.z, nulls, cells },
  };
}

export const pct = (x: number) => `${g(x * 100, 4)}%`;
