/**
 * Every example as Parquet, read back by hyparquet (every value equals the JSONL run of the same
 * bundle and seed) and by DuckDB (row counts equal the manifest's). Small scales keep it quick.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { expectSameAsJsonl, lit, manifestTables, sql } from "../helpers/parquet.js";

const dir = tempDir("parquet-examples");
const env = { DGEN_KEY: "11".repeat(32), DGEN_MASK_KEY: "22".repeat(16) };

const examples: ReadonlyArray<[string, string[], string[]]> = [
  ["shop", [], ["--scale", "0.02"]],
  ["people", [], ["--scale", "0.01"]],
  ["sensors", [], ["--rows", "sensors=3"]],
  ["library", [], ["--scale", "0.02"]],
  ["saas", [], ["--scale", "0.02"]],
  ["company", [], []],
  ["tpch", ["--param", "sf=0.01"], []],
];

describe("every example as Parquet", () => {
  it.each(examples)("%s: hyparquet reads the JSONL run's values, DuckDB its row counts", async (name, build, run) => {
    const bundle = join(dir, `${name}.mjs`);
    const built = await dgen(["build", join(repoRoot, "examples", `${name}.dgen`), "-o", bundle, ...build]);
    expect(built.code, built.stderr).toBe(0);
    const pq = join(dir, `${name}-pq`);
    const jl = join(dir, `${name}-jl`);
    const runs = await Promise.all(
      [
        // one file per table (sensors.dgen partitions its readings by day: test/e2e/partitions.test.ts)
        ["--out", pq, "--format", "parquet", "--partition", "none"],
        ["--out", jl, "--format", "jsonl", "--partition", "none"],
      ].map((args) => node(bundle, [...args, ...run], { env, cwd: dir })),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    await expectSameAsJsonl(pq, jl);
    for (const t of manifestTables(pq)) {
      const n = await sql(`SELECT count(*) FROM read_parquet(${lit(join(pq, `${t.name}.parquet`))})`);
      expect(Number(n[0][0])).toBe(t.rows);
    }
  }, 60_000);
});
