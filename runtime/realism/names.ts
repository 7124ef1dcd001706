/**
 * `first_name(sex:, born:)` and `last_name()`: names drawn by their real frequency (US data, see
 * docs/language.md "Names and places"). Tables are built on first use (alias tables, O(1) a draw).
 *
 *   const first = new FirstNames(US_FIRST_NAMES);
 *   first.pick(t, "F", daysFromCivil(1945, 6, 1))   // "Mary" about 1 time in 20
 *   new LastNames(US_LAST_NAMES).pick(t)             // "Smith" about 1 time in 90
 *
 * Draws: 0–1 the weighted table, 2 the tail's uniform index, 3 the sex when none is given; the decade
 * when no birth date is given comes from the sub-stream sub(t, 4).
 */
import type { DecadeNames, FirstNameData } from "./data-types.js";
import type { FakerStream } from "../faker/faker-stream.js";
import { below, sub, unit } from "../rng/stream.js";
import { WeightedTable } from "../rng/weighted.js";
import { daysFromCivil } from "../text/dates.js";

/** Without `born:`, names are drawn as for someone born in these decades (by their births). */
const DEFAULT_FROM = 1950;
const DEFAULT_TO = 2000;

interface Decade {
  readonly table: WeightedTable;
  /** The most given names, then the tail's names (resolved once, so a draw is one array read). */
  readonly head: readonly string[];
  readonly tail: readonly string[];
}

export class FirstNames {
  private names: readonly string[] | undefined;
  private readonly built: { F: (Decade | undefined)[]; M: (Decade | undefined)[] } = { F: [], M: [] };
  private defaults: WeightedTable | undefined;
  /** Day numbers of each decade's first day (1880-01-01, 1890-01-01, …). */
  private readonly starts: number[];

  constructor(private readonly data: FirstNameData) {
    this.starts = data.F.map((_, k) => daysFromCivil(data.first + 10 * k, 1, 1));
  }

  /**
   * A first name. `sex`: text starting with F/f (female) or M/m (male); anything else, or null, draws
   * the sex by the decade's births. `born`: days since 1970-01-01, or null for 1950–2009 births.
   */
  pick(t: number, sex: string | null, born: number | null): string {
    const data = this.data;
    let decade: number;
    if (born === null) {
      this.defaults ??= new WeightedTable(this.defaultDecades());
      decade = (DEFAULT_FROM - data.first) / 10 + this.pickDefault(t);
    } else decade = this.decadeOf(born);
    const c = sex === null ? "" : sex.charAt(0);
    let s: "F" | "M";
    if (c === "F" || c === "f") s = "F";
    else if (c === "M" || c === "m") s = "M";
    else {
      const f = data.F[decade]!.total;
      s = unit(t, 3) * (f + data.M[decade]!.total) < f ? "F" : "M";
    }
    const dec = (this.built[s][decade] ??= this.build(data[s][decade]!));
    const i = dec.table.pick(t);
    return i < dec.head.length ? dec.head[i]! : dec.tail[below(t, 2, dec.tail.length)]!;
  }

  /** The decade index of a day number, clamped to the data's decades (the year as yearOf gives it). */
  private decadeOf(born: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    let k = Math.floor((born - starts[0]!) / 3652.425);
    if (k < 0) return 0;
    if (k > last) k = last;
    while (k < last && born >= starts[k + 1]!) k++;
    while (k > 0 && born < starts[k]!) k--;
    return k;
  }

  private build(d: DecadeNames): Decade {
    const names = (this.names ??= this.data.names.split("|"));
    const weights = [...d.counts];
    if (d.tail.length > 0 && d.tailCount > 0) weights.push(d.tailCount);
    return {
      table: new WeightedTable(weights),
      head: d.names.map((i) => names[i]!),
      tail: d.tail.map((i) => names[i]!),
    };
  }

  private pickDefault(t: number): number {
    // A sub-stream of its own, so the decade does not follow the name table's draws.
    return this.defaults!.pick(sub(t, 4));
  }

  private defaultDecades(): number[] {
    const out: number[] = [];
    const data = this.data;
    for (let d = DEFAULT_FROM; d <= DEFAULT_TO; d += 10) {
      const k = (d - data.first) / 10;
      out.push(data.F[k]!.total + data.M[k]!.total);
    }
    return out;
  }
}

/**
 * Surnames in the Census's rank order. The package that ships the list carries no counts, so rank r
 * weighs 1 / (r + 9): Smith ≈ 1.1 % and the top 10 ≈ 8 % of the list's draws, close to the 1990 Census
 * (Smith 1.0 % of people, the list covering 90 %).
 */
export class LastNames {
  private names: readonly string[] | undefined;
  private table: WeightedTable | undefined;

  constructor(private readonly data: string) {}

  pick(t: number): string {
    const names = (this.names ??= this.data.split("|"));
    this.table ??= new WeightedTable(names.map((_, r) => 1 / (r + 1 + 9)));
    return names[this.table.pick(t)]!;
  }
}

/**
 * `first_name(sex:)` under a dataset locale other than English: faker's `person.firstName` of that
 * locale, female or male when `sex` starts with F or M (the birth date is not used: faker's lists
 * have no years).
 */
export function fakerFirstName(fk: FakerStream, t: number, sex: string | null): string {
  const c = sex === null ? "" : sex.charAt(0);
  const s = c === "F" || c === "f" ? "female" : c === "M" || c === "m" ? "male" : undefined;
  return fk.at(t).person.firstName(s);
}

/** `last_name()` under a dataset locale other than English: faker's `person.lastName` of that locale. */
export function fakerLastName(fk: FakerStream, t: number): string {
  return fk.at(t).person.lastName();
}
