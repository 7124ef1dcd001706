import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compilePattern,
  genPattern,
  isFixedPattern,
  patternLength,
  patternRegExpSource,
  patternSpace,
  UniquePattern,
  type PatternSpec,
} from "../../runtime/text/pattern.js";
import { streams } from "./stats.js";

function spec(src: string): PatternSpec {
  const r = compilePattern(src);
  if (!r.ok) throw new Error(`${r.error} at ${r.offset}`);
  return r.spec;
}

describe("compilePattern", () => {
  it("parses literals, sets, escapes and quantifiers into plain data", () => {
    expect(spec("SN-[0-9A-F]{8}")).toEqual({
      segments: [
        { kind: "lit", text: "SN-" },
        { kind: "set", chars: "0123456789ABCDEF", min: 8, max: 8 },
      ],
    });
    expect(spec("\\d{2}\\.x?[-a-c]")).toEqual({
      segments: [
        { kind: "set", chars: "0123456789", min: 2, max: 2 },
        { kind: "lit", text: "." },
        { kind: "set", chars: "x", min: 0, max: 1 },
        { kind: "set", chars: "-abc", min: 1, max: 1 },
      ],
    });
    expect(spec("^ab{3}$")).toEqual({ segments: [{ kind: "lit", text: "abbb" }] });
    const s = spec("[A-Z]{3}-[0-9]{4}");
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
  it.each([
    ["[A-Z]*", 5, "Unbounded"],
    ["a+", 1, "Unbounded"],
    ["a{2,}", 1, "Unbounded"],
    ["a|b", 1, "alternation"],
    ["(ab)", 0, "alternation"],
    ["a.b", 1, "'.'"],
    ["[^a]", 1, "Negated"],
    ["[z-a]", 1, "reversed"],
    ["[abc", 0, "Unclosed set"],
    ["[]", 0, "Empty set"],
    ["{3}", 0, "Nothing to repeat"],
    ["a{3}{2}", 4, "Nothing to repeat"],
    ["a{5,2}", 1, "maximum below"],
    ["a{x}", 1, "Bad repeat"],
    ["\\q", 0, "Unknown escape"],
    ["ab\\", 2, "lone"],
    ["a]", 1, "Unmatched"],
    ["a{99999}", 1, "limit"],
  ])("rejects %s at %i", (src, offset, msg) => {
    const r = compilePattern(src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.offset).toBe(offset);
      expect(r.error).toContain(msg);
    }
  });
});

describe("space and length", () => {
  it("counts distinct strings", () => {
    expect(patternSpace(spec("[A-Z]{3}-[0-9]{4}"))).toBe(26 ** 3 * 10 ** 4);
    expect(patternSpace(spec("ab"))).toBe(1);
    expect(patternSpace(spec("[ab]{1,2}"))).toBe(6);
    expect(patternSpace(spec("\\w{5000}"))).toBe(Number.MAX_VALUE);
    expect(patternLength(spec("x[ab]{1,2}-[0-9]?"))).toEqual({ min: 3, max: 5 });
  });
});

describe("genPattern", () => {
  const sources = [
    "[A-Z]{3}-[0-9]{4}",
    "SN-[0-9A-F]{8}",
    "[1-8][0-9]{2}-[0-9]{2}-[0-9]{4}",
    "\\w{1,6}\\.?x?[\\-\\]]{0,3}",
    "a\\[b\\\\ \\s",
  ];
  it.each(sources)("matches the equivalent RegExp: %s", (src) => {
    const s = spec(src);
    const re = new RegExp(patternRegExpSource(s));
    const seen = new Set<string>();
    let bad = 0;
    for (const t of streams(src, 5000)) {
      const x = genPattern(s, t);
      if (!re.test(x)) bad++;
      seen.add(x);
    }
    expect(bad).toBe(0);
    if (isFixedPattern(s) && patternSpace(s) > 1e6) expect(seen.size).toBeGreaterThan(4990);
  });
  it("draws characters uniformly", () => {
    const s = spec("[abc]");
    const c = new Map<string, number>();
    for (const t of streams("u", 30000)) c.set(genPattern(s, t), (c.get(genPattern(s, t)) ?? 0) + 1);
    for (const k of "abc") expect(Math.abs(c.get(k)! / 30000 - 1 / 3)).toBeLessThan(0.015);
  });
});

describe("UniquePattern", () => {
  it("is unique over the whole of a small space", () => {
    const s = spec("X[0-2]{2}-[ab]");
    const u = new UniquePattern(s, 7);
    const all = Array.from({ length: 18 }, (_, i) => u.at(i));
    expect(new Set(all).size).toBe(18);
    expect(() => u.at(18)).toThrow(RangeError);
  });
  it("is unique and well-formed over many rows, below and above 2^52", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("[A-Z]{3}-[0-9]{4}", "SN-[0-9A-F]{8}", "[a-z]{20}", "\\d{30}", "[0-9]{6}"),
        fc.nat(),
        (src, key) => {
          const s = spec(src);
          const u = new UniquePattern(s, key);
          const re = new RegExp(patternRegExpSource(s));
          const n = Math.min(100_000, patternSpace(s));
          const seen = new Set<string>();
          let bad = 0;
          for (let r = 0; r < n; r++) {
            const x = u.at(r);
            if (!re.test(x)) bad++;
            seen.add(x);
          }
          expect(bad).toBe(0);
          expect(seen.size).toBe(n);
          expect(u.at(12345 % n)).toBe(new UniquePattern(s, key).at(12345 % n));
        },
      ),
      { numRuns: 6, seed: 5 },
    );
  });
  it("refuses variable repeats", () => {
    expect(isFixedPattern(spec("[a-z]{1,3}"))).toBe(false);
    expect(() => new UniquePattern(spec("[a-z]{1,3}"), 1)).toThrow(/fixed repeat/);
  });
});
