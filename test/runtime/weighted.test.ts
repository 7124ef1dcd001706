import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WeightedTable } from "../../runtime/rng/weighted.js";
import { chiCrit, chiSquare, streams } from "./stats.js";

const N = 200_000;

function proportions(weights: number[], name: string, n = N): { counts: Float64Array; probs: number[] } {
  const table = new WeightedTable(weights);
  const counts = new Float64Array(weights.length);
  const ts = streams(name, n);
  for (let i = 0; i < n; i++) counts[table.pick(ts[i])]++;
  const sum = weights.reduce((a, b) => a + b, 0);
  return { counts, probs: weights.map((w) => w / sum) };
}

describe("WeightedTable", () => {
  it("matches the weights (chi-square, within 0.5 points)", () => {
    const weights = [0.5, 0.3, 0.15, 0.04, 0.01];
    const { counts, probs } = proportions(weights, "w1");
    for (let i = 0; i < weights.length; i++) expect(Math.abs(counts[i] / N - probs[i])).toBeLessThan(0.005);
    const r = chiSquare(counts, probs, N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("never picks a zero weight", () => {
    const { counts } = proportions([0, 3, 0, 1, 0], "w2", 50_000);
    expect(counts[0] + counts[2] + counts[4]).toBe(0);
    expect(Math.abs(counts[1] / 50_000 - 0.75)).toBeLessThan(0.01);
  });
  it("handles one entry and many entries", () => {
    expect(proportions([7], "w3", 100).counts[0]).toBe(100);
    const weights = Array.from({ length: 1000 }, (_, i) => i + 1);
    const { counts, probs } = proportions(weights, "w4");
    const r = chiSquare(counts, probs, N);
    expect(r.stat).toBeLessThan(chiCrit(r.df));
  });
  it("random tables: in range and proportions within 0.5 points", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }), (ws) => {
        fc.pre(ws.some((w) => w > 0));
        const { counts, probs } = proportions(ws, "w5", 20_000);
        for (let i = 0; i < ws.length; i++) {
          if (ws[i] === 0) expect(counts[i]).toBe(0);
          expect(Math.abs(counts[i] / 20_000 - probs[i])).toBeLessThan(0.015);
        }
      }),
      { numRuns: 30, seed: 1 },
    );
  });
  it("one-draw tables (≤ 128 entries) and two-draw tables on both sides of the bound", () => {
    for (const n of [3, 5, 127, 128, 129, 130]) {
      const weights = Array.from({ length: n }, (_, i) => ((i * 7919) % 13) + (i % 5 === 0 ? 0 : 0.5));
      const { counts, probs } = proportions(weights, `w6-${n}`, 400_000);
      for (let i = 0; i < n; i++) if (weights[i] === 0) expect(counts[i]).toBe(0);
      const r = chiSquare(counts, probs, 400_000);
      expect(r.stat).toBeLessThan(chiCrit(r.df));
    }
  });
  it("small probabilities in a one-draw table", () => {
    const n = 1_000_000;
    const { counts } = proportions([1, 1e-3, 1e-4, 0, 2], "w7", n);
    const p = [1 / 3.0011, 1e-3 / 3.0011, 1e-4 / 3.0011, 0, 2 / 3.0011];
    for (let i = 0; i < 5; i++) expect(Math.abs(counts[i] - p[i] * n)).toBeLessThanOrEqual(5 * Math.sqrt(p[i] * n));
  });
  it("rejects bad weights", () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([0, 0])).toThrow(RangeError);
    expect(() => new WeightedTable([1, -1])).toThrow(RangeError);
    expect(() => new WeightedTable([1, NaN])).toThrow(RangeError);
  });
});
