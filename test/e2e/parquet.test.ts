/**
 * `--format parquet` read back by readers that are not ours: DuckDB for the logical types, the
 * schema's nullability, encodings and statistics; hyparquet for every value, compared with the JSONL
 * run of the same schema and seed. Workers and shards give the same rows (and workers the same bytes).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { expectSameAsJsonl, lit, manifestTables, readJsonl, readParquet, sql } from "../helpers/parquet.js";

const schema = join(repoRoot, "test", "fixtures", "parquet", "types.dgen");
const hostile = join(repoRoot, "test", "emit", "hostile-strings", "schema.dgen");
const dir = tempDir("parquet");
const pq = join(dir, "pq");
const jl = join(dir, "jl");

const bundle = join(dir, "types.mjs");

/** Runs the schema's bundle (built once by `dgen build`) with `args`. */
async function ok(args: string[], program = bundle): Promise<void> {
  const r = await node(program, args, { timeoutMs: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

beforeAll(async () => {
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.stderr).toBe("");
  await Promise.all([ok(["--out", pq, "--format", "parquet"]), ok(["--out", jl, "--format", "jsonl"])]);
}, 120_000);

describe("parquet", () => {
  it("has the logical types of the columns (DuckDB DESCRIBE)", async () => {
    const types = async (t: string) =>
      Object.fromEntries((await sql(`DESCRIBE SELECT * FROM read_parquet(${lit(join(pq, t))})`)).map((r) => [r[0], r[1]]));
    expect(await types("things.parquet")).toEqual({
      id: "BIGINT",
      small: "SMALLINT",
      mid: "INTEGER",
      big: "BIGINT",
      score: "DOUBLE",
      d8: "DECIMAL(8,3)",
      d15: "DECIMAL(15,2)",
      name: "VARCHAR",
      ok: "BOOLEAN",
      born: "DATE",
      seen: "TIMESTAMP WITH TIME ZONE",
      key: "UUID",
      level: "VARCHAR",
      meta: "JSON",
    });
    expect(await types("extras.parquet")).toEqual({
      id: "BIGINT",
      raw: "BLOB",
      tags: "VARCHAR[]",
      nums: "BIGINT[]",
      note: "VARCHAR",
    });
  });

  it("takes nullability from the schema and writes physical types, encodings and statistics", async () => {
    const file = lit(join(pq, "things.parquet"));
    const schemaRows = await sql(`SELECT name, type, repetition_type, logical_type FROM parquet_schema(${file})`);
    const rep = Object.fromEntries(schemaRows.map((r) => [r[0], r[2]]));
    expect(rep.name).toBe("OPTIONAL");
    expect(rep.born).toBe("OPTIONAL");
    expect(rep.id).toBe("REQUIRED");
    expect(rep.key).toBe("REQUIRED");
    const phys = Object.fromEntries(schemaRows.map((r) => [r[0], r[1]]));
    expect(phys).toMatchObject({ d8: "INT32", d15: "INT64", key: "FIXED_LEN_BYTE_ARRAY", born: "INT32", seen: "INT64" });
    const meta = await sql(
      `SELECT path_in_schema, compression, encodings, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata(${file})`,
    );
    const col = (name: string) => meta.find((r) => r[0] === name)!;
    expect(col("id")[1]).toBe("SNAPPY");
    expect(String(col("level")[2])).toContain("RLE_DICTIONARY");
    expect(String(col("score")[2])).not.toContain("DICTIONARY");
    expect([col("id")[3], col("id")[4]]).toEqual(["1", "300"]);
    const jsonl = readJsonl(join(jl, "things.jsonl"));
    expect(Number(col("name")[5])).toBe(jsonl.filter((r) => r.name === null).length);
    const nullNames = await sql(`SELECT count(*) FROM read_parquet(${file}) WHERE name IS NULL`);
    expect(Number(nullNames[0][0])).toBe(jsonl.filter((r) => r.name === null).length);
  });

  it("holds every value of the JSONL run (hyparquet)", async () => {
    await expectSameAsJsonl(pq, jl);
  });

  it("DuckDB reads the same values as hyparquet", async () => {
    const rows = await sql(
      `SELECT a.id, small, d8::VARCHAR, strftime(seen, '%Y-%m-%dT%H:%M:%SZ'), key::VARCHAR, tags, nums
       FROM read_parquet(${lit(join(pq, "things.parquet"))}) a JOIN read_parquet(${lit(join(pq, "extras.parquet"))}) b ON a.id = b.id
       ORDER BY a.id LIMIT 50`,
    );
    const things = readJsonl(join(jl, "things.jsonl"));
    const extras = readJsonl(join(jl, "extras.jsonl"));
    for (const [i, r] of rows.entries()) {
      expect(r[0]).toBe(String(things[i].id));
      expect(r[1]).toBe(things[i].small);
      expect(Number(r[2])).toBe(things[i].d8);
      expect(r[3]).toBe(things[i].seen);
      expect(r[4]).toBe(things[i].key);
      expect(r[5]).toEqual(extras[i].tags);
      expect((r[6] as string[]).map(Number)).toEqual(extras[i].nums);
    }
  });

  it("writes zstd, gzip, brotli and uncompressed pages with the same values", async () => {
    for (const c of ["zstd", "gzip", "brotli", "none"]) {
      const out = join(dir, `c-${c}`);
      await ok(["--out", out, "--format", "parquet", "--compression", c]);
      const m = await sql(`SELECT DISTINCT compression FROM parquet_metadata(${lit(join(out, "things.parquet"))})`);
      expect(m).toEqual([[c === "none" ? "UNCOMPRESSED" : c.toUpperCase()]]);
      await expectSameAsJsonl(out, jl);
    }
  });

  it("refuses a compression that is not a Parquet codec, and snappy for text formats", async () => {
    const r = await node(bundle, ["--out", join(dir, "bad"), "--format", "parquet", "--compression", "lz4"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("'lz4' is not a Parquet compression");
    const s = await node(bundle, ["--out", join(dir, "bad2"), "--format", "csv", "--compression", "snappy"]);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain("'snappy' is not a compression");
  });

  it("reads the hostile-strings case back exactly", async () => {
    const a = join(dir, "hostile-pq");
    const b = join(dir, "hostile-jl");
    const program = join(dir, "hostile.mjs");
    expect((await dgen(["build", hostile, "-o", program])).code).toBe(0);
    await Promise.all([ok(["--out", a, "--format", "parquet"], program), ok(["--out", b, "--format", "jsonl"], program)]);
    await expectSameAsJsonl(a, b);
    const t = manifestTables(b)[0];
    const n = await sql(`SELECT count(*) FROM read_parquet(${lit(join(a, `${t.name}.parquet`))})`);
    expect(Number(n[0][0])).toBe(t.rows);
  });

  it("writes the same bytes with 1 and 2 workers, and the same rows in shards", async () => {
    const rows = ["--rows", "extras=140000", "--tables", "extras", "--format", "parquet"];
    const one = join(dir, "w1");
    const two = join(dir, "w2");
    const s1 = join(dir, "s1");
    const s2 = join(dir, "s2");
    const zstd2 = join(dir, "w2-zstd");
    await Promise.all([
      ok(["--out", one, "--workers", "1", ...rows]),
      ok(["--out", two, "--workers", "2", ...rows]),
    ]);
    // zstd pages are compressed in the workers, after each loads the WebAssembly.
    await ok(["--out", zstd2, "--workers", "2", "--compression", "zstd", ...rows]);
    const zs = lit(join(zstd2, "extras.parquet"));
    const same = await sql(
      `SELECT (SELECT count(*) FROM (FROM read_parquet(${zs}) EXCEPT ALL FROM read_parquet(${lit(join(one, "extras.parquet"))}))),
              (SELECT count(*) FROM read_parquet(${zs}))`,
    );
    expect(same[0]!.map(Number)).toEqual([0, 140000]);
    await Promise.all([
      ok(["--out", s1, "--shard", "1/2", ...rows]),
      ok(["--out", s2, "--shard", "2/2", ...rows]),
    ]);
    const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
    expect(sha(join(two, "extras.parquet"))).toBe(sha(join(one, "extras.parquet")));
    const groups = await sql(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata(${lit(join(one, "extras.parquet"))})`);
    expect(Number(groups[0][0])).toBeGreaterThan(1);
    const whole = lit(join(one, "extras.parquet"));
    const parts = `[${lit(join(s1, "extras", "part-00000.parquet"))}, ${lit(join(s2, "extras", "part-00001.parquet"))}]`;
    const diff = await sql(
      `SELECT (SELECT count(*) FROM (FROM read_parquet(${whole}) EXCEPT ALL FROM read_parquet(${parts}))),
              (SELECT count(*) FROM (FROM read_parquet(${parts}) EXCEPT ALL FROM read_parquet(${whole}))),
              (SELECT count(*) FROM read_parquet(${parts}))`,
    );
    expect(diff[0].map(Number)).toEqual([0, 0, 140000]);
  }, 120_000);
});
