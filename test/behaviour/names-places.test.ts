/**
 * Issue 13, items 1 and 2: names by real frequency and coherent places, through the CLI on written
 * files, checked against the source tables (read here as text, not through dgen's runtime):
 * - first names: the share of each decade's 10 most given names (per sex) within 1 point of the SSA
 *   counts, and the top name right (Mary and James in the 1940s, Emily and Jacob in the 2000s);
 * - places: every (zip, city, state) row exists in the GeoNames postal table, coordinates inside the
 *   country's bounding box, bigger cities drawn more often;
 * - near, distance_km, route: geometric sanity; GeoJSON points and lines pass an RFC 7946 checker;
 * - determinism: same bytes twice; an added column changes no other column;
 * - a schema without names or places carries none of their data.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "@placemarkio/check-geojson";
import { de } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir, type Ran } from "../helpers/cli.js";
import { csvObjects, readCsv } from "../helpers/csv.js";
import { typecheck } from "../helpers/typescript.js";

const root = tempDir("names-places");

const NAMES = `dataset np { seed: 11 }
table people {
  rows: 60_000
  id int @pk = sequence(1)
  sex string = if index % 2 == 0 then "F" else "M"
  born date = if index < 20_000 then between(1940-01-01, 1949-12-31)
    else if index < 40_000 then between(1980-01-01, 1989-12-31)
    else between(2000-01-01, 2009-12-31)
  first string = first_name(sex: sex, born: born)
  last string = last_name()
}
`;

const PLACES = (extra: string) => `dataset pl { seed: 5 }
table homes {
  rows: 8_000
  id int @pk = sequence(1)
  let p = place(country: "US")
  city string = p.city
  state string = p.state
  zip string = p.zip
  lat float = p.lat
  lon float = p.lon
  tz string = p.tz
  country string = p.country
  addr string = address(p)${extra}
  geo: point(lon, lat)
}
table abroad {
  rows: 2_000
  id int @pk = sequence(1)
  let de = place(country: "DE")
  let jp = place(country: "JP")
  de_city string = de.city
  de_lat float = de.lat
  de_lon float = de.lon
  de_tz string = de.tz
  jp_lat float = jp.lat
  jp_lon float = jp.lon
  jp_tz string = jp.tz
  de_addr string = address(de)
}
table trips {
  rows: 500
  id int @pk = sequence(1)
  let a = place(country: "US")
  let b = near(a, 25)
  let far = place(country: "US")
  let r = route(a, far, waypoints: 6)
  near_km float = distance_km(a, b)
  direct_km float = distance_km(a, far)
  route_km float = r.km
  minutes float = r.minutes
  a_lon float = a.lon
  a_lat float = a.lat
  far_lon float = far.lon
  far_lat float = far.lat
  b_city string = b.city
  a_city string = a.city
  path float[] = r.line
  geo: line(path)
}
`;

const GERMAN = `dataset leute { seed: 3  locale: "de" }
table people {
  rows: 200
  id int @pk = sequence(1)
  sex string = if index % 2 == 0 then "F" else "M"
  first string = first_name(sex: sex, born: 1980-05-01)
  last string = last_name()
}
`;

const PLAIN = `dataset plain { seed: 1 }
table t {
  rows: 10
  id int @pk = sequence(1)
  name string = faker.person.firstName()
}
`;

const dirs = {
  names: join(root, "names"),
  csv: join(root, "csv"),
  again: join(root, "again"),
  extra: join(root, "extra"),
  geo: join(root, "geo"),
  german: join(root, "german"),
};
const bundles = {
  names: join(root, "names.mjs"),
  places: join(root, "places.mjs"),
  extra: join(root, "extra.mjs"),
  plain: join(root, "plain.mjs"),
  german: join(root, "german.mjs"),
};

const parsed = new Map<string, Record<string, string | null>[]>();
/** The rows of a written CSV file, parsed once. */
function rowsOf(path: string): Record<string, string | null>[] {
  let rows = parsed.get(path);
  if (!rows) parsed.set(path, (rows = csvObjects(readCsv(path))));
  return rows;
}

