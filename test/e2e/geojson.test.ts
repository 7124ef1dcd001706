/**
 * `--format geojson` checked against RFC 7946 by an independent validator (@placemarkio/check-geojson,
 * by the author of geojsonhint): points, lines, null geometries; properties equal the JSONL run's other
 * columns; bad `geo:` lines are DG5130 at their span.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "@placemarkio/check-geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { readJsonl } from "../helpers/parquet.js";

const schema = join(repoRoot, "test", "fixtures", "geojson", "places.dgen");
const dir = tempDir("geojson");
const bundle = join(dir, "places.mjs");

interface Feature {
  type: string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

beforeAll(async () => {
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.code, built.stderr).toBe(0);
  for (const f of ["geojson", "jsonl"]) {
    const r = await node(bundle, ["--out", join(dir, f), "--format", f]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

const features = (table: string): Feature[] =>
  (JSON.parse(readFileSync(join(dir, "geojson", `${table}.geojson`), "utf8")) as { features: Feature[] }).features;

describe("geojson", () => {
  it("every file is a valid RFC 7946 FeatureCollection", () => {
    for (const t of ["stops", "routes", "plain"]) {
      const text = readFileSync(join(dir, "geojson", `${t}.geojson`), "utf8");
      expect(() => check(text), t).not.toThrow();
      expect(JSON.parse(text).type).toBe("FeatureCollection");
    }
  });

  it("points come from point(lon, lat); the other columns are the properties, as in JSON", () => {
    const rows = readJsonl(join(dir, "jsonl", "stops.jsonl"));
    const f = features("stops");
    expect(f).toHaveLength(rows.length);
    for (const [i, r] of rows.entries()) {
      expect(f[i].properties).toEqual({ id: r.id, name: r.name });
      if (r.lat === null) expect(f[i].geometry).toBeNull();
      else expect(f[i].geometry).toEqual({ type: "Point", coordinates: [r.lon, r.lat] });
    }
    expect(rows.some((r) => r.lat === null)).toBe(true);
  });

  it("lines come from line(c), a flat array taken two by two; a table without geo: has null geometries", () => {
    const rows = readJsonl(join(dir, "jsonl", "routes.jsonl"));
    for (const [i, r] of rows.entries()) {
      const p = r.path as number[];
      expect(features("routes")[i].geometry).toEqual({ type: "LineString", coordinates: [[p[0], p[1]], [p[2], p[3]]] });
      expect(features("routes")[i].properties).toEqual({ id: r.id, label: r.label });
    }
    expect(features("plain").map((f) => f.geometry)).toEqual([null, null, null]);
  });

  it("refuses a geo: line that names no column, a non-number, or the wrong form (DG5130)", async () => {
    const bad = join(dir, "bad.dgen");
    writeFileSync(
      bad,
      [
        "dataset b { seed: 1 }",
        "table a {\n  rows: 2\n  lon float = 1.5\n  lat float = 2.5\n  geo: point(lon, lati)\n}",
        "table b {\n  rows: 2\n  lon string = \"x\"\n  lat float = 2.5\n  geo: point(lon, lat)\n}",
        "table c {\n  rows: 2\n  lon float = 1.5\n  geo: polygon(lon)\n}",
      ].join("\n"),
    );
    const r = await dgen(["check", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5130]: Invalid 'geo:' line in table 'a': 'lati' is not a column of the table.");
    expect(r.stderr).toContain("did you mean 'lat'?");
    expect(r.stderr).toContain("table 'b': column 'lon' is string; a coordinate is a number");
    expect(r.stderr).toContain("table 'c': expected point(lon_column, lat_column) or line(column)");
  });
});
