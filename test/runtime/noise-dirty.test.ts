/**
 * The kinds of dirt (runtime/noise/dirty.ts) over many stream states: each changes the value the way
 * language.md §8 says, never splits a surrogate pair, and gives up (undefined) only where no change
 * is possible.
 */
import { describe, expect, it } from "vitest";
import { outlier, reformat, typo } from "../../runtime/noise/dirty.js";
import { cell, columnKey } from "../../runtime/rng/stream.js";

const key = columnKey(1, "t", "c#noise");
const states = Array.from({ length: 3000 }, (_, i) => cell(key, i, 0));

/** No lone surrogate: encoding to UTF-8 and back gives the same string. */
const wellFormed = (s: string) => Buffer.from(s, "utf8").toString("utf8") === s;

/** Removing one code point of `long` gives `short`. */
const dropsTo = (long: string[], short: string[]) =>
  long.some((_, i) => [...long.slice(0, i), ...long.slice(i + 1)].join("") === short.join(""));

describe("typo", () => {
  it("swaps two different neighbours, drops one character or doubles one — each about a third of the time", () => {
    const seen = { swap: 0, drop: 0, double: 0 };
    for (const t of states) {
      const clean = "Johnson";
      const dirty = typo(clean, t)!;
      expect(dirty).not.toBe(clean);
      const [c, d] = [Array.from(clean), Array.from(dirty)];
      if (d.length === c.length) {
        const diff = c.flatMap((x, i) => (x === d[i] ? [] : [i]));
        expect(diff).toHaveLength(2);
        expect(diff[1]! - diff[0]!).toBe(1);
        seen.swap++;
      } else if (d.length < c.length) {
        expect(dropsTo(c, d)).toBe(true);
        seen.drop++;
      } else {
        expect(dropsTo(d, c)).toBe(true);
        seen.double++;
      }
    }
    for (const n of Object.values(seen)) expect(n / states.length).toBeGreaterThan(0.28);
  });

  it("never splits a surrogate pair, and always changes a value it can change", () => {
    for (const t of states.slice(0, 500)) {
      for (const clean of ["😀a", "ab😀", "x", "aaaa", "𝒳𝒴"]) {
        const dirty = typo(clean, t)!;
        expect(dirty).not.toBe(clean);
        expect(wellFormed(dirty), dirty).toBe(true);
      }
    }
    expect(typo("", states[0]!)).toBeUndefined();
  });
});

describe("reformat", () => {
  it("dates: MM/DD/YYYY or DD.MM.YYYY; timestamps likewise with the time, or with a space for the T", () => {
    const dates = new Set(states.slice(0, 200).map((t) => reformat("date", "2024-01-02", t)));
    expect(dates).toEqual(new Set(["01/02/2024", "02.01.2024"]));
    const ts = new Set(states.slice(0, 200).map((t) => reformat("timestamp", "2024-01-02T10:20:30.400Z", t)));
    expect(ts).toEqual(new Set(["01/02/2024 10:20:30.400", "02.01.2024 10:20:30.400", "2024-01-02 10:20:30.400"]));
  });

  it("numbers: grouped, European or with a decimal comma; a small whole number gets '.0'", () => {
    const of = (s: string) => new Set(states.slice(0, 300).map((t) => reformat("number", s, t)));
    expect(of("-1234567.5")).toEqual(new Set(["-1,234,567.5", "-1.234.567,5", "-1234567,5"]));
    expect(of("12.50")).toEqual(new Set(["12,50"]));
    expect(of("1234")).toEqual(new Set(["1,234", "1.234"]));
    expect(of("42")).toEqual(new Set(["42.0"]));
    expect(reformat("number", "1e-7", states[0]!)).toBeUndefined();
  });

  it("phone-like strings change their separators; other strings their case or surrounding spaces", () => {
    const of = (s: string) => new Set(states.slice(0, 300).map((t) => reformat("text", s, t)));
    expect(of("555-123-4567")).toEqual(new Set(["(555) 123-4567", "555.123.4567", "5551234567"]));
    expect(of("+1 (555) 123-4567")).toEqual(new Set(["(555) 123-4567", "555.123.4567", "555-123-4567", "5551234567"]));
    expect(of("Smith")).toEqual(new Set(["SMITH", "smith", " Smith "]));
    expect(of("abc")).toEqual(new Set(["ABC", " abc "]));
  });
});

describe("outlier", () => {
  it("multiplies by [10, 1000), negated about one time in four; 0 becomes ± the factor", () => {
    let negative = 0;
    for (const t of states) {
      const x = outlier(42, t);
      const f = Math.abs(x) / 42;
      expect(f).toBeGreaterThanOrEqual(10);
      expect(f).toBeLessThan(1000);
      if (x < 0) negative++;
      const z = Math.abs(outlier(0, t));
      expect(z).toBeGreaterThanOrEqual(10);
    }
    expect(negative / states.length).toBeGreaterThan(0.2);
    expect(negative / states.length).toBeLessThan(0.3);
  });
});
