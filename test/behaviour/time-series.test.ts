/**
 * Time-series tables (spec §4 `rows: per P every D from A to B`, `tick`, §5 series terms) driven like a
 * user: the specification's sensors example through `dgen generate` and its bundle, read back with
 * csv-parse. One row per 5-minute step of [2024-01-01, 2024-01-08) for every sensor (7 × 288 = 2016),
 * the same bytes with any worker count and shard split (shards take whole series), random access
 * through the compiled module's `reading(i)` equal to the written row, and series values that depend
 * only on (seed, table, column, parent, step): not on other columns, nor on the redraws of checks.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Program } from "../../runtime/contract.js";
import { planRun } from "../../runtime/run-plan.js";
import { dgen, listFiles, node, repoRoot, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv, type Csv } from "../helpers/csv.js";
import { readParquet } from "../helpers/parquet.js";
import { bundleModule, typecheck } from "../helpers/typescript.js";

const root = tempDir("time-series");
const SENSORS = join(repoRoot, "test", "fixtures", "spec", "sensors.dgen");
const PARENTS = 20;
const STEPS = 7 * 288; // 5-minute steps in a week
const FROM = Date.UTC(2024, 0, 1);
const STEP_MS = 5 * 60_000;

const single = join(root, "single");
const bundlePath = join(root, "sensors.mjs");
const genDir = join(root, "gen");
let generate: Ran;
let build: Ran;
let compile: Ran;
let readings: Csv;
/** The compiled module, bundled and imported. */
let mod: { program: Program; reading(i: number): Record<string, unknown>; sensor(i: number): Record<string, unknown> };

function ok(r: Ran, what: string): void {
  expect(
    r.stderr.split("\n").filter((l) => l.startsWith("error")),
    `${what}: ${r.stderr}`,
  ).toEqual([]);
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
}

beforeAll(async () => {
  [generate, build, compile] = await Promise.all([
    dgen([
      "generate",
      SENSORS,
      "--format",
      "csv",
      "--partition",
      "none",
      "--out",
      single,
      "--rows",
      `sensors=${PARENTS}`,
    ]),
    dgen(["build", SENSORS, "-o", bundlePath]),
    dgen(["compile", SENSORS, "-o", genDir]),
  ]);
  ok(generate, "generate");
  ok(build, "build");
  ok(compile, "compile");
  readings = readCsv(join(single, "readings.csv"));
  const moduleFile = join(root, "sensors-module.mjs");
  await bundleModule(root, join(genDir, "sensors.ts"), moduleFile);
  mod = (await import(pathToFileURL(moduleFile).href)) as typeof mod;
  mod.program.configure({ seed: mod.program.seed, rows: { sensors: PARENTS } });
}, 120_000);

