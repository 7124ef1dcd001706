/**
 * The shapes of the compact tables under runtime/realism/data/ (written by scripts/realism-data.mjs).
 * Lists of names are one string joined by "|"; coordinates are whole 1e-4 degrees.
 */

/** One decade of births of one sex: the most given names with their births, then a uniform tail. */
export interface DecadeNames {
  readonly decade: number;
  readonly total: number;
  /** Indexes into the name list, most given first. */
  readonly names: readonly number[];
  readonly counts: readonly number[];
  /** The names ranked next, sharing `tailCount` births uniformly. */
  readonly tail: readonly number[];
  readonly tailCount: number;
}

export interface FirstNameData {
  readonly names: string;
  /** The first decade (1880). */
  readonly first: number;
  readonly F: readonly DecadeNames[];
  readonly M: readonly DecadeNames[];
}

/** One country's places with postal codes: one entry per postal code. */
export interface CountryPlaces {
  readonly country: string;
  readonly states: string;
  readonly stateNames: string;
  readonly zones: string;
  readonly counties: string;
  readonly zip: string;
  readonly city: string;
  readonly state: readonly number[];
  readonly county: readonly number[];
  readonly lat: readonly number[];
  readonly lon: readonly number[];
  readonly tz: readonly number[];
  readonly weight: readonly number[];
}

/** Cities of the world (no postal codes), sorted by country; `ranges[i]` is country i's [from, to). */
export interface WorldPlaces {
  readonly countries: string;
  readonly ranges: readonly (readonly [number, number])[];
  readonly regions: string;
  readonly zones: string;
  readonly city: string;
  readonly region: readonly number[];
  readonly lat: readonly number[];
  readonly lon: readonly number[];
  readonly tz: readonly number[];
  readonly weight: readonly number[];
}
