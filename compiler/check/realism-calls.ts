/**
 * Names and places (docs/language.md "Names and places"): `first_name(sex:, born:)`, `last_name()`,
 * `place(country:)`, `near(p, km)`, `distance_km(a, b)`, `route(a, b, waypoints:)`, `street(p)`,
 * `address(p)`, and the fields of a place or route (`p.city`, `r.km`). Problems are DG3100–DG3105
 * and the warning DG5300.
 *
 *   let p = place(country: "US")   // { k: "realism", fn: "place", country: "US", t: a place of 'US' }
 *   city string = p.city           // { k: "recordField", field: "city", t: string }
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr, RealismFn, Type, VType } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs, type Handler } from "./call-args.js";
import { report } from "./report.js";
import { isNumeric, isStringLike, isTemporal, showVType, T, v } from "./types.js";
import { PLACE_COUNTRIES, POSTAL_COUNTRIES } from "../../runtime/realism/data/countries.js";
import { COUNTRY_LOCALES } from "../../runtime/realism/address.js";

const FLOAT_ARRAY: Type = { kind: "array", element: T.float };

/** The fields of each record and their types. */
const FIELDS: Record<"place" | "route", Record<string, Type>> = {
  place: {
    city: T.string,
    state: T.string,
    state_name: T.string,
    zip: T.string,
    county: T.string,
    lat: T.float,
    lon: T.float,
    tz: T.string,
    country: T.string,
  },
  route: { line: FLOAT_ARRAY, km: T.float, minutes: T.float },
};

const NULL: Expr = { k: "const", t: v(T.null, true), v: null };

function node(scope: ExprScope, fn: RealismFn, t: Type, args: Expr[], country?: string): Expr {
  return { k: "realism", t: v(t), fn, args, slot: scope.slot++, ...(country !== undefined ? { country } : {}) };
}

/** The dataset locales whose names are the US tables; any other locale names people with faker's data. */
const US_NAME_LOCALES = ["en", "en_US"];

function nameNode(scope: ExprScope, fn: "firstName" | "lastName", args: Expr[]): Expr {
  const viaFaker = !US_NAME_LOCALES.includes(scope.schema.locale);
  return { k: "realism", t: v(T.string), fn, args, slot: scope.slot++, ...(viaFaker ? { viaFaker } : {}) };
}

/** Checks an argument that must be a place (the result of `place()` or `near()`). */
function placeArg(scope: ExprScope, fn: string, param: string, e: A.Expr): Expr | undefined {
  const x = scope.check(e);
  if (!x) return undefined;
  const t = x.t.type;
  if (t.kind !== "record" || t.record !== "place" || x.t.nullable)
    return report(
      scope,
      messages.badRealismArg,
      e.span,
      [fn, param, "a place (place(...) or near(...))", showVType(x.t)],
      {
        help: `draw one with 'let p = place(country: "US")' and pass p`,
      },
    );
  return x;
}

function numberArg(scope: ExprScope, fn: string, param: string, e: A.Expr): Expr | undefined {
  const x = scope.check(e);
  if (!x) return undefined;
  if (!isNumeric(x.t.type) || x.t.type.kind === "bigint" || x.t.nullable)
    return report(scope, messages.badRealismArg, e.span, [fn, param, "a number", showVType(x.t)]);
  return x;
}

const firstName: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "first_name", [
    { name: "sex", optional: true },
    { name: "born", optional: true },
  ]);
  if (!b) return undefined;
  let sex: Expr = NULL;
  let born: Expr = NULL;
  const sexArg = b.get("sex");
  if (sexArg) {
    const x = scope.check(sexArg);
    if (!x) return undefined;
    if (!isStringLike(x.t.type) || x.t.nullable)
      return report(scope, messages.badRealismArg, sexArg.span, [
        "first_name",
        "sex",
        "a string or enum",
        showVType(x.t),
      ]);
    if (x.k === "const" && typeof x.v === "string" && !/^[FfMm]/.test(x.v))
      return report(scope, messages.badSex, sexArg.span, [x.v]);
    sex = x;
  }
  const bornArg = b.get("born");
  if (bornArg) {
    const x = scope.check(bornArg);
    if (!x) return undefined;
    if (!isTemporal(x.t.type) || x.t.nullable)
      return report(
        scope,
        messages.badRealismArg,
        bornArg.span,
        ["first_name", "born", "a date or timestamp", showVType(x.t)],
        {
          help: "pass the birth date column, e.g. born: birth_date",
        },
      );
    born = x;
  }
  return nameNode(scope, "firstName", [sex, born]);
};

