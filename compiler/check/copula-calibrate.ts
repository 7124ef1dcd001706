/**
 * The latent correlation that gives a pair of correlated columns its target Spearman correlation,
 * ties included.
 *
 * For continuous draws the answer is Pearson's 2·sin(π·ρ/6). A discrete draw (a weighted choice, an
 * enum, poisson, zipf, a small integer range, bernoulli) has ties, which pull the measured rank
 * correlation towards 0 (a three-level enum at −0.4 measures about −0.36). The measured Spearman
 * correlation of a large sample is the Pearson correlation of the two columns' mid-CDF scores
 * g(Z) = P(X < x) + P(X = x)/2, taken as functions of the latent normals. Expanding each score in
 * normalised Hermite polynomials, g(z) = Σ c_k·h_k(z), gives Corr(g₁(Z₁), g₂(Z₂)) = Σ c_k·d_k·r^k / (σ₁σ₂)
 * for latent correlation r (Mehler's formula). For a step function the coefficients are exact sums over
 * its jumps (Stein's identity: c_k = Σ Δᵢ·φ(tᵢ)·h_{k−1}(tᵢ)/√k); for Φ they are integrated numerically.
 * The target is then met by bisection on r.
 */
import type { Expr } from "../ir/ir.js";
import { invPhi } from "../../runtime/rng/inverse.js";

/** Terms of the Hermite series: r^K is negligible for any |r| ≤ 0.99 at this length. */
const TERMS = 1200;
/** Draws with more levels than this are treated as continuous (their ties are negligible). */
const MAX_LEVELS = 2000;

/** A member's score as a function of its latent normal: continuous (Φ) or steps with these level probabilities. */
export type Margin = { readonly kind: "continuous" } | { readonly kind: "steps"; readonly probs: readonly number[] };

/** The shape of a source draw's distribution when its parameters are constants. */
export function marginOf(source: Expr, flip: boolean): Margin {
  const probs = levels(source);
  if (!probs || probs.length > MAX_LEVELS) return { kind: "continuous" };
  return { kind: "steps", probs: flip ? [...probs].reverse() : probs };
}

function constArgs(e: Extract<Expr, { k: "gen" }>): number[] | undefined {
  const out: number[] = [];
  for (const a of e.args) {
    if (a.k !== "const" || typeof a.v !== "number") return undefined;
    out.push(a.v);
  }
  return out;
}

function levels(e: Expr): number[] | undefined {
  if (e.k === "choice") {
    const n = e.choices.values.length;
    if (!e.choices.weights) return new Array<number>(n).fill(1 / n);
    const total = e.choices.weights.reduce((a, b) => a + b, 0);
    return e.choices.weights.map((w) => w / total);
  }
  if (e.k !== "gen") return undefined;
  const a = constArgs(e);
  if (!a) return undefined;
  switch (e.fn) {
    case "bernoulli":
      return [1 - a[0]!, a[0]!];
    case "uniformInt": {
      if (e.t.type.kind === "timestamp") return undefined;
      const n = a[1]! - a[0]! + 1;
      return n > MAX_LEVELS ? undefined : new Array<number>(n).fill(1 / n);
    }
    case "poisson": {
      const lambda = a[0]!;
      if (!(lambda > 0) || lambda > 500) return undefined;
      const out: number[] = [];
      let p = Math.exp(-lambda);
      let cdf = 0;
      for (let k = 0; cdf < 1 - 1e-13 && k < MAX_LEVELS; k++) {
        out.push(p);
        cdf += p;
        p *= lambda / (k + 1);
      }
      return out;
    }
    case "zipf": {
      const [s, n] = [a[0]!, a[1]!];
      if (!(n >= 1)) return undefined;
      const m = Math.min(n, MAX_LEVELS);
      const w: number[] = [];
      for (let k = 1; k <= m; k++) w.push(Math.pow(k, -s));
      // Levels beyond MAX_LEVELS (each rarer than the last kept one) are lumped into one.
      let tail = 0;
      if (n > m) tail = harmonicTail(s, m, n);
      const total = w.reduce((x, y) => x + y, 0) + tail;
      const probs = w.map((x) => x / total);
      if (tail > 0) probs.push(tail / total);
      return probs;
    }
    default:
      return undefined;
  }
}

