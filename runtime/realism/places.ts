/**
 * `place(country: "US")`: a coherent place (city, state or region, postal code, county, coordinates,
 * time zone, country code) drawn by population from embedded open data; `near`, `distance_km`,
 * `route` and `address` work on it (docs/language.md "Names and places").
 *
 *   const us = Places.country(US_PLACES);
 *   const p = us.pick(t);                 // { city: "Chicago", state: "IL", zip: "60614", lat: 41.92, … }
 *   distanceKm(p, q)                      // great-circle kilometres
 */
import type { CountryPlaces, WorldPlaces } from "./data-types.js";
import { unit } from "../rng/stream.js";
import { WeightedTable } from "../rng/weighted.js";

/** A place as the generated code holds it; columns read its fields. */
export interface Place {
  readonly city: string;
  /** The state's or region's code where the data has one (US: `IL`), else its name. */
  readonly state: string;
  readonly state_name: string;
  readonly zip: string;
  readonly county: string;
  readonly lat: number;
  readonly lon: number;
  readonly tz: string;
  readonly country: string;
}

/** The initial value of a scratch row's place (never written: a place is read through its fields). */
export const NO_PLACE: Place = {
  city: "",
  state: "",
  state_name: "",
  zip: "",
  county: "",
  lat: 0,
  lon: 0,
  tz: "",
  country: "",
};

export class Places {
  private readonly rows: (Place | undefined)[];
  private table: WeightedTable | undefined;

  private constructor(
    readonly size: number,
    private readonly weights: () => number[],
    private readonly make: (i: number) => Place,
  ) {
    this.rows = new Array<Place | undefined>(size);
  }

  /** A country with postal codes (one entry per code). */
  static country(d: CountryPlaces): Places {
    let cols: { zip: string[]; city: string[]; states: string[]; names: string[]; zones: string[]; counties: string[] };
    const c = () =>
      (cols ??= {
        zip: d.zip.split("|"),
        city: d.city.split("|"),
        states: d.states.split("|"),
        names: d.stateNames.split("|"),
        zones: d.zones.split("|"),
        counties: d.counties.split("|"),
      });
    return new Places(
      d.weight.length,
      () => [...d.weight],
      (i) => {
        const x = c();
        return {
          city: x.city[i]!,
          state: x.states[d.state[i]!]!,
          state_name: x.names[d.state[i]!]!,
          zip: x.zip[i]!,
          county: x.counties[d.county[i]!]!,
          lat: d.lat[i]! / 1e4,
          lon: d.lon[i]! / 1e4,
          tz: x.zones[d.tz[i]!]!,
          country: d.country,
        };
      },
    );
  }

  /** One country of the world table (cities, no postal codes: `zip` is ""). */
  static world(d: WorldPlaces, country: string): Places {
    const k = d.countries.split("|").indexOf(country);
    if (k < 0) throw new RangeError(`No places for country '${country}'.`);
    const [from, to] = d.ranges[k]!;
    let cols: { city: string[]; regions: string[]; zones: string[] };
    const c = () => (cols ??= { city: d.city.split("|"), regions: d.regions.split("|"), zones: d.zones.split("|") });
    return new Places(
      to - from,
      () => d.weight.slice(from, to),
      (j) => {
        const i = from + j;
        const x = c();
        const region = x.regions[d.region[i]!]!;
        return {
          city: x.city[i]!,
          state: region,
          state_name: region,
          zip: "",
          county: "",
          lat: d.lat[i]! / 1e4,
          lon: d.lon[i]! / 1e4,
          tz: x.zones[d.tz[i]!]!,
          country,
        };
      },
    );
  }

  /** A place drawn by population (draws 0–1). */
  pick(t: number): Place {
    this.table ??= new WeightedTable(this.weights());
    const i = this.table.pick(t);
    return (this.rows[i] ??= this.make(i));
  }

