/**
 * `street(p)` and `address(p)`: a street address from faker's locale for the place's country, and the
 * whole address line in that country's own order (docs/language.md "Names and places").
 *
 *   address(chicago, fk, t)   // "4120 Sunset Ave., Chicago, IL 60614"
 *   address(osaka, fk, t)     // "大阪府大阪市…" (Japanese order: region, city, street)
 */
import type { FakerStream } from "../faker/faker-stream.js";
import type { Place } from "./places.js";

/** The faker locale of a country's addresses (countries not listed use the dataset's locale). */
export const COUNTRY_LOCALES: Readonly<Record<string, string>> = {
  US: "en_US",
  GB: "en_GB",
  CA: "en_CA",
  AU: "en_AU",
  IE: "en_IE",
  IN: "en_IN",
  NG: "en_NG",
  GH: "en_GH",
  HK: "en_HK",
  ZA: "en_ZA",
  DE: "de",
  AT: "de_AT",
  CH: "de_CH",
  FR: "fr",
  BE: "nl_BE",
  NL: "nl",
  ES: "es",
  MX: "es_MX",
  IT: "it",
  PT: "pt_PT",
  BR: "pt_BR",
  PL: "pl",
  SE: "sv",
  DK: "da",
  NO: "nb_NO",
  FI: "fi",
  CZ: "cs_CZ",
  SK: "sk",
  HU: "hu",
  RO: "ro",
  GR: "el",
  TR: "tr",
  RU: "ru",
  UA: "uk",
  JP: "ja",
  KR: "ko",
  CN: "zh_CN",
  TW: "zh_TW",
  VN: "vi",
  TH: "th",
  ID: "id_ID",
};

/** Countries that write the postal code before the city. */
const ZIP_FIRST = new Set("DE AT CH FR BE NL ES IT PT PL SE DK NO FI CZ SK HU RO GR TR RU UA BR MX".split(" "));

/** The street part: faker's `location.streetAddress()` in the country's locale. */
export function street(fk: FakerStream, t: number): string {
  return fk.at(t).location.streetAddress();
}

/** The whole address line in the country's order. */
export function address(p: Place, fk: FakerStream, t: number): string {
  const s = street(fk, t);
  const c = p.country;
  if (c === "JP" || c === "CN" || c === "TW" || c === "KR") {
    // Region, city, street, without spaces, when the names are in the country's script; the world
    // table has Latin names, which read as "street, city, region".
    if (/^[\x00-\x7f]*$/.test(p.city + p.state)) return `${s}, ${p.city}, ${p.state}`;
    return `${p.zip ? p.zip + " " : ""}${p.state}${p.city}${s}`;
  }
  if (c === "US" || c === "CA" || c === "AU") return `${s}, ${p.city}, ${p.state}${p.zip ? " " + p.zip : ""}`;
  if (c === "GB" || c === "IE") return `${s}, ${p.city}${p.zip ? " " + p.zip : ""}`;
  if (ZIP_FIRST.has(c)) return `${s}, ${p.zip ? p.zip + " " : ""}${p.city}`;
  return `${s}, ${p.city}, ${p.country}`;
}
