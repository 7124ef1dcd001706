/**
 * Names and places (docs/language.md "Names and places"): the code of `first_name`, `last_name`,
 * `place`, `near`, `distance_km`, `route`, `street`, `address` and of a record's fields. The tables
 * they read are module-level values (`ModuleNames.realism…`) built from `dgen/realism-data`, imported
 * only when a schema uses them.
 *
 *   first_name(sex: sex, born: birth)   →  RZ_first.pick(rt.sub(s, 2), r.sex, r.birth)
 *   place(country: "US")                →  RZ_place_US.pick(rt.sub(s, 1))
 */
import type { Expr } from "../ir/ir.js";

/** What the code needs of the module's names (ModuleNames, passed in: no import cycle with emit-expr). */
export interface RealismNames {
  realismFirstNames(): string;
  realismLastNames(): string;
  realismPlaces(country: string): string;
  realismAddressFaker(country: string): string;
  /** The dataset locale's faker stream. */
  faker(): string;
}

const DAY = 86_400_000;

/** `t` is the call site's stream state, `x` the code of a sub-expression. */
export function realismCode(
  e: Extract<Expr, { k: "realism" }>,
  n: RealismNames,
  t: string,
  x: (y: Expr) => string,
): string {
  const [a, b, c] = e.args;
  switch (e.fn) {
    case "firstName": {
      if (e.viaFaker) return `rt.fakerFirstName(${n.faker()}, ${t}, ${x(a!)})`;
      const born = b!.t.type.kind === "timestamp" ? `Math.floor(${x(b!)} / ${DAY})` : x(b!);
      return `${n.realismFirstNames()}.pick(${t}, ${x(a!)}, ${born})`;
    }
    case "lastName":
      if (e.viaFaker) return `rt.fakerLastName(${n.faker()}, ${t})`;
      return `${n.realismLastNames()}.pick(${t})`;
    case "place":
      return `${n.realismPlaces(e.country!)}.pick(${t})`;
    case "near":
      return `rt.near(${x(a!)}, ${x(b!)}, ${t})`;
    case "distanceKm":
      return `rt.distanceKm(${x(a!)}, ${x(b!)})`;
    case "route":
      return `rt.route(${x(a!)}, ${x(b!)}, ${x(c!)}, ${t})`;
    case "street":
      return `rt.street(${n.realismAddressFaker(e.country!)}, ${t})`;
    case "address":
      return `rt.address(${x(a!)}, ${n.realismAddressFaker(e.country!)}, ${t})`;
  }
}

export function recordFieldCode(e: Extract<Expr, { k: "recordField" }>, x: (y: Expr) => string): string {
  return `${x(e.record)}.${e.field}`;
}