  /** Entry i (for tests and tools). */
  at(i: number): Place {
    return (this.rows[i] ??= this.make(i));
  }
}

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in kilometres (haversine on a sphere of the mean Earth radius). */
export function distanceKm(a: Place, b: Place): number {
  const p1 = a.lat * RAD;
  const p2 = b.lat * RAD;
  const dp = p2 - p1;
  const dl = (b.lon - a.lon) * RAD;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Rounds a coordinate to 6 places (about 0.1 m): what a GPS reports, and short to write. */
function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The point `km` kilometres from (lat, lon) on bearing `bearing` (radians). */
function destination(lat: number, lon: number, km: number, bearing: number): [number, number] {
  const d = km / EARTH_KM;
  const p1 = lat * RAD;
  const l1 = lon * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing));
  const l2 = l1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  let lonOut = l2 / RAD;
  if (lonOut > 180) lonOut -= 360;
  if (lonOut < -180) lonOut += 360;
  return [p2 / RAD, lonOut];
}

/**
 * A point of interest within `km` of a place: uniform over the disc (radius √u · km, a uniform
 * bearing; draws 0–1 and 2–3); the other fields stay the place's.
 */
export function near(p: Place, km: number, t: number): Place {
  const dist = Math.sqrt(unit(t, 0)) * km;
  const [lat, lon] = destination(p.lat, p.lon, dist, unit(t, 1) * 2 * Math.PI);
  return { ...p, lat: r6(lat), lon: r6(lon) };
}

/** A route: a line of longitude, latitude pairs (flat: lon0, lat0, lon1, lat1, …), its length and time. */
export interface Route {
  readonly line: number[];
  readonly km: number;
  readonly minutes: number;
}

/** The initial value of a scratch row's route. */
export const NO_ROUTE: Route = { line: [], km: 0, minutes: 0 };

/** Road speed for `minutes`: 60 km/h on average, plus 5 minutes at each end. */
const KMH = 60;

/**
 * `route(from, to, waypoints: n)`: the great circle from `from` to `to` cut into n + 1 legs, each inner
 * point moved sideways by up to 5 % of the whole distance (draw k, one a point); `km` is the length
 * of that line, `minutes` km at 60 km/h plus 10.
 */
export function route(a: Place, b: Place, waypoints: number, t: number): Route {
  const n = Math.max(0, Math.floor(waypoints));
  const total = distanceKm(a, b);
  const line: number[] = [r6(a.lon), r6(a.lat)];
  const p1 = a.lat * RAD;
  const l1 = a.lon * RAD;
  const p2 = b.lat * RAD;
  const l2 = b.lon * RAD;
  const d = total / EARTH_KM;
  let prevLat = a.lat;
  let prevLon = a.lon;
  let km = 0;
  for (let k = 1; k <= n + 1; k++) {
    let lat: number;
    let lon: number;
    if (k === n + 1 || d === 0) {
      [lat, lon] = k === n + 1 ? [b.lat, b.lon] : [a.lat, a.lon];
    } else {
      // Spherical interpolation at fraction f, then a sideways offset.
      const f = k / (n + 1);
      const A = Math.sin((1 - f) * d) / Math.sin(d);
      const B = Math.sin(f * d) / Math.sin(d);
      const x = A * Math.cos(p1) * Math.cos(l1) + B * Math.cos(p2) * Math.cos(l2);
      const y = A * Math.cos(p1) * Math.sin(l1) + B * Math.cos(p2) * Math.sin(l2);
      const z = A * Math.sin(p1) + B * Math.sin(p2);
      const mLat = Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD;
      const mLon = Math.atan2(y, x) / RAD;
      const side = (unit(t, k) * 2 - 1) * 0.05 * total;
      const bearing = Math.atan2(
        Math.sin(l2 - mLon * RAD) * Math.cos(p2),
        Math.cos(mLat * RAD) * Math.sin(p2) - Math.sin(mLat * RAD) * Math.cos(p2) * Math.cos(l2 - mLon * RAD),
      );
      [lat, lon] = destination(mLat, mLon, Math.abs(side), bearing + (side < 0 ? -Math.PI / 2 : Math.PI / 2));
    }
    km += distanceKm({ lat: prevLat, lon: prevLon } as Place, { lat, lon } as Place);
    prevLat = lat;
    prevLon = lon;
    line.push(r6(lon), r6(lat));
  }
  return { line, km, minutes: (km / KMH) * 60 + 10 };
}
