import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cell, columnKey, sub, u32 } from "../../runtime/rng/stream.js";

describe("stream bijections", () => {
  it("cell, sub and u32(t, 0) never repeat over consecutive rows for a fixed key", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 2 ** 32 - 50_001 }),
        fc.nat(20),
        (key, start, slot) => {
          const seenCell = new Set<number>();
          const seenSub = new Set<number>();
          const seenU = new Set<number>();
          for (let r = start; r < start + 50_000; r++) {
            const s = cell(key, r, 0);
            seenCell.add(s);
            seenSub.add(sub(s, slot));
            seenU.add(u32(sub(s, slot), 0));
          }
          expect(seenCell.size).toBe(50_000);
          expect(seenSub.size).toBe(50_000);
          expect(seenU.size).toBe(50_000);
        },
      ),
      { numRuns: 5, seed: 7 },
    );
  });
  it("is deterministic and depends on the names", () => {
    expect(columnKey(42, "a", "b")).toBe(columnKey(42, "a", "b"));
    expect(columnKey(42, "a", "b")).not.toBe(columnKey(42, "a", "c"));
    expect(columnKey(42n, "a", "b")).toBe(columnKey(42, "a", "b"));
  });
});
