/**
 * Issue 8 item 14: faker methods declared on a base class of their module (`faker.date.past`,
 * `faker.location.latitude`, `faker.helpers.arrayElement`) are accepted like any other, typed by
 * sampling, and driven by the cell's stream: two runs, and runs with different worker counts, write
 * the same bytes. Date methods take the dataset's epoch as their reference date, never the clock.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv, type Csv } from "../helpers/csv.js";
import { folderHashes } from "../helpers/hash.js";

const root = tempDir("faker-inherited");
const EPOCH = Date.UTC(2024, 5, 1);

// More than one 32 768-row chunk, so the worker count matters.
const SCHEMA = `
dataset inherited { seed: 11  epoch: 2024-06-01 }
table people {
  rows: 33_000
  id      int       @pk = sequence(1)
  born    timestamp     = faker.date.birthdate()
  seen    timestamp     = faker.date.recent()
  before  timestamp     = faker.date.past()
  within  timestamp     = faker.date.between({ from: 2020-01-01, to: 2020-12-31 })
  lat     float         = faker.location.latitude()
  lon     float         = faker.location.longitude({ max: 10, min: -10 })
  near    float[]       = faker.location.nearbyGPSCoordinate()
  tier    string        = faker.helpers.arrayElement(["gold", "silver", "bronze"])
  slug    string        = faker.helpers.slugify("Hello World")
}
`;

const dirs = { one: join(root, "one"), again: join(root, "again"), workers: join(root, "workers") };
let path = "";
let csv: Csv;

function ok(r: Ran, what: string): void {
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

beforeAll(async () => {
  path = join(root, "inherited.dgen");
  writeFileSync(path, SCHEMA);
  // Building succeeds only if every method is accepted; the bundle then runs three times.
  const bundle = join(root, "inherited.mjs");
  ok(await dgen(["build", path, "-o", bundle]), "build");
  const runs = await Promise.all([
    node(bundle, ["--out", dirs.one, "--workers", "1"]),
    node(bundle, ["--out", dirs.again, "--workers", "1"]),
    node(bundle, ["--out", dirs.workers, "--workers", "2"]),
  ]);
  runs.forEach((r, i) => ok(r, `run ${i}`));
  csv = readCsv(join(dirs.one, "people.csv"));
}, 120_000);

describe("inherited faker methods", () => {
  it("write the same bytes twice and with any worker count", () => {
    const one = folderHashes(dirs.one);
    expect(Object.keys(one)).toContain("people.csv");
    expect(folderHashes(dirs.again)).toEqual(one);
    expect(folderHashes(dirs.workers)).toEqual(one);
  });

  it("date methods count from the dataset's epoch, not from today", () => {
    const ms = (name: string) => column(csv, name).map((x) => Date.parse(x!));
    const year = 365.25 * 86_400_000;
    const outside = (name: string, lo: number, hi: number) => ms(name).filter((t) => !(t >= lo && t <= hi));
    expect(outside("seen", EPOCH - 86_400_000, EPOCH)).toEqual([]);
    expect(outside("before", EPOCH - year - 86_400_000, EPOCH)).toEqual([]);
    expect(outside("born", EPOCH - 82 * year, EPOCH - 17 * year)).toEqual([]);
    expect(outside("within", Date.UTC(2020, 0, 1), Date.UTC(2020, 11, 31))).toEqual([]);
  });

  it("helpers pick from their list argument and locations are numbers in range", () => {
    expect(new Set(column(csv, "tier"))).toEqual(new Set(["gold", "silver", "bronze"]));
    expect(new Set(column(csv, "slug"))).toEqual(new Set(["Hello-World"]));
    expect(column(csv, "lat").filter((x) => !(Math.abs(Number(x)) <= 90))).toEqual([]);
    expect(column(csv, "lon").filter((x) => !(Math.abs(Number(x)) <= 10))).toEqual([]);
    for (const x of column(csv, "near").slice(0, 100)) {
      const pair = JSON.parse(x!) as unknown[];
      expect(pair.length).toBe(2);
      expect(pair.every((n) => typeof n === "number")).toBe(true);
    }
  });
});
