import { describe, expect, it } from "vitest";
import { normalTail, stdNormal, ZIG_F, ZIG_X } from "../../runtime/rng/ziggurat.js";
import { lognormal, normal } from "../../runtime/rng/distributions.js";
import { chiCrit, chiSquare, ks, ksCrit, meanVar, phi, sample } from "./stats.js";

const N = 100_000;
const R = ZIG_X[1];

describe("Ziggurat normal", () => {
  it("has consistent tables: every layer has the same area", () => {
    const v = ZIG_X[0] * ZIG_F[1];
    // The base layer: rectangle [0, R] × [0, f(R)] plus the tail beyond R, ∫_R^∞ exp(-x²/2) dx.
    const tail = Math.sqrt(2 * Math.PI) * (1 - phi(R));
    expect(Math.abs(R * ZIG_F[1] + tail - v) / v).toBeLessThan(1e-4);
    for (let i = 1; i < 256; i++) expect(Math.abs(ZIG_X[i] * (ZIG_F[i + 1] - ZIG_F[i]) - v) / v).toBeLessThan(1e-8);
    expect(ZIG_X[256]).toBe(0);
    expect(ZIG_F[256]).toBe(1);
  });

  it("passes KS against Φ at 100 000 samples, with mean 0 and variance 1", () => {
    const xs = sample("zig-ks", N, (t) => stdNormal(t, 0));
    expect(ks(xs, phi)).toBeLessThan(ksCrit(N));
    const m = meanVar(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N));
    // Var of the sample variance of a normal is 2/(n-1): 5 standard errors.
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(new Set(xs).size).toBe(N);
  });

  it("matches Φ on 0.1-wide bins at 1 000 000 samples (chi-square), tails included", () => {
    const n = 1_000_000;
    const xs = sample("zig-chi", n, (t) => stdNormal(t, 0));
    const edges: number[] = [];
    for (let k = -45; k <= 45; k++) edges.push(k / 10);
    const counts = new Float64Array(edges.length + 1);
    let negative = 0;
    let beyondR = 0;
    let third = 0;
    let fourth = 0;
    for (const x of xs) {
      let j = Math.floor(x * 10) + 46;
      if (j < 0) j = 0;
      else if (j > edges.length) j = edges.length;
      counts[j]++;
      if (x < 0) negative++;
      if (Math.abs(x) > R) beyondR++;
      third += x * x * x;
      fourth += x * x * x * x;
    }
    const probs = new Float64Array(edges.length + 1);
    probs[0] = phi(edges[0]);
    for (let j = 1; j < edges.length; j++) probs[j] = phi(edges[j]) - phi(edges[j - 1]);
    probs[edges.length] = 1 - phi(edges[edges.length - 1]);
    const r = chiSquare(counts, probs, n);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
    expect(Math.abs(negative / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    const pTail = 2 * (1 - phi(R));
    expect(Math.abs(beyondR - pTail * n)).toBeLessThan(5 * Math.sqrt(pTail * n));
    // Skewness 0 (sd √15/√n) and kurtosis 3 (sd √96/√n).
    expect(Math.abs(third / n)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(fourth / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it("normalTail is the normal conditioned on x > R (KS at 100 000 samples)", () => {
    const q = 1 - phi(R);
    const xs = sample("zig-tail-direct", N, (t) => normalTail(t, 0));
    expect(xs.every((x) => x > R)).toBe(true);
    expect(ks(xs, (x) => 1 - (1 - phi(x)) / q)).toBeLessThan(ksCrit(N));
  });

  it("samples the tail beyond R with the right shape (KS of the conditional distribution)", () => {
    const tail: number[] = [];
    const ts = sample("zig-tail", 4_000_000, (t) => t);
    for (const t of ts) {
      const x = Math.abs(stdNormal(t, 0));
      if (x > R) tail.push(x);
    }
    expect(tail.length).toBeGreaterThan(800);
    const q = 1 - phi(R);
    const d = ks(Float64Array.from(tail), (x) => 1 - (1 - phi(x)) / q);
    expect(d).toBeLessThan(1.95 / Math.sqrt(tail.length));
  });

  it("is a pure function of (t, k0); other k0 give other, uncorrelated values", () => {
    const a = sample("zig-k", N, (t) => stdNormal(t, 0));
    const b = sample("zig-k", N, (t) => stdNormal(t, 0));
    const c = sample("zig-k", N, (t) => stdNormal(t, 100));
    expect(b).toEqual(a);
    expect(ks(c, phi)).toBeLessThan(ksCrit(N));
    let cov = 0;
    for (let i = 0; i < N; i++) cov += a[i] * c[i];
    expect(Math.abs(cov / N)).toBeLessThan(5 / Math.sqrt(N));
  });

  it("drives normal and lognormal", () => {
    for (const t of [0, 1, 0xffffffff, 123456789]) {
      expect(normal(t, 3, 2)).toBe(3 + 2 * stdNormal(t, 0));
      expect(lognormal(t, 1, 0.5)).toBe(Math.exp(1 + 0.5 * stdNormal(t, 0)));
    }
    const xs = sample("zig-ln", N, (t) => Math.log(lognormal(t, 8, 1)));
    expect(ks(xs, (x) => phi(x - 8))).toBeLessThan(ksCrit(N));
  });
});
