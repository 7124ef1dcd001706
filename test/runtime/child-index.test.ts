import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ChildIndex } from "../../runtime/keys/child-index.js";

function naive(counts: number[]): { parent: number; ordinal: number }[] {
  const out: { parent: number; ordinal: number }[] = [];
  counts.forEach((c, p) => {
    for (let k = 0; k < c; k++) out.push({ parent: p, ordinal: k });
  });
  return out;
}

describe("ChildIndex", () => {
  it("locate and cursor agree with a naive prefix sum", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 })), { maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        (counts, block) => {
          const ix = new ChildIndex(counts.length, (p) => counts[p], block);
          const rows = naive(counts);
          expect(ix.total).toBe(rows.length);
          for (let r = 0; r < rows.length; r++) expect(ix.locate(r)).toEqual(rows[r]);
          for (const from of [0, Math.floor(rows.length / 3), rows.length]) {
            const c = ix.cursor(from);
            for (let r = from; r < rows.length; r++) {
              expect({ parent: c.parent, ordinal: c.ordinal }).toEqual(rows[r]);
              c.next();
            }
            expect(c.parent).toBe(counts.length);
          }
          for (let p = 0; p <= counts.length; p++) {
            expect(ix.firstRowOf(p)).toBe(counts.slice(0, p).reduce((a, b) => a + b, 0));
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
  it("handles no parents, all-empty parents and bad rows", () => {
    expect(new ChildIndex(0, () => 1).total).toBe(0);
    const empty = new ChildIndex(1000, () => 0, 16);
    expect(empty.total).toBe(0);
    expect(empty.cursor(0).parent).toBe(1000);
    expect(() => empty.locate(1)).toThrow(RangeError);
    expect(new ChildIndex(3, (p) => p).childCountOf(2)).toBe(2);
  });
});
