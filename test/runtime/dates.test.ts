import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  civilFromDays,
  dayOf,
  daysFromCivil,
  formatDate,
  formatTimestamp,
  monthOf,
  weekdayOf,
  yearOf,
} from "../../runtime/text/dates.js";

const DAY = 86_400_000;
const MIN_DAY = -719_528;
const MAX_DAY = 2_932_896;

function dateOf(days: number): Date {
  const d = new Date(0);
  d.setTime(days * DAY);
  return d;
}

describe("civil dates", () => {
  it("agree with Date over years 0000–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (days) => {
        const d = dateOf(days);
        const c = civilFromDays(days);
        expect(c).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
        expect([yearOf(days), monthOf(days), dayOf(days), weekdayOf(days)]).toEqual([
          c.year,
          c.month,
          c.day,
          d.getUTCDay(),
        ]);
        expect(formatDate(days)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 20_000, seed: 2 },
    );
  });
  it("handles the edges", () => {
    expect(formatDate(MIN_DAY)).toBe("0000-01-01");
    expect(formatDate(MAX_DAY)).toBe("9999-12-31");
    expect(formatDate(0)).toBe("1970-01-01");
    expect(daysFromCivil(2024, 2, 29)).toBe(19782);
    expect(formatDate(daysFromCivil(2000, 2, 29))).toBe("2000-02-29");
    expect(() => formatDate(MIN_DAY - 1)).toThrow(RangeError);
    expect(() => formatDate(MAX_DAY + 1)).toThrow(RangeError);
    expect(yearOf(-1e7)).toBe(new Date(-1e7 * DAY).getUTCFullYear());
  });
});

describe("formatTimestamp", () => {
  it("matches toISOString, without .000", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY * DAY, max: (MAX_DAY + 1) * DAY - 1 }), fc.boolean(), (ms, whole) => {
        if (whole) ms -= ((ms % 1000) + 1000) % 1000;
        const iso = new Date(ms).toISOString();
        const expected = ms % 1000 === 0 ? iso.replace(".000Z", "Z") : iso;
        expect(formatTimestamp(ms)).toBe(expected);
      }),
      { numRuns: 20_000, seed: 4 },
    );
    expect(formatTimestamp(1709164800123)).toBe("2024-02-29T00:00:00.123Z");
    expect(formatTimestamp(0)).toBe("1970-01-01T00:00:00Z");
    expect(formatTimestamp(-1)).toBe("1969-12-31T23:59:59.999Z");
    expect(() => formatTimestamp(253402300800000)).toThrow(RangeError);
  });
});
