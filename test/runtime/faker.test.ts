import { describe, expect, it } from "vitest";
import { allLocales, en } from "@faker-js/faker";
import { FakerStream, fakerVersion } from "../../runtime/faker/faker-stream.js";
import { firstNamePicker, lastNamePicker } from "../../runtime/faker/lowered.js";
import { fakerLocales, localeChain } from "../../runtime/faker/all-locales.js";

const chain = (name: string) => localeChain(name)!;
import { chiCrit, chiSquare, streams } from "./stats.js";

const N = 100_000;

/** P(name) for faker's firstName() in `en`, derived independently from faker's documented algorithm. */
function enFirstNameProbs(): Map<string, number> {
  const { generic = [], female = [], male = [] } = en.person!.first_name as Record<string, string[]>;
  const probs = new Map<string, number>();
  const add = (list: string[], p: number) => list.forEach((x) => probs.set(x, (probs.get(x) ?? 0) + p / list.length));
  for (const own of [female, male]) {
    const wo = 3 * Math.sqrt(own.length);
    const wg = Math.sqrt(generic.length);
    add(own, (0.5 * wo) / (wo + wg));
    add(generic, (0.5 * wg) / (wo + wg));
  }
  return probs;
}

function fit(gen: (t: number) => string, probs: Map<string, number>, name: string): { stat: number; crit: number } {
  const keys = [...probs.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Float64Array(keys.length);
  for (const t of streams(name, N)) counts[index.get(gen(t))!]++;
  const r = chiSquare(
    counts,
    keys.map((k) => probs.get(k)!),
    N,
  );
  return { stat: r.stat, crit: chiCrit(r.df) };
}

describe("FakerStream", () => {
  it("is a pure function of t, with a fixed reference date", () => {
    const a = new FakerStream(chain("de"), Date.UTC(2024, 0, 1));
    const b = new FakerStream(chain("de"), Date.UTC(2024, 0, 1));
    for (const t of [0, 1, 99, 0xfffffff]) {
      expect(a.at(t).person.fullName()).toBe(b.at(t).person.fullName());
      expect(a.at(t).location.city()).toBe(a.at(t).location.city());
      const d = a.at(t).date.recent();
      expect(d.getTime()).toBe(b.at(t).date.recent().getTime());
      expect(d.getTime()).toBeLessThanOrEqual(Date.UTC(2024, 0, 1));
    }
    expect(a.at(1).person.firstName()).not.toBe(a.at(2).person.firstName() + "x");
  });
  it("rejects unknown locales and reports the faker version", () => {
    expect(localeChain("xx_YY")).toBeUndefined();
    expect(localeChain("de")).toEqual([allLocales.de, allLocales.en, allLocales.base]);
    expect(fakerVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("lowered person names", () => {
  it("firstName has faker's distribution (en)", () => {
    const probs = enFirstNameProbs();
    const lowered = fit(firstNamePicker(chain("en")), probs, "fn1");
    expect(lowered.stat).toBeLessThan(lowered.crit);
    const fs = new FakerStream(chain("en"), 0);
    const viaFaker = fit((t) => fs.at(t).person.firstName(), probs, "fn2");
    expect(viaFaker.stat).toBeLessThan(viaFaker.crit);
  });
  it("lastName expands weighted patterns like faker (en: 5% hyphenated)", () => {
    const last = lastNamePicker(chain("en"));
    const fs = new FakerStream(chain("en"), 0);
    const words = new Set(en.person!.last_name!.generic as string[]);
    let hyphenLowered = 0;
    let hyphenFaker = 0;
    let bad = 0;
    for (const t of streams("ln", N)) {
      const x = last(t);
      if (x.includes("-")) hyphenLowered++;
      if (!x.split("-").every((w) => words.has(w))) bad++;
      if (fs.at(t).person.lastName().includes("-")) hyphenFaker++;
    }
    expect(bad).toBe(0);
    expect(Math.abs(hyphenLowered / N - 0.05)).toBeLessThan(0.005);
    expect(Math.abs(hyphenFaker / N - 0.05)).toBeLessThan(0.005);
  });
  it("gendered locales split like faker (ru last names)", () => {
    const female = new Set((allLocales.ru.person!.last_name as Record<string, string[]>).female);
    const last = lastNamePicker(chain("ru"));
    const fs = new FakerStream(chain("ru"), 0);
    let a = 0;
    let b = 0;
    const n = 20_000;
    for (const t of streams("ru", n)) {
      if (female.has(last(t))) a++;
      if (female.has(fs.at(t).person.lastName())) b++;
    }
    expect(Math.abs(a / n - b / n)).toBeLessThan(0.03);
  });
  it("works for every locale and is deterministic", () => {
    for (const locale of fakerLocales) {
      const first = firstNamePicker(chain(locale));
      const last = lastNamePicker(chain(locale));
      for (const t of [1, 2, 3]) {
        expect(typeof first(t)).toBe("string");
        expect(last(t)).toBe(last(t));
      }
    }
  });
});
