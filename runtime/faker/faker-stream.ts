/**
 * @faker-js/faker driven by dgen's stream: the one module that builds Faker instances.
 *
 * A FakerStream owns one Faker whose Randomizer reads `unit(t, 0), unit(t, 1), …` of the stream set by
 * the last `at(t)`, so any faker method called right after `at(t)` is a pure function of `t`. The
 * reference date is fixed (`setDefaultRefDate`), so date methods never read the wall clock.
 *
 *   const fs = new FakerStream("de", Date.UTC(2024, 0, 1));
 *   fs.at(t).location.city()   // same t, same city
 */
import { Faker, type LocaleDefinition, type Randomizer } from "@faker-js/faker";
import fakerPackage from "@faker-js/faker/package.json" with { type: "json" };
import { unit } from "../rng/stream.js";

/** The installed @faker-js/faker version, for the output manifest. */
export const fakerVersion: string = fakerPackage.version;

/**
 * A locale chain, most specific first (`[de, en, base]`). Emitted modules import just the
 * definitions they need (`dgen/faker-locales`), so a bundle carries one locale, not all of them;
 * the compiler resolves names with `localeChain` in `all-locales.ts`.
 */
export type LocaleChain = readonly LocaleDefinition[];

/** A Faker over a locale chain, optionally driven by a custom randomizer. */
export function newFaker(locales: LocaleChain, randomizer?: Randomizer): Faker {
  const locale = [...locales];
  return randomizer ? new Faker({ locale, randomizer }) : new Faker({ locale });
}

export class FakerStream {
  private readonly faker: Faker;
  private t = 0;
  private k = 0;

  constructor(locales: LocaleChain, refDateMs: number) {
    // faker calls `next` detached from its object, hence closures rather than methods.
    const randomizer: Randomizer = { next: () => unit(this.t, this.k++), seed: () => {} };
    this.faker = newFaker(locales, randomizer);
    this.faker.setDefaultRefDate(refDateMs);
  }

  /** The Faker, reading the stream `t` from its first draw. */
  at(t: number): Faker {
    this.t = t;
    this.k = 0;
    return this.faker;
  }
}