function ok(r: Ran, what: string): void {
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

/** A field of a generated data module under runtime/realism/data/ (`key: <JSON>,` lines). */
function dataField(file: string, key: string): unknown {
  const text = readFileSync(join(repoRoot, "runtime/realism/data", file), "utf8");
  const m = new RegExp(`^  ${key}: (.*),$`, "m").exec(text);
  if (!m) throw new Error(`no ${key} in ${file}`);
  return JSON.parse(m[1]!);
}

beforeAll(async () => {
  const write = (name: string, text: string) => {
    const p = join(root, name);
    writeFileSync(p, text);
    return p;
  };
  const built = await Promise.all([
    dgen(["build", write("names.dgen", NAMES), "-o", bundles.names]),
    dgen(["build", write("places.dgen", PLACES("")), "-o", bundles.places]),
    dgen(["build", write("extra.dgen", PLACES("\n  extra int = uniform(1, 9)")), "-o", bundles.extra]),
    dgen(["build", write("plain.dgen", PLAIN), "-o", bundles.plain]),
    dgen(["build", write("german.dgen", GERMAN), "-o", bundles.german]),
  ]);
  built.forEach((r, i) => ok(r, `build ${i}`));
  const runs = await Promise.all([
    node(bundles.names, ["--out", dirs.names, "--format", "csv"]),
    node(bundles.places, ["--out", dirs.csv, "--format", "csv"]),
    node(bundles.places, ["--out", dirs.again, "--format", "csv"]),
    node(bundles.extra, ["--out", dirs.extra, "--format", "csv"]),
    node(bundles.places, ["--out", dirs.geo, "--format", "geojson"]),
    node(bundles.german, ["--out", dirs.german, "--format", "csv"]),
  ]);
  runs.forEach((r, i) => ok(r, `run ${i}`));
}, 120_000);

describe("first_name(sex:, born:) and last_name()", () => {
  const source = { F: dataField("us-first-names.ts", "F"), M: dataField("us-first-names.ts", "M") } as Record<
    "F" | "M",
    { decade: number; total: number; names: number[]; counts: number[] }[]
  >;
  const dict = (dataField("us-first-names.ts", "names") as string).split("|");

  const deviations: string[] = [];
  it("each decade's top-10 share is within 1 point of the SSA counts, per sex", () => {
    const rows = rowsOf(join(dirs.names, "people.csv"));
    expect(rows).toHaveLength(60_000);
    const groups = new Map<string, Record<string, string | null>[]>();
    for (const r of rows) {
      const key = `${r.sex} ${r.born!.slice(0, 3)}0`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(r);
    }
    for (const decade of [1940, 1980, 2000])
      for (const sex of ["F", "M"] as const) {
        const src = source[sex].find((d) => d.decade === decade)!;
        const top = src.names.slice(0, 10).map((i) => dict[i]);
        const expected = src.counts.slice(0, 10).reduce((a, b) => a + b, 0) / src.total;
        const group = groups.get(`${sex} ${decade}`) ?? [];
        expect(group.length).toBeGreaterThan(9_500);
        const share = group.filter((r) => top.includes(r.first!)).length / group.length;
        expect(Math.abs(share - expected), `${sex} ${decade}s: ${share} vs ${expected}`).toBeLessThan(0.01);
        deviations.push(`${sex} ${decade}s ${(100 * expected).toFixed(2)} % → ${(100 * share).toFixed(2)} %`);
        // The most frequent generated name is one of the source's first three (Emily and Madison are close in the 2000s).
        const counts = new Map<string, number>();
        for (const r of group) counts.set(r.first!, (counts.get(r.first!) ?? 0) + 1);
        const best = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
        expect(top.slice(0, 3), `${sex} ${decade}s`).toContain(best);
      }
  });

  it("reports the shares", () => {
    console.log(`top-10 shares (source → generated): ${deviations.join("; ")}`);
    expect(deviations).toHaveLength(6);
  });

  it("under another dataset locale, names are faker's for that locale, by sex", () => {
    const lists = de.person!.first_name as { generic: string[]; female: string[]; male: string[] };
    // faker picks a sex's own list or, less often, the generic one.
    const names = { female: [...lists.female, ...lists.generic], male: [...lists.male, ...lists.generic] };
    const lasts = new Set((de.person!.last_name as { generic: string[] }).generic);
    const rows = rowsOf(join(dirs.german, "people.csv"));
    for (const r of rows) {
      expect(names[r.sex === "F" ? "female" : "male"], r.first!).toContain(r.first);
      expect(lasts.has(r.last!), r.last!).toBe(true);
    }
  });

  it("names follow the birth year: Mary and James in the 1940s, Emily and Jacob in the 2000s", () => {
    const top = (sex: "F" | "M", decade: number) => dict[source[sex].find((d) => d.decade === decade)!.names[0]!];
    expect([top("F", 1940), top("M", 1940), top("F", 2000), top("M", 2000)]).toEqual([
      "Mary",
      "James",
      "Emily",
      "Jacob",
    ]);
  });

  it("surnames follow the Census order: Smith is the most common, and common names dominate", () => {
    const rows = rowsOf(join(dirs.names, "people.csv"));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.last!, (counts.get(r.last!) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe("Smith");
    const census = readFileSync(join(repoRoot, "runtime/realism/data/us-last-names.ts"), "utf8")
      .match(/"(Smith\|[^"]*)"/)![1]!
      .split("|");
    const top10 = new Set(census.slice(0, 10));
    const share = rows.filter((r) => top10.has(r.last!)).length / rows.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.11);
  });
});

