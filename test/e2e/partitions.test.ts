/**
 * `partition: t by expr` (v2 §16) through the CLI: the spec's sensors example writes
 * `readings/at_day=YYYY-MM-DD/part-00000.parquet`; DuckDB reads the folders back with
 * `hive_partitioning` and finds the rows of the unpartitioned run; CSV and JSON pieces joined equal the
 * unpartitioned file's rows; workers 1 and 2 write the same bytes; shards write `part-0000<shard>` into
 * the same folders; the manifest lists every file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, repoRoot, tempDir } from "../helpers/cli.js";
import { lit, manifestTables, sql } from "../helpers/parquet.js";

const schema = join(repoRoot, "examples", "sensors.dgen");
const dir = tempDir("partitions");
const bundle = join(dir, "sensors.mjs");
const small = ["--rows", "sensors=40", "--quiet"];
const out = (name: string) => join(dir, name);

async function ok(args: string[]): Promise<void> {
  const r = await node(bundle, [...small, ...args], { timeoutMs: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

beforeAll(async () => {
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.stderr).toBe("");
  await Promise.all([
    ok(["--out", out("pq1"), "--workers", "1"]),
    ok(["--out", out("pq2"), "--workers", "2"]),
    ok(["--out", out("pqn"), "--partition", "none"]),
  ]);
  await Promise.all([
    ok(["--out", out("csv"), "--format", "csv", "--workers", "2"]),
    ok(["--out", out("csvn"), "--format", "csv", "--partition", "none"]),
    ok(["--out", out("json"), "--format", "json"]),
    ok(["--out", out("jsonn"), "--format", "json", "--partition", "none"]),
  ]);
  await ok(["--out", out("shards"), "--format", "csv", "--shard", "1/2"]);
  await ok(["--out", out("shards"), "--format", "csv", "--shard", "2/2"]);
}, 180_000);

const days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06", "2024-01-07"];

/** Data lines of CSV files without their header, sorted. */
function csvLines(files: string[]): { header: string; lines: string[] } {
  let header = "";
  const lines: string[] = [];
  for (const f of files) {
    const [h, ...rest] = readFileSync(f, "utf8").split("\n");
    header = h!;
    lines.push(...rest.filter((l) => l !== ""));
  }
  return { header, lines: lines.sort() };
}

describe("partitions", () => {
  it("writes the spec's sensors example as readings/at_day=<day>/part-00000.parquet, listed in the manifest", () => {
    const files = listFiles(out("pq1")).filter((f) => !f.startsWith("_manifest"));
    expect(files.sort()).toEqual(
      ["sensors.parquet", ...days.map((d) => `readings/at_day=${d}/part-00000.parquet`)].sort(),
    );
    const listed = manifestTables(out("pq1")).flatMap((t) => t.files.map((f) => f.path));
    expect(listed.sort()).toEqual(files.sort());
  });

  it("reads back with DuckDB hive_partitioning as the rows of the unpartitioned run", async () => {
    const cols = 'sensor_id, CAST("at" AS VARCHAR), CAST("value" AS VARCHAR), status';
    const got = await sql(
      `SELECT ${cols}, at_day, strftime("at", '%Y-%m-%d') FROM read_parquet(${lit(join(out("pq1"), "readings", "**", "*.parquet"))}, hive_partitioning = true) ORDER BY sensor_id, "at"`,
    );
    const want = await sql(
      `SELECT ${cols} FROM read_parquet(${lit(join(out("pqn"), "readings.parquet"))}) ORDER BY sensor_id, "at"`,
    );
    expect(got.length).toBe(40 * 7 * 288);
    expect(got.map((r) => r.slice(0, 4))).toEqual(want);
    for (const r of got) expect(String(r[4])).toBe(r[5]);
  });

  it("writes the same bytes with 1 and 2 workers", () => {
    const files = listFiles(out("pq1"));
    expect(listFiles(out("pq2")).sort()).toEqual(files.sort());
    for (const f of files)
      expect(readFileSync(join(out("pq2"), f)).equals(readFileSync(join(out("pq1"), f))), f).toBe(true);
  });

  it("splits CSV into per-day files whose rows are the unpartitioned file's", () => {
    const parts = listFiles(out("csv")).filter((f) => f.startsWith("readings/"));
    expect(parts.sort()).toEqual(days.map((d) => `readings/at_day=${d}/part-00000.csv`));
    const got = csvLines(parts.map((f) => join(out("csv"), f)));
    const want = csvLines([join(out("csvn"), "readings.csv")]);
    expect(got.header).toBe(want.header);
    expect(got.lines).toEqual(want.lines);
    for (const d of days) {
      const { lines } = csvLines([join(out("csv"), `readings/at_day=${d}/part-00000.csv`)]);
      for (const l of lines) expect(l.split(",")[1]!.slice(0, 10)).toBe(d);
    }
  });

  it("keeps every JSON partition a valid array (pieces of several chunks joined)", () => {
    const want = JSON.parse(readFileSync(join(out("jsonn"), "readings.json"), "utf8")) as unknown[];
    const got = days.flatMap(
      (d) => JSON.parse(readFileSync(join(out("json"), `readings/at_day=${d}/part-00000.json`), "utf8")) as unknown[],
    );
    const key = (r: unknown) => JSON.stringify(r);
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
  });

  it("lets shards write their own part files into the same folders", () => {
    const parts = listFiles(out("shards")).filter((f) => f.startsWith("readings/"));
    for (const d of days) {
      expect(parts).toContain(`readings/at_day=${d}/part-00000.csv`);
      expect(parts).toContain(`readings/at_day=${d}/part-00001.csv`);
    }
    const got = csvLines(parts.map((f) => join(out("shards"), f)));
    expect(got.lines).toEqual(csvLines([join(out("csvn"), "readings.csv")]).lines);
    const listed = [
      ...manifestTables(out("shards"), "_manifest.part-00000.json"),
      ...manifestTables(out("shards"), "_manifest.part-00001.json"),
    ].flatMap((t) => t.files.map((f) => f.path));
    expect(listed.sort()).toEqual(
      listFiles(out("shards"))
        .filter((f) => !f.startsWith("_manifest"))
        .sort(),
    );
  });

  it("refuses more partitions than a table may have, leaving no file under a final name", async () => {
    const r = await node(bundle, [
      "--rows",
      "sensors=600",
      "--quiet",
      "--out",
      out("many"),
      "--tables",
      "sensors",
      "--partition",
      "sensors by id",
      "--format",
      "csv",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG7051");
    expect(listFiles(out("many")).filter((f) => f.endsWith(".csv"))).toEqual([]);
  });

  it("refuses partitions for XLSX and a bad --partition", async () => {
    const x = await node(bundle, [...small, "--out", out("x"), "--format", "xlsx"]);
    expect(x.code).not.toBe(0);
    expect(x.stderr).toContain("DG8050");
    const b = await node(bundle, [...small, "--out", out("b"), "--partition", "readings by week(at)"]);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain("DG8001");
  });

  it("checks partition: in the schema (DG5131, DG5132)", async () => {
    const bad = join(dir, "bad.dgen");
    const text = readFileSync(schema, "utf8");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(bad, text.replace("partition: readings by day(at)", "partition: reading by day(at)"));
    const r1 = await dgen(["check", bad]);
    expect(r1.stderr).toContain("DG5131");
    writeFileSync(bad, text.replace("partition: readings by day(at)", "partition: readings by day(status)"));
    const r2 = await dgen(["check", bad]);
    expect(r2.stderr).toContain("DG5132");
  });
});
