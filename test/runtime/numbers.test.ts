import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clamp, formatDecimal, formatFloat, roundHalfEven } from "../../runtime/text/numbers.js";

/** Half-even on the shortest decimal text of x, done with BigInt: the reference. */
function reference(x: number, digits: number): string {
  const neg = x < 0;
  const s = String(Math.abs(x));
  const [mant, expPart] = s.split("e");
  const exp = expPart ? Number(expPart) : 0;
  const [ip, fp = ""] = mant.split(".");
  let digitsStr = ip + fp;
  let point = ip.length + exp;
  while (point < 1) {
    digitsStr = "0" + digitsStr;
    point++;
  }
  while (digitsStr.length < point + digits + 1) digitsStr += "0";
  const kept = BigInt(digitsStr.slice(0, point + digits));
  const tail = digitsStr.slice(point + digits);
  const cmp = tail[0] > "5" ? 1 : tail[0] < "5" ? -1 : /[1-9]/.test(tail.slice(1)) ? 1 : 0;
  const n = cmp > 0 || (cmp === 0 && kept % 2n === 1n) ? kept + 1n : kept;
  const t = n.toString().padStart(digits + 1, "0");
  const out = digits > 0 ? t.slice(0, t.length - digits) + "." + t.slice(t.length - digits) : t;
  return neg && n !== 0n ? "-" + out : out;
}

describe("roundHalfEven", () => {
  it("rounds ties on the decimal value to even", () => {
    expect(roundHalfEven(2.675, 2)).toBe(2.68);
    expect(roundHalfEven(1.005, 2)).toBe(1);
    expect(roundHalfEven(1.015, 2)).toBe(1.02);
    expect(roundHalfEven(0.125, 2)).toBe(0.12);
    expect(roundHalfEven(0.375, 2)).toBe(0.38);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(-2.5)).toBe(-2);
    expect(roundHalfEven(-0.001, 2)).toBe(0);
    expect(Object.is(roundHalfEven(-0.001, 2), -0)).toBe(false);
    expect(roundHalfEven(250, -2)).toBe(200);
    expect(roundHalfEven(350, -2)).toBe(400);
    expect(roundHalfEven(1234.5678, 2)).toBe(1234.57);
    expect(roundHalfEven(1e300, 2)).toBe(1e300);
  });
  it("agrees with a BigInt reference on random decimals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 19 }),
        (m, e, digits) => {
          const x = m / 10 ** e; // many exact ties such as 2.675
          expect(formatDecimal(roundHalfEven(x, digits), digits)).toBe(reference(x, digits));
          expect(formatDecimal(x, digits)).toBe(reference(x, digits));
        },
      ),
      { numRuns: 20_000, seed: 9 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, digits) => {
        expect(formatDecimal(x, digits)).toBe(reference(x, digits));
      }),
      { numRuns: 20_000, seed: 10 },
    );
  });
});

describe("formatDecimal", () => {
  it("writes exactly `scale` digits", () => {
    expect(formatDecimal(-0, 2)).toBe("0.00");
    expect(formatDecimal(-0.001, 2)).toBe("0.00");
    expect(formatDecimal(3, 2)).toBe("3.00");
    expect(formatDecimal(-3.1, 3)).toBe("-3.100");
    expect(formatDecimal(0.05, 1)).toBe("0.0");
    expect(formatDecimal(12.5, 0)).toBe("12");
    expect(formatDecimal(0.000001, 6)).toBe("0.000001");
    expect(formatDecimal(1e20, 2)).toBe("100000000000000000000.00");
    expect(formatDecimal(123.456, 18)).toBe("123.456000000000000000");
    expect(formatDecimal(53101462129.1, 6)).toBe("53101462129.100000");
    expect(formatDecimal(-9.99999999999999999e25, 1)).toBe("-100000000000000000000000000.0");
    expect(formatDecimal(0.5e-20, 20)).toBe("0.00000000000000000000");
    expect(formatDecimal(1.5e-20, 20)).toBe("0.00000000000000000002");
    expect(formatDecimal(-1e-30, 17)).toBe("0.00000000000000000");
  });
});

describe("formatFloat and clamp", () => {
  it("is String(v) without exponents in [1e-6, 1e21)", () => {
    expect(formatFloat(1e-6)).toBe("0.000001");
    expect(formatFloat(1e20)).toBe("100000000000000000000");
    expect(formatFloat(-0)).toBe("0");
    expect(formatFloat(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(clamp(5, 0, 3)).toBe(3);
    expect(clamp(-1, 0, 3)).toBe(0);
    expect(clamp(2, 0, 3)).toBe(2);
  });
});
