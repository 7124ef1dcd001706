/**
 * SQL files with hostile text and names (test/fixtures/sql/hostile.dgen) load back exactly with each
 * dialect's own client (test/helpers/sql-suite.ts); NUL is refused with the table, row and column;
 * the files are the same bytes for any worker count, statements are cut at global row indexes, and
 * shards written into one folder load together through `_load.sql`.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { sqliteLines, sqliteLoad, sqliteShell } from "../helpers/databases.js";
import { csvRows, dbRows, type ManifestColumn } from "../helpers/sql-rows.js";
import { sqlFileSuite } from "../helpers/sql-suite.js";

const fixtures = join(repoRoot, "test", "fixtures", "sql");
const hostile = join(fixtures, "hostile.dgen");
const hasSqlite = await sqliteShell();

sqlFileSuite("hostile", { schema: hostile, build: [], run: [], insertInto: "order", direct: true });

describe("SQL output refuses NUL", () => {
  for (const dialect of ["postgres", "mysql", "sqlite", "mssql"]) {
    it(`stops with DG7040 naming table, row and column (${dialect}), leaving no file`, async () => {
      const out = join(tempDir("sql-nul"), "out");
      const r = await dgen(["generate", join(fixtures, "nul.dgen"), "--format", "sql", "--dialect", dialect, "--out", out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error[DG7040]: Row 7 of table 'notes': column 'body' holds a NUL character");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });
  }
});

describe("SQL output needs a dialect", () => {
  it("stops with DG8040 (exit 2) when none is given, and DG8001 for an unknown one", async () => {
    const out = join(tempDir("sql-dialect"), "out");
    const none = await dgen(["generate", join(fixtures, "nul.dgen"), "--format", "sql", "--out", out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error[DG8040]: Output format 'sql' needs a dialect");
    const bad = await dgen(["generate", join(fixtures, "nul.dgen"), "--format", "sql", "--dialect", "postgre", "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error[DG8001]: Invalid --dialect: 'postgre' is not a SQL dialect");
    expect(bad.stderr).toContain("did you mean 'postgres'?");
    const gz = await dgen(["generate", join(fixtures, "nul.dgen"), "--format", "sql", "--dialect", "sqlite", "--compression", "gzip", "--out", out]);
    expect(gz.code).toBe(2);
    expect(gz.stderr).toContain("error[DG8001]: Invalid --compression: SQL files are written uncompressed");
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe("SQL files and workers, chunks and shards", () => {
  const root = tempDir("sql-split");
  const bundle = join(root, "hostile.mjs");
  const rows = ["--rows", "order=40000"]; // past one chunk (32 768 rows), which is not a multiple of a batch
  const dir = (d: string) => join(root, d);
  beforeAll(async () => {
    expect((await dgen(["build", hostile, "-o", bundle])).code).toBe(0);
    const runs = [
      ["one", "--workers", "1"],
      ["three", "--workers", "3"],
      ["shards", "--shard", "1/3", "--workers", "1"],
      ["shards", "--shard", "2/3", "--workers", "3"],
      ["shards", "--shard", "3/3", "--workers", "2"],
      ["shard2", "--shard", "2/3", "--workers", "1"],
    ].map(([d, ...flags]) => node(bundle, [...rows, "--format", "sql", "--dialect", "mysql", "--out", dir(d!), ...flags]));
    runs.push(node(bundle, [...rows, "--format", "csv", "--out", dir("csv")]));
    runs.push(node(bundle, [...rows, "--format", "sql", "--dialect", "sqlite", "--out", dir("sqlite-shards"), "--shard", "1/2"]));
    runs.push(node(bundle, [...rows, "--format", "sql", "--dialect", "sqlite", "--out", dir("sqlite-shards"), "--shard", "2/2"]));
    for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it("writes the same bytes with one worker or three", () => {
    for (const f of ["order.sql", "user.sql", "_schema.sql", "_load.sql"])
      expect(readFileSync(join(dir("three"), f)).equals(readFileSync(join(dir("one"), f))), f).toBe(true);
    const part = "order/part-00001.sql";
    expect(readFileSync(join(dir("shards"), part)).equals(readFileSync(join(dir("shard2"), part)))).toBe(true);
  });

  it("cuts one INSERT per 500 rows of global row index", () => {
    const text = readFileSync(join(dir("one"), "order.sql"), "utf8");
    const statements = text.split("INSERT INTO `order`").length - 1;
    expect(statements).toBe(Math.ceil(40000 / 500));
    // shard 2 of 3 starts at row 13 333: a statement at its first row, then at every multiple of 500
    const shard = readFileSync(join(dir("shards"), "order/part-00001.sql"), "utf8");
    const first = 13_333;
    const last = 26_666;
    expect(shard.split("INSERT INTO `order`").length - 1).toBe(1 + Math.floor((last - 1) / 500) - Math.floor(first / 500));
  });

  it.skipIf(!hasSqlite)("loads every shard's files through one _load.sql", async () => {
    const load = readFileSync(join(dir("sqlite-shards"), "_load.sql"), "utf8");
    expect(load).toContain('.read "order/part-00000.sql"');
    expect(load).toContain('.read "order/part-00001.sql"');
    const path = join(root, "shards.db");
    const r = await sqliteLoad(path, dir("sqlite-shards"), "_load.sql");
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir("csv"), "_manifest.json"), "utf8")) as {
      tables: { name: string; columns: ManifestColumn[] }[];
    };
    for (const t of manifest.tables)
      expect(await dbRows({ dialect: "sqlite", path }, t.name, t.columns)).toEqual(csvRows(dir("csv"), t.name, t.columns));
    expect(await sqliteLines(path, "PRAGMA foreign_key_check")).toEqual([]);
  }, 120_000);
});
