import { describe, expect, it } from "vitest";
import {
  bernoulli,
  beta,
  exponential,
  gamma,
  lognormal,
  normal,
  normalPartner,
  poisson,
  uniformFloat,
  uniformInt,
  zipf,
  Zipf,
} from "../../runtime/rng/distributions.js";
import { chiCrit, chiSquare, ks, ksCrit, meanVar, phi, sample, streams } from "./stats.js";

const N = 100_000;

function expectMoments(xs: Float64Array, mean: number, variance: number, tol = 5): void {
  const m = meanVar(xs);
  const se = Math.sqrt(variance / xs.length);
  expect(Math.abs(m.mean - mean)).toBeLessThan(tol * se);
  expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
}

function counts(xs: Float64Array, size: number, offset = 0): Float64Array {
  const c = new Float64Array(size);
  for (const x of xs) if (x - offset >= 0 && x - offset < size) c[x - offset]++;
  return c;
}

describe("uniform", () => {
  it("uniformInt is inclusive and flat", () => {
    const xs = sample("ui", N, (t) => uniformInt(t, 1, 6));
    const c = counts(xs, 6, 1);
    expect(c.reduce((a, b) => a + b)).toBe(N);
    const r = chiSquare(c, new Array(6).fill(1 / 6), N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("uniformInt over a wide range", () => {
    const xs = sample("uiw", N, (t) => uniformInt(t, -5e11, 5e11));
    expectMoments(xs, 0, 1e24 / 12);
    expect(xs.every((x) => Number.isInteger(x) && x >= -5e11 && x <= 5e11)).toBe(true);
  });
  it("uniformFloat passes KS", () => {
    const xs = sample("uf", N, (t) => uniformFloat(t, 2, 5));
    expect(ks(xs, (x) => (x - 2) / 3)).toBeLessThan(ksCrit(N));
  });
});

describe("continuous", () => {
  it("normal: moments and KS", () => {
    const xs = sample("n", N, (t) => normal(t, 10, 2));
    expectMoments(xs, 10, 4);
    expect(ks(xs, (x) => phi((x - 10) / 2))).toBeLessThan(ksCrit(N));
  });
  it("normalPartner is normal and uncorrelated with normal", () => {
    const ts = streams("np", N);
    const a = new Float64Array(N);
    const b = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      a[i] = normal(ts[i], 0, 1);
      b[i] = normalPartner(ts[i], 0, 1);
    }
    expect(ks(b, phi)).toBeLessThan(ksCrit(N));
    let cov = 0;
    for (let i = 0; i < N; i++) cov += a[i] * b[i];
    expect(Math.abs(cov / N)).toBeLessThan(5 / Math.sqrt(N));
  });
  it("lognormal", () => {
    const xs = sample("ln", N, (t) => lognormal(t, 0, 0.5));
    expectMoments(xs, Math.exp(0.125), (Math.exp(0.25) - 1) * Math.exp(0.25));
  });
  it("exponential: KS", () => {
    const xs = sample("ex", N, (t) => exponential(t, 0.5));
    expectMoments(xs, 2, 4);
    expect(ks(xs, (x) => 1 - Math.exp(-0.5 * x))).toBeLessThan(ksCrit(N));
  });
  it("gamma k ≥ 1 and k < 1", () => {
    expectMoments(
      sample("g1", N, (t) => gamma(t, 2.5, 2)),
      5,
      10,
    );
    expectMoments(
      sample("g2", N, (t) => gamma(t, 0.3, 1)),
      0.3,
      0.3,
    );
    expect(sample("g3", 1000, (t) => gamma(t, 0.01, 1)).every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
  });
  it("beta", () => {
    expectMoments(
      sample("b1", N, (t) => beta(t, 2, 5)),
      2 / 7,
      10 / (49 * 8),
    );
    expectMoments(
      sample("b2", N, (t) => beta(t, 0.5, 0.5)),
      0.5,
      1 / 8,
    );
    const tiny = sample("b3", 1000, (t) => beta(t, 0.001, 0.001));
    expect(tiny.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});

describe("discrete", () => {
  it("bernoulli", () => {
    const xs = sample("be", N, (t) => (bernoulli(t, 0.3) ? 1 : 0));
    expectMoments(xs, 0.3, 0.21);
  });
  it("poisson small λ: pmf by chi-square", () => {
    const lambda = 2.1;
    const xs = sample("p1", N, (t) => poisson(t, lambda));
    const pmf: number[] = [];
    let p = Math.exp(-lambda);
    for (let k = 0; k < 15; k++) {
      pmf.push(p);
      p *= lambda / (k + 1);
    }
    const r = chiSquare(counts(xs, 15), pmf, N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("poisson large λ (PTRS): moments and pmf", () => {
    const xs = sample("p2", N, (t) => poisson(t, 50));
    expectMoments(xs, 50, 50);
    const pmf: number[] = [];
    let lp = -50;
    for (let k = 0; k < 120; k++) {
      pmf.push(Math.exp(lp));
      lp += Math.log(50) - Math.log(k + 1);
    }
    const r = chiSquare(counts(xs, 120), pmf, N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
    expectMoments(
      sample("p3", N, (t) => poisson(t, 1e6)),
      1e6,
      1e6,
    );
    expect(poisson(123, 0)).toBe(0);
  });
  it("zipf: exact pmf for small n", () => {
    const n = 10;
    const s = 1.1;
    const xs = sample("z1", N, (t) => zipf(t, s, n));
    let h = 0;
    for (let k = 1; k <= n; k++) h += k ** -s;
    const pmf = Array.from({ length: n }, (_, i) => (i + 1) ** -s / h);
    const r = chiSquare(counts(xs, n, 1), pmf, N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("zipf: huge n, s = 1.5 and uniform s = 0", () => {
    const z = new Zipf(1.5, 1e12);
    const xs = sample("z2", N, (t) => z.sample(t));
    const ones = xs.filter((x) => x === 1).length / N;
    // P(1) = 1 / ζ(1.5) for n → ∞.
    expect(Math.abs(ones - 1 / 2.612375348685488)).toBeLessThan(0.005);
    expect(xs.every((x) => Number.isInteger(x) && x >= 1 && x <= 1e12)).toBe(true);
    const u = sample("z3", N, (t) => zipf(t, 0, 5));
    const r = chiSquare(counts(u, 5, 1), new Array(5).fill(0.2), N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("is deterministic in t", () => {
    for (const t of [0, 1, 0xffffffff, 123456789]) {
      expect(normal(t, 0, 1)).toBe(normal(t, 0, 1));
      expect(poisson(t, 77)).toBe(poisson(t, 77));
      expect(gamma(t, 0.5, 1)).toBe(gamma(t, 0.5, 1));
      expect(zipf(t, 1.2, 1000)).toBe(new Zipf(1.2, 1000).sample(t));
    }
  });
});