const lastName: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "last_name", []);
  if (!b) return undefined;
  return nameNode(scope, "lastName", []);
};

const place: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "place", [{ name: "country", optional: true }]);
  if (!b) return undefined;
  const arg = b.get("country");
  let country = "US";
  if (arg) {
    if (arg.kind !== "StringLit")
      return report(scope, messages.notConstant, arg.span, ['The country (a string such as "US")']);
    country = arg.value;
    if (!PLACE_COUNTRIES.includes(country)) {
      const upper = country.toUpperCase();
      const help = PLACE_COUNTRIES.includes(upper) ? `did you mean '${upper}'?` : didYouMean(upper, PLACE_COUNTRIES);
      return report(scope, messages.unknownCountry, arg.span, [country], {
        help: help ?? `countries are ISO 3166 alpha-2 codes such as "US", "DE", "JP"`,
      });
    }
  }
  return node(scope, "place", { kind: "record", record: "place", country }, [], country);
};

const near: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "near", [{ name: "place" }, { name: "km" }]);
  if (!b) return undefined;
  const p = placeArg(scope, "near", "place", b.get("place")!);
  const km = numberArg(scope, "near", "km", b.get("km")!);
  if (!p || !km) return undefined;
  if (km.k === "const" && typeof km.v === "number" && !(km.v >= 0 && km.v <= 20_000))
    return report(scope, messages.badRealismArg, b.get("km")!.span, ["near", "km", "from 0 to 20000", String(km.v)]);
  return node(scope, "near", p.t.type, [p, km], (p.t.type as { country?: string }).country);
};

const distanceKm: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "distance_km", [{ name: "from" }, { name: "to" }]);
  if (!b) return undefined;
  const a = placeArg(scope, "distance_km", "from", b.get("from")!);
  const c = placeArg(scope, "distance_km", "to", b.get("to")!);
  if (!a || !c) return undefined;
  return node(scope, "distanceKm", T.float, [a, c]);
};

const route: Handler = (scope, call) => {
  const b = bindArgs(scope, call, "route", [{ name: "from" }, { name: "to" }, { name: "waypoints", optional: true }]);
  if (!b) return undefined;
  const a = placeArg(scope, "route", "from", b.get("from")!);
  const c = placeArg(scope, "route", "to", b.get("to")!);
  if (!a || !c) return undefined;
  let n = 8;
  const w = b.get("waypoints");
  if (w) {
    if (w.kind !== "NumberLit" || !Number.isInteger(w.value) || w.value < 0 || w.value > 1000)
      return report(scope, messages.badWaypoints, w.span, [w.kind === "NumberLit" ? w.raw : "an expression"]);
    n = w.value;
  }
  return node(scope, "route", { kind: "record", record: "route" }, [a, c, { k: "const", t: v(T.int), v: n }]);
};

function addressCall(fn: "street" | "address"): Handler {
  return (scope, call) => {
    const b = bindArgs(scope, call, fn, [{ name: "place" }]);
    if (!b) return undefined;
    const p = placeArg(scope, fn, "place", b.get("place")!);
    if (!p) return undefined;
    const country = (p.t.type as { country?: string }).country ?? "US";
    return node(scope, fn, T.string, [p], country);
  };
}

export const realismCalls: Record<string, Handler> = {
  first_name: firstName,
  last_name: lastName,
  place,
  near,
  distance_km: distanceKm,
  route,
  street: addressCall("street"),
  address: addressCall("address"),
};

/** `p.city`, `r.km`: a field of a place or route (names.ts hands member access on records here). */
export function recordField(scope: ExprScope, record: Expr, property: A.Name): Expr | undefined {
  const t = record.t.type as Extract<Type, { kind: "record" }>;
  const fields = FIELDS[t.record];
  const name = property.text;
  const ft = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!ft) {
    const help = didYouMean(name, Object.keys(fields));
    return report(
      scope,
      messages.unknownRecordField,
      property.span,
      [
        name,
        t.record === "place" ? "A place" : "A route",
        Object.keys(fields)
          .map((f) => `'${f}'`)
          .join(", "),
      ],
      help ? { help } : {},
    );
  }
  if (t.record === "place" && name === "zip" && t.country !== undefined && !POSTAL_COUNTRIES.includes(t.country))
    report(scope, messages.placeNoZip, property.span, [t.country]);
  const out: VType = v(ft);
  return { k: "recordField", t: out, record, field: name };
}

/** The faker locale of a country's street addresses, or undefined for the dataset's own. */
export function addressLocale(country: string): string | undefined {
  return COUNTRY_LOCALES[country];
}