describe("sensors.dgen as CSV", () => {
  it("writes one CSV file per table with --partition none (no warning about parquet: --format csv chose CSV)", () => {
    expect(generate.stderr).not.toContain("warning");
    expect(generate.stderr).not.toContain("parquet");
    expect(listFiles(single)).toEqual(["_manifest.json", "readings.csv", "sensors.csv"]);
    expect(generate.stdout).toContain(`readings: ${PARENTS * STEPS} rows`);
  });

  it("has one row per 5-minute step of [2024-01-01, 2024-01-08) for every sensor, parent by parent", () => {
    expect(readings.header).toEqual(["sensor_id", "at", "value", "status"]);
    expect(readings.rows).toHaveLength(PARENTS * STEPS);
    const ids = column(readCsv(join(single, "sensors.csv")), "id");
    const sensorIds = column(readings, "sensor_id");
    const at = column(readings, "at");
    for (let i = 0; i < readings.rows.length; i++) {
      const p = Math.floor(i / STEPS);
      const k = i % STEPS;
      if (sensorIds[i] !== ids[p]) expect(sensorIds[i], `row ${i}`).toBe(ids[p]);
      const ms = Date.parse(at[i]!);
      if (ms !== FROM + k * STEP_MS)
        expect(new Date(ms).toISOString(), `row ${i}`).toBe(new Date(FROM + k * STEP_MS).toISOString());
    }
    expect(at[0]).toBe("2024-01-01T00:00:00Z");
    expect(at[STEPS - 1]).toBe("2024-01-07T23:55:00Z"); // the range is half-open: 2024-01-08 itself is not a tick
  });

  it("(sensor_id, at) is unique, as its unique(...) line promises", () => {
    const pairs = readings.rows.map((r) => `${r[0]}|${r[1]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("values are numbers rounded to 3 places around 20, moving smoothly along each series", () => {
    const values = column(readings, "value").map(Number);
    expect(values.every((x) => Number.isFinite(x) && Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 20.7)).toBeLessThan(1.5); // 20 + trend 0.2/day over a week (mean 0.7) + a small walk
    // Step-to-step changes are far smaller than the spread of the whole column: a series, not noise.
    let jumps = 0;
    for (let i = 1; i < values.length; i++) if (i % STEPS !== 0) jumps += Math.abs(values[i]! - values[i - 1]!);
    const meanJump = jumps / (values.length - PARENTS);
    const sd = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / values.length);
    expect(meanJump).toBeLessThan(sd / 4); // independent draws would give about 1.13 sd
  });
});

describe("workers and shards", () => {
  it("--workers 1 and --workers 3 write the same bytes as the single run", async () => {
    const [w1, w3] = ["w1", "w3"].map((n) => join(root, n));
    const runs = await Promise.all([
      node(bundlePath, [
        "--out",
        w1,
        "--format",
        "csv",
        "--partition",
        "none",
        "--rows",
        `sensors=${PARENTS}`,
        "--workers",
        "1",
      ]),
      node(bundlePath, [
        "--out",
        w3,
        "--format",
        "csv",
        "--partition",
        "none",
        "--rows",
        `sensors=${PARENTS}`,
        "--workers",
        "3",
      ]),
    ]);
    runs.forEach((r, i) => ok(r, `workers run ${i}`));
    const whole = readFileSync(join(single, "readings.csv"));
    expect(readFileSync(join(w1, "readings.csv")).equals(whole)).toBe(true);
    expect(readFileSync(join(w3, "readings.csv")).equals(whole)).toBe(true);
  }, 60_000);

  it("--shard 1/3..3/3 take whole series, and joined they are the single run byte for byte", async () => {
    const sharded = join(root, "shards");
    mkdirSync(sharded);
    const runs = await Promise.all(
      [1, 2, 3].map((i) =>
        node(bundlePath, [
          "--out",
          sharded,
          "--format",
          "csv",
          "--partition",
          "none",
          "--rows",
          `sensors=${PARENTS}`,
          "--shard",
          `${i}/3`,
        ]),
      ),
    );
    runs.forEach((r, i) => ok(r, `shard ${i + 1}`));
    const whole = readFileSync(join(single, "readings.csv"), "utf8");
    const header = whole.slice(0, whole.indexOf("\n") + 1);
    const texts = [0, 1, 2].map((i) => readFileSync(join(sharded, `readings/part-0000${i}.csv`), "utf8"));
    for (const t of texts) expect(t.startsWith(header)).toBe(true);
    expect(header + texts.map((t) => t.slice(header.length)).join("") === whole).toBe(true);
    // 20 series split over 3 shards: 6, 7 and 7 whole series (never 6.67 of one)
    const rows = texts.map((t) => t.split("\n").length - 2);
    expect(rows).toEqual([6 * STEPS, 7 * STEPS, 7 * STEPS]);
  }, 60_000);

  it("the run plan cuts chunks and shards only between whole series", () => {
    const t = mod.program.tables.find((x) => x.name === "readings")!;
    expect(t.seriesLength).toBe(STEPS);
    for (const shard of [undefined, { index: 1, count: 3 }, { index: 2, count: 3 }, { index: 3, count: 7 }]) {
      const planned = planRun(
        mod.program,
        { rows: { sensors: PARENTS }, format: "csv", ...(shard ? { shard } : {}) },
        4,
      );
      const f = planned.plan!.files.find((x) => x.table.name === "readings")!;
      expect(f.from % STEPS).toBe(0);
      expect(f.to % STEPS).toBe(0);
      expect(f.chunkRows % STEPS).toBe(0);
      expect(f.chunkRows).toBeGreaterThan(0);
    }
  });
});

describe("random access and determinism", () => {
  it("the emitted module (series state, tick, the row functions) type-checks with tsc --strict", async () => {
    const r = await typecheck(root, ["gen/sensors.ts"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);

  it("reading(i) equals the written row, in any order, in the middle of a series", () => {
    const picks = [
      5 * STEPS + 1234,
      3,
      19 * STEPS + 2015,
      5 * STEPS + 1233,
      5 * STEPS + 1235,
      0,
      11 * STEPS + 1000,
      12,
    ];
    for (const i of picks) {
      const row = mod.reading(i);
      const csv = readings.rows[i]!;
      expect([String(row.sensor_id), row.at, String(row.value), row.status], `row ${i}`).toEqual(csv);
    }
  });

  it("adding columns (one of them another walk) leaves the value column and the sensors unchanged", async () => {
    const text = readFileSync(SENSORS, "utf8");
    const added = text
      .replace("  value     float", "  drift     float     = walk(sd: 1)\n  value     float")
      .replace("  status    string", "  noise     float     = normal(0, 1)\n  status    string");
    expect(added).not.toBe(text);
    const schema = join(root, "sensors-added.dgen");
    writeFileSync(schema, added);
    const out = join(root, "added");
    const r = await dgen([
      "generate",
      schema,
      "--format",
      "csv",
      "--partition",
      "none",
      "--out",
      out,
      "--rows",
      `sensors=${PARENTS}`,
    ]);
    ok(r, "generate with added columns");
    const after = readCsv(join(out, "readings.csv"));
    expect(column(after, "value")).toEqual(column(readings, "value"));
    expect(column(after, "at")).toEqual(column(readings, "at"));
    expect(readFileSync(join(out, "sensors.csv"))).toEqual(readFileSync(join(single, "sensors.csv")));
  }, 60_000);

  it("a series does not move when a check redraws its row; walk starts at 0 and gbm at s0", async () => {
    const base = `
dataset ts { seed: 9 }
table s { rows: 4  id int @pk = sequence(1) }
table r {
  rows: per s every 1h from 2024-03-01 to 2024-03-03
  w     float = walk(sd: 1)
  g     float = gbm(s0: 50, mu: 0.1, sigma: 0.3)
  x     float = normal(0, 1)
}
`;
    const checked = base.replace("  x     float = normal(0, 1)\n", "  x     float = normal(0, 1)\n  check x > 0\n");
    expect(checked).not.toBe(base);
    const paths = ["plain", "checked"].map((n) => join(root, `${n}.dgen`));
    writeFileSync(paths[0]!, base);
    writeFileSync(paths[1]!, checked);
    const outs = ["plain-out", "checked-out"].map((n) => join(root, n));
    const runs = await Promise.all(
      paths.map((p, i) => dgen(["generate", p, "--format", "csv", "--partition", "none", "--out", outs[i]!])),
    );
    runs.forEach((x, i) => ok(x, `run ${i}`));
    const [plain, redrawn] = outs.map((o) => readCsv(join(o, "r.csv")));
    // the check really redrew rows: x is positive everywhere and differs from the unchecked run
    expect(column(redrawn!, "x").every((v) => Number(v) > 0)).toBe(true);
    expect(column(redrawn!, "x")).not.toEqual(column(plain!, "x"));
    expect(column(redrawn!, "w")).toEqual(column(plain!, "w"));
    expect(column(redrawn!, "g")).toEqual(column(plain!, "g"));
    const w = column(plain!, "w").map(Number);
    const g = column(plain!, "g").map(Number);
    expect(plain!.rows).toHaveLength(4 * 48);
    for (let p = 0; p < 4; p++) {
      expect(w[p * 48]).toBe(0);
      expect(g[p * 48]).toBe(50);
      expect(w[p * 48 + 1]).not.toBe(0);
    }
    // the series of different parents differ
    expect(w.slice(0, 48)).not.toEqual(w.slice(48, 96));
  }, 60_000);
});

describe("the schema's own output (Parquet)", () => {
  it("`dgen generate sensors.dgen` writes Parquet files by day that an independent reader reads", async () => {
    const cwd = join(root, "parquet-cwd");
    mkdirSync(cwd);
    const r = await dgen(["generate", SENSORS, "--rows", `sensors=${PARENTS}`], { cwd });
    expect(r.code).toBe(0);
    expect(stackLines(r.stderr)).toEqual([]);
    const out = join(cwd, "out", "sensors");
    const days = listFiles(join(out, "readings")).sort();
    expect(days[0]).toBe("at_day=2024-01-01/part-00000.parquet");
    expect(days).toHaveLength(7);
    const readings = (await Promise.all(days.map((f) => readParquet(join(out, "readings", f))))).flat();
    expect(readings).toHaveLength(PARENTS * STEPS);
    expect((readings[1].at as Date).getTime()).toBe(FROM + STEP_MS);
    expect(await readParquet(join(out, "sensors.parquet"))).toHaveLength(PARENTS);
  }, 60_000);
});
