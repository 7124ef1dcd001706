/**
 * The string helpers (runtime/text/strings.ts) against an oracle built on `Array.from(s)` (code
 * points), and against `codePointLength`, which `len()` uses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lpad, replaceText, rpad, substr, truncate } from "../../runtime/text/strings.js";
import { codePointLength } from "../../runtime/validators.js";

/** Well-formed strings mixing ASCII, BMP non-ASCII and astral characters. */
const text = fc
  .array(fc.constantFrom("a", "b", ",", " ", "é", "ß", "日", "😀", "𝄞", "\n"), { maxLength: 12 })
  .map((a) => a.join(""));
const cps = (s: string) => Array.from(s);

describe("substr", () => {
  it("takes code points, 0-based, clamped", () => {
    expect(substr("abcdef", 2, 3)).toBe("cde");
    expect(substr("abc", 1, 10)).toBe("bc");
    expect(substr("abc", 5, 1)).toBe("");
    expect(substr("abc", -2, 2)).toBe("ab");
    expect(substr("abc", 1, -1)).toBe("");
    expect(substr("héllo", 1, 3)).toBe("éll");
    expect(substr("a😀b😀c", 1, 3)).toBe("😀b😀");
  });
  it("agrees with slicing the code points", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -3, max: 15 }), fc.integer({ min: -3, max: 15 }), (s, start, len) => {
        const a = cps(s);
        const from = Math.max(0, start);
        expect(substr(s, start, len)).toBe(a.slice(from, from + Math.max(0, len)).join(""));
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});

describe("truncate", () => {
  it("keeps the first n code points", () => {
    expect(truncate("abcdef", 3)).toBe("abc");
    expect(truncate("ab", 5)).toBe("ab");
    expect(truncate("ab", 0)).toBe("");
    expect(truncate("ab", -1)).toBe("");
    expect(truncate("😀ab", 2)).toBe("😀a");
    expect(truncate("😀😀", 1)).toBe("😀");
  });
  it("agrees with the code-point oracle and with len()", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 15 }), (s, n) => {
        const t = truncate(s, n);
        expect(t).toBe(cps(s).slice(0, Math.max(0, n)).join(""));
        expect(codePointLength(t)).toBe(Math.min(Math.max(0, n), codePointLength(s)));
      }),
      { seed: 2, numRuns: 500 },
    );
  });
});

describe("lpad and rpad", () => {
  it("pad to n code points with the fill repeated and cut", () => {
    expect(lpad("7", 3, "0")).toBe("007");
    expect(lpad("7", 4, "ab")).toBe("aba7");
    expect(rpad("ab", 4)).toBe("ab  ");
    expect(rpad("ab", 5, "xy")).toBe("abxyx");
    expect(lpad("é", 3, "😀")).toBe("😀😀é");
    expect(rpad("x", 4, "😀a")).toBe("x😀a😀");
  });
  it("return a string of n or more code points unchanged, and s under an empty fill", () => {
    expect(lpad("12345", 3, "0")).toBe("12345");
    expect(rpad("12345", 5, "0")).toBe("12345");
    expect(lpad("ab", 5, "")).toBe("ab");
    expect(rpad("ab", 5, "")).toBe("ab");
    expect(lpad("ab", -1)).toBe("ab");
  });
  it("give len() = max(n, len(s)) and keep s at its end or start", () => {
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: -2, max: 20 }),
        text.filter((f) => f !== ""),
        (s, n, fill) => {
          const l = lpad(s, n, fill);
          const r = rpad(s, n, fill);
          const want = Math.max(n, codePointLength(s));
          expect(codePointLength(l)).toBe(want);
          expect(codePointLength(r)).toBe(want);
          expect(l.endsWith(s)).toBe(true);
          expect(r.startsWith(s)).toBe(true);
          const pad = cps(fill.repeat(want + 1))
            .slice(0, want - codePointLength(s))
            .join("");
          expect(l).toBe(pad + s);
          expect(r).toBe(s + pad);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });
});

describe("replaceText", () => {
  it("replaces every literal occurrence, left to right, without overlaps", () => {
    expect(replaceText("a.b.c", ".", "-")).toBe("a-b-c");
    expect(replaceText("aaa", "aa", "b")).toBe("ba");
    expect(replaceText("1$", "$", "$$")).toBe("1$$");
    expect(replaceText("a+b", "+", "$&")).toBe("a$&b");
    expect(replaceText("x.*y", ".*", "")).toBe("xy");
    expect(replaceText("abc", "", "z")).toBe("abc");
    expect(replaceText("abc", "d", "z")).toBe("abc");
    expect(replaceText("😀a😀", "😀", "b")).toBe("bab");
  });
  it("agrees with String#replaceAll under a function replacer", () => {
    fc.assert(
      fc.property(
        text,
        text.filter((f) => f !== ""),
        text,
        (s, from, to) => {
          expect(replaceText(s, from, to)).toBe(s.replaceAll(from, () => to));
        },
      ),
      { seed: 4, numRuns: 500 },
    );
  });
});
