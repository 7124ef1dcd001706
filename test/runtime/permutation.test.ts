import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Permutation } from "../../runtime/keys/permutation.js";

describe("Permutation", () => {
  it("is a bijection on [0, size) for random sizes up to 5000", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 0xffffffff }), (size, key) => {
        const p = new Permutation(size, key);
        const seen = new Uint8Array(size);
        let hits = 0;
        for (let i = 0; i < size; i++) {
          const x = p.at(i);
          if (Number.isInteger(x) && x >= 0 && x < size && seen[x] === 0) hits++;
          seen[x] = 1;
        }
        expect(hits).toBe(size);
      }),
      { numRuns: 60, seed: 3 },
    );
  });
  it("is distinct over samples for huge sizes", () => {
    for (const size of [2 ** 52, 2 ** 52 - 1, 1e15 + 7, 2 ** 33 + 1]) {
      const p = new Permutation(size, 99);
      const seen = new Set<number>();
      let ok = 0;
      for (let i = 0; i < 20_000; i++) {
        const x = p.at(size - 1 - i * 7919);
        if (x >= 0 && x < size && Number.isInteger(x)) ok++;
        seen.add(x);
      }
      expect(ok).toBe(20_000);
      expect(seen.size).toBe(20_000);
    }
  });
  it("is deterministic, keyed, and not the identity", () => {
    const a = new Permutation(1000, 5);
    const b = new Permutation(1000, 5);
    const c = new Permutation(1000, 6);
    let same = 0;
    let fixed = 0;
    for (let i = 0; i < 1000; i++) {
      expect(a.at(i)).toBe(b.at(i));
      if (a.at(i) === c.at(i)) same++;
      if (a.at(i) === i) fixed++;
    }
    expect(same).toBeLessThan(20);
    expect(fixed).toBeLessThan(20);
  });
  it("rejects bad sizes and indices", () => {
    expect(() => new Permutation(0, 1)).toThrow(RangeError);
    expect(() => new Permutation(2 ** 52 + 1, 1)).toThrow(RangeError);
    expect(() => new Permutation(10, 1).at(10)).toThrow(RangeError);
    expect(new Permutation(1, 1).at(0)).toBe(0);
  });
});