describe("place(country:)", () => {
  const zips = (dataField("us-places.ts", "zip") as string).split("|");
  const cities = (dataField("us-places.ts", "city") as string).split("|");
  const states = (dataField("us-places.ts", "states") as string).split("|");
  const stateIx = dataField("us-places.ts", "state") as number[];
  const known = new Set(zips.map((z, i) => `${z}|${cities[i]}|${states[stateIx[i]!]}`));

  it("every (zip, city, state) is a row of the GeoNames postal table, and the address agrees", () => {
    const rows = rowsOf(join(dirs.csv, "homes.csv"));
    expect(rows).toHaveLength(8_000);
    const bad = rows.filter((r) => !known.has(`${r.zip}|${r.city}|${r.state}`));
    expect(bad).toEqual([]);
    for (const r of rows.slice(0, 200))
      expect(r.addr!.endsWith(`, ${r.city}, ${r.state} ${r.zip}`), r.addr!).toBe(true);
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(["US"]));
  });

  it("coordinates fall inside the country's bounding box", () => {
    const inside = (lat: number, lon: number, box: [number, number, number, number]) =>
      lat >= box[0] && lat <= box[1] && lon >= box[2] && lon <= box[3];
    const us: [number, number, number, number] = [18.9, 71.5, -179.2, -66.9];
    for (const r of rowsOf(join(dirs.csv, "homes.csv")))
      expect(inside(+r.lat!, +r.lon!, us), `${r.city} ${r.lat},${r.lon}`).toBe(true);
    for (const r of rowsOf(join(dirs.csv, "abroad.csv"))) {
      expect(inside(+r.de_lat!, +r.de_lon!, [47.2, 55.1, 5.8, 15.1]), `DE ${r.de_lat},${r.de_lon}`).toBe(true);
      expect(inside(+r.jp_lat!, +r.jp_lon!, [24.0, 45.6, 122.9, 146.0]), `JP ${r.jp_lat},${r.jp_lon}`).toBe(true);
      expect(r.de_tz).toBe("Europe/Berlin");
      expect(r.jp_tz).toBe("Asia/Tokyo");
      expect(r.de_addr!.endsWith(r.de_city!)).toBe(true);
    }
  });

  it("bigger cities are drawn more often (weighted by population)", () => {
    const rows = rowsOf(join(dirs.csv, "homes.csv"));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(`${r.city}, ${r.state}`, (counts.get(`${r.city}, ${r.state}`) ?? 0) + 1);
    const top3 = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c]) => c);
    // Los Angeles is the largest place under one name in both sources (New York's zip codes are named
    // by borough: Manhattan's "New York", then "Brooklyn", …).
    expect(top3).toContain("Los Angeles, CA");
    const ny = rows.filter((r) => r.state === "NY").length / rows.length;
    expect(ny).toBeGreaterThan(0.04); // NY holds about 6 % of the US population
  });

  it("near, distance_km and route are geometrically sane", () => {
    const rows = rowsOf(join(dirs.csv, "trips.csv"));
    for (const r of rows) {
      expect(+r.near_km!).toBeLessThanOrEqual(25.001);
      expect(r.b_city).toBe(r.a_city);
      const path = JSON.parse(r.path!) as number[];
      expect(path).toHaveLength(2 * 8); // from, 6 waypoints, to
      expect([path[0], path[1]]).toEqual([+r.a_lon!, +r.a_lat!]);
      expect([path.at(-2), path.at(-1)]).toEqual([+r.far_lon!, +r.far_lat!]);
      expect(+r.route_km!).toBeGreaterThanOrEqual(+r.direct_km! - 1e-6);
      expect(+r.route_km!).toBeLessThanOrEqual(+r.direct_km! * 1.2 + 1e-6);
      expect(+r.minutes!).toBeCloseTo(+r.route_km! + 10, 6);
    }
    expect(Math.max(...rows.map((r) => +r.direct_km!))).toBeGreaterThan(1000);
  });

  it("GeoJSON points and route lines pass the RFC 7946 checker", () => {
    for (const t of ["homes", "trips"]) {
      const text = readFileSync(join(dirs.geo, `${t}.geojson`), "utf8");
      expect(() => check(text), t).not.toThrow();
    }
    const trips = JSON.parse(readFileSync(join(dirs.geo, "trips.geojson"), "utf8")) as {
      features: { geometry: { type: string; coordinates: number[][] } }[];
    };
    expect(trips.features[0]!.geometry.type).toBe("LineString");
    expect(trips.features[0]!.geometry.coordinates).toHaveLength(8);
  });
});

