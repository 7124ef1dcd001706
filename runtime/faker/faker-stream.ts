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
import { Faker, allLocales, base, en, type LocaleDefinition, type Randomizer } from "@faker-js/faker";
import fakerPackage from "@faker-js/faker/package.json" with { type: "json" };
import { unit } from "../rng/stream.js";

/** The installed @faker-js/faker version, for the output manifest. */
export const fakerVersion: string = fakerPackage.version;

/** The faker locale definition of a locale name (`en`, `de_AT`, …), or undefined. */
export function fakerLocale(locale: string): LocaleDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(allLocales, locale)
    ? (allLocales as Record<string, LocaleDefinition>)[locale]
    : undefined;
}

/** The locale names faker knows, for the compiler's diagnostics. */
export const fakerLocales: readonly string[] = Object.keys(allLocales);

/** A Faker for `locale` with `en` and `base` as fallbacks (`seed()` of the randomizer is ignored: the stream is the seed) (throws an Error for an unknown locale). */
export function newFaker(locale: string, randomizer?: Randomizer): Faker {
  const def = fakerLocale(locale);
  if (!def) throw new Error(`Unknown faker locale '${locale}'.`);
  const chain = [...new Set([def, en, base])];
  return randomizer ? new Faker({ locale: chain, randomizer }) : new Faker({ locale: chain });
}

export class FakerStream {
  private readonly faker: Faker;
  private t = 0;
  private k = 0;

  constructor(locale: string, refDateMs: number) {
    // faker calls `next` detached from its object, hence closures rather than methods.
    const randomizer: Randomizer = { next: () => unit(this.t, this.k++), seed: () => {} };
    this.faker = newFaker(locale, randomizer);
    this.faker.setDefaultRefDate(refDateMs);
  }

  /** The Faker, reading the stream `t` from its first draw. */
  at(t: number): Faker {
    this.t = t;
    this.k = 0;
    return this.faker;
  }
}