/** Σ_{k=m+1}^{n} k^-s by the integral with end corrections. */
function harmonicTail(s: number, m: number, n: number): number {
  const f = (x: number) => (s === 1 ? Math.log(x) : Math.pow(x, 1 - s) / (1 - s));
  return f(n + 0.5) - f(m + 0.5);
}

const PHI0 = 1 / Math.sqrt(2 * Math.PI);
const density = (t: number) => PHI0 * Math.exp((-t * t) / 2);

/** The normalised Hermite coefficients c_1..c_K of a margin's score, divided by its standard deviation. */
export function coefficients(m: Margin): Float64Array {
  const c = new Float64Array(TERMS + 1);
  if (m.kind === "continuous") {
    // c_k = E[φ(Z)·h_{k−1}(Z)]/√k, integrated on a fine grid; σ² of Φ(Z) is 1/12.
    const step = 0.005;
    for (let z = -12; z <= 12; z += step) {
      const w = density(z) * density(z) * step;
      let h0 = 1;
      let h1 = z;
      c[1]! += w * h0;
      for (let k = 2; k <= TERMS; k++) {
        c[k]! += (w * h1) / Math.sqrt(k);
        const h2 = (z * h1 - Math.sqrt(k - 1) * h0) / Math.sqrt(k);
        h0 = h1;
        h1 = h2;
      }
    }
    const sigma = Math.sqrt(1 / 12);
    for (let k = 1; k <= TERMS; k++) c[k]! /= sigma;
    return c;
  }
  const probs = m.probs;
  let cum = 0;
  let mean = 0;
  let square = 0;
  const scores: number[] = [];
  for (const p of probs) {
    const g = cum + p / 2;
    scores.push(g);
    mean += p * g;
    square += p * g * g;
    cum += p;
  }
  const sigma = Math.sqrt(Math.max(square - mean * mean, 1e-300));
  cum = 0;
  for (let i = 0; i + 1 < probs.length; i++) {
    cum += probs[i]!;
    if (cum <= 0 || cum >= 1) continue;
    const t = invPhi(cum);
    const jump = scores[i + 1]! - scores[i]!;
    const w = jump * density(t);
    // h_{k−1}(t) by the stable recurrence h_{k+1} = (t·h_k − √k·h_{k−1})/√(k+1).
    let h0 = 1;
    let h1 = t;
    c[1]! += w * h0;
    for (let k = 2; k <= TERMS; k++) {
      c[k]! += (w * h1) / Math.sqrt(k);
      const h2 = (t * h1 - Math.sqrt(k - 1) * h0) / Math.sqrt(k);
      h0 = h1;
      h1 = h2;
    }
  }
  for (let k = 1; k <= TERMS; k++) c[k]! /= sigma;
  return c;
}

/** The Spearman correlation two margins measure under latent correlation r. */
export function spearmanAt(r: number, a: Float64Array, b: Float64Array): number {
  let sum = 0;
  let rk = 1;
  for (let k = 1; k <= TERMS; k++) {
    rk *= r;
    sum += a[k]! * b[k]! * rk;
  }
  return sum;
}

/**
 * The latent correlation in [−1, 1] whose measured Spearman correlation is `target`; the nearest end
 * when the margins cannot reach it (two draws with few levels cannot reach ±1).
 */
export function latentFor(target: number, a: Float64Array, b: Float64Array): number {
  if (target === 0) return 0;
  if (Math.abs(target) >= 1) return Math.sign(target);
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (spearmanAt(mid, a, b) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
