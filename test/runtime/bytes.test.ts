/** `random_bytes`, `hex` and `unhex` (runtime/bytes.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hex, randomBytes, unhex } from "../../runtime/bytes.js";
import { u32 } from "../../runtime/rng/stream.js";

describe("randomBytes", () => {
  it("takes draw k's four bytes, low byte first", () => {
    const b = randomBytes(12345, 6);
    const w0 = u32(12345, 0);
    const w1 = u32(12345, 1);
    expect([...b]).toEqual([w0 & 255, (w0 >>> 8) & 255, (w0 >>> 16) & 255, w0 >>> 24, w1 & 255, (w1 >>> 8) & 255]);
  });
  it("is deterministic, a prefix of a longer draw, and differs between streams", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 4, max: 40 }),
        (t, t2, n) => {
          const a = randomBytes(t, n);
          expect(a).toEqual(randomBytes(t, n));
          expect(randomBytes(t, n + 5).subarray(0, n)).toEqual(a);
          if (t !== t2) expect(hex(randomBytes(t2, n))).not.toBe(hex(a)); // draw 0 is a bijection of t
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
  it("gives an empty array for n = 0 and throws on a bad length", () => {
    expect(randomBytes(1, 0).length).toBe(0);
    expect(() => randomBytes(1, -1)).toThrow(RangeError);
    expect(() => randomBytes(1, 1.5)).toThrow(RangeError);
  });
  it("has roughly uniform bytes", () => {
    const counts = new Array<number>(256).fill(0);
    for (let t = 0; t < 1000; t++) for (const x of randomBytes(t * 7919, 64)) counts[x]++;
    const mean = (1000 * 64) / 256;
    for (const c of counts) expect(Math.abs(c - mean)).toBeLessThan(6 * Math.sqrt(mean));
  });
});

describe("hex and unhex", () => {
  it("write lower-case hex and read either case", () => {
    expect(hex(new Uint8Array([0, 255, 16, 9]))).toBe("00ff1009");
    expect(hex(new Uint8Array(0))).toBe("");
    expect([...unhex("00FF10aB")]).toEqual([0, 255, 16, 171]);
    expect(unhex("").length).toBe(0);
  });
  it("round-trip and agree with Buffer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const h = hex(b);
        expect(h).toBe(Buffer.from(b).toString("hex"));
        expect(unhex(h)).toEqual(b);
        expect(unhex(h.toUpperCase())).toEqual(b);
      }),
      { seed: 6, numRuns: 300 },
    );
  });
  it("unhex throws a RangeError on odd length or a non-hex digit, saying which", () => {
    expect(() => unhex("abc")).toThrow(/odd length 3/);
    expect(() => unhex("0g")).toThrow(/"g" at offset 1 is not a hex digit/);
    expect(() => unhex("x0")).toThrow(/"x" at offset 0/);
    expect(() => unhex(" 0")).toThrow(RangeError);
    expect(() => unhex("0:")).toThrow(RangeError); // ':' is just past '9'
    expect(() => unhex("0G")).toThrow(RangeError);
    expect(() => unhex("0@")).toThrow(RangeError); // '@' | 0x20 is '`', just before 'a'
  });
});