describe("dgen compile", () => {
  it("the module of a schema with names and places type-checks under tsc --strict", async () => {
    const dir = join(root, "compiled");
    const r = await dgen(["compile", join(root, "places.dgen"), "-o", dir]);
    ok({ ...r, stdout: "" }, "compile");
    const checked = await typecheck(dir, ["places.ts"]);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(readFileSync(join(dir, "places.ts"), "utf8")).toContain('from "dgen/realism-data"');
  }, 60_000);
});

describe("determinism and size", () => {
  it("the same bytes twice; an added column changes no other column", () => {
    for (const t of ["homes", "abroad", "trips"])
      expect(readFileSync(join(dirs.again, `${t}.csv`), "utf8"), t).toBe(
        readFileSync(join(dirs.csv, `${t}.csv`), "utf8"),
      );
    const a = rowsOf(join(dirs.csv, "homes.csv"));
    const b = rowsOf(join(dirs.extra, "homes.csv"));
    expect(b.map(({ extra: _, ...rest }) => rest)).toEqual(a);
  });

  it("a schema without names or places carries none of their data", () => {
    const plain = readFileSync(bundles.plain, "utf8");
    // (Booleans, not toContain: a failure must not print a bundle.)
    expect(plain.includes("Mary|Anna")).toBe(false);
    expect(plain.includes("AK|AL|AR|AZ|CA")).toBe(false);
    expect(statSync(bundles.places).size - statSync(bundles.plain).size).toBeGreaterThan(1_000_000);
    const names = readFileSync(bundles.names, "utf8");
    expect(names.includes("Mary|Anna")).toBe(true);
    expect(names.includes("AK|AL|AR|AZ|CA")).toBe(false); // names only: no places
  });
});
