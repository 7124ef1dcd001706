/** Draws without replacement (runtime/keys/distinct.ts): bijections keyed by (key, group). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctAt, sampleRows } from "../../runtime/keys/distinct.js";

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const group = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));

/** Elements 0..size-1 of the bijection. */
const order = (key: number, g: number, size: number) =>
  Array.from({ length: size }, (_, k) => distinctAt(key, g, k, size));

describe("distinctAt", () => {
  it("its first size elements are a permutation of [0, size)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), u32, group, (size, key, g) => {
        const seen = new Uint8Array(size);
        let hits = 0;
        for (let k = 0; k < size; k++) {
          const x = distinctAt(key, g, k, size);
          if (Number.isInteger(x) && x >= 0 && x < size && seen[x] === 0) hits++;
          seen[x] = 1;
        }
        expect(hits).toBe(size);
      }),
      { seed: 7, numRuns: 80 },
    );
  });
  it("different groups and different keys give different orders", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 2000 }), u32, group, group, (size, key, g1, g2) => {
        fc.pre(g1 !== g2);
        expect(order(key, g1, size)).not.toEqual(order(key, g2, size));
        expect(order(key, g1, size)).not.toEqual(order(key ^ 1, g1, size));
      }),
      { seed: 8, numRuns: 80 },
    );
  });
  it("groups past 2^32 with the same low bits still differ", () => {
    const size = 1000;
    expect(order(3, 5, size)).not.toEqual(order(3, 5 + 2 ** 32, size));
  });
  it("is deterministic and spreads the first pick of each group evenly", () => {
    expect(distinctAt(11, 42, 3, 100)).toBe(distinctAt(11, 42, 3, 100));
    const size = 10;
    const counts = new Array<number>(size).fill(0);
    const groups = 20_000;
    for (let g = 0; g < groups; g++) counts[distinctAt(99, g, 0, size)]++;
    for (const c of counts) expect(Math.abs(c - groups / size)).toBeLessThan(6 * Math.sqrt(groups / size));
  });
  it("stays distinct over samples of huge tables", () => {
    for (const size of [2 ** 52, 2 ** 52 - 1, 1e15 + 7, 2 ** 33 + 1]) {
      const seen = new Set<number>();
      let ok = 0;
      for (let k = 0; k < 20_000; k++) {
        const x = distinctAt(5, 77, size - 1 - k * 7919, size);
        if (Number.isInteger(x) && x >= 0 && x < size) ok++;
        seen.add(x);
      }
      expect(ok).toBe(20_000);
      expect(seen.size).toBe(20_000);
    }
  });
  it("handles size 1 and 2", () => {
    expect(distinctAt(1, 2, 0, 1)).toBe(0);
    expect(order(1, 2, 2).sort()).toEqual([0, 1]);
  });
});

describe("sampleRows", () => {
  it("is the first n elements of the bijection, all distinct", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), u32, group, fc.nat(), (size, key, g, m) => {
        const n = m % (size + 1);
        const rows = sampleRows(key, g, n, size);
        expect(rows).toEqual(order(key, g, n === 0 ? 0 : size).slice(0, n));
        expect(new Set(rows).size).toBe(n);
      }),
      { seed: 9, numRuns: 80 },
    );
  });
});
