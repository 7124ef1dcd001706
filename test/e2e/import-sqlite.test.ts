/**
 * `dgen import` with SQLite, through the CLI: Chinook's DDL imported (`--dialect sqlite`) and the same
 * database imported live (`sqlite:path.db`) give the same schema, which passes `dgen check`; its data
 * loads into a database made from the original DDL with foreign keys on, and `PRAGMA foreign_key_check`
 * finds nothing. The hostile cases: names with spaces, quotes, `*\/`, SQL and .dgen keywords and
 * Unicode become .dgen names (noted), CHECKs dgen can say are kept, the others are comments and leave
 * their nullable columns null; the data, copied by column position into the original DDL, loads with
 * every constraint on. A table of 1 000 columns and a table without a key import and load.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { sqliteLines, sqliteShell } from "../helpers/databases.js";

const fixtures = join(repoRoot, "test", "fixtures", "import");
const hasSqlite = await sqliteShell();
const root = tempDir("import-sqlite");

/** The schema without comments, the dataset line and row counts: what DDL and live imports share. */
export function shape(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("//") && !l.startsWith("dataset "))
    .map((l) => l.replace(/ {2}\/\/ .*$/, "").replace(/^(\s*rows: )\d+$/, "$1N"))
    .join("\n");
}

async function sqlite(path: string, sql: string): Promise<void> {
  const w = await runProcess("sqlite3", ["-batch", "-bail", path, sql]);
  expect(w.code, w.stderr).toBe(0);
}

describe.skipIf(!hasSqlite)("dgen import (SQLite)", () => {
  const ddl = join(fixtures, "chinook.sqlite.sql");
  const live = join(root, "chinook.db");
  const fromDdl = join(root, "from-ddl.dgen");
  const fromLive = join(root, "from-live.dgen");

  beforeAll(async () => {
    const made = await runProcess("sh", ["-c", 'exec sqlite3 "$1" < "$2"', "sqlite3", live, ddl]);
    expect(made.code, made.stderr).toBe(0);
    const [a, b] = await Promise.all([
      dgen(["import", ddl, "--dialect", "sqlite", "-o", fromDdl, "--rows", "15"]),
      dgen(["import", `sqlite:${live}`, "-o", fromLive, "--rows", "15"]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
  }, 60_000);

  it("imports Chinook from DDL and from the live file alike, and both pass dgen check", async () => {
    expect(shape(readFileSync(fromLive, "utf8"))).toBe(shape(readFileSync(fromDdl, "utf8")));
    const text = readFileSync(fromDdl, "utf8");
    expect(text).toContain("rows: per Playlist 1..3"); // the junction table: distinct picks per playlist
    expect(text).toMatch(/TrackId +int @ref\(Track\.TrackId\) = pick\(Track, distinct\)\.TrackId/);
    expect(text).toMatch(/ReportsTo +int\? @ref\(Employee\.EmployeeId\) = if index == 0 then null else pick\(Employee, before\)\.EmployeeId/);
    expect(text).toMatch(/Email +string = truncate\(lower\(faker\.internet\.email\(\)\), 60\) {2}\/\/ .*an email address/);
    const checked = await dgen(["check", fromDdl]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toBe("");
  });

  it("loads its data back into the Chinook DDL with foreign keys on: no error, no dangling key", async () => {
    const r = await dgen(["generate", fromLive, "--to", `sqlite:${live}`, "--if-exists", "append"]);
    expect(r.code, r.stderr).toBe(0);
    expect(await sqliteLines(live, "PRAGMA foreign_key_check")).toEqual([]);
    expect(Number((await sqliteLines(live, "SELECT count(*) FROM Invoice"))[0])).toBe(15);
    expect(Number((await sqliteLines(live, "SELECT count(*) FROM PlaylistTrack"))[0])).toBeGreaterThan(15);
    // A live import now reads the table sizes.
    const again = await dgen(["import", `sqlite:${live}`]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/table Invoice \{\n {2}rows: 15 {2}\/\/ the live table's 15 rows/);
  }, 60_000);

  it("imports hostile names and CHECKs, and the data loads into the original DDL by column position", async () => {
    const out = join(root, "hostile.dgen");
    const r = await dgen(["import", join(fixtures, "hostile.sqlite.sql"), "--dialect", "sqlite", "-o", out, "--rows", "30"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning[DG5267]");
    const text = readFileSync(out, "utf8");
    expect(text).toContain('table order_items {  // SQL name order items');
    expect(text).toContain('// SQL name "it\'s \\"quoted\\""');
    expect(text).toMatch(/\n {2}table_ +int /);
    expect(text).toMatch(/\n {2}index_ +int\? /);
    expect(text).toContain('// SQL name "*/ // x"');
    expect(text).toContain("check price > 0");
    expect(text).toContain('status  string = one_of("new", "paid", "it\'s")');
    expect(text).toContain("// dropped CHECK (\"note\" LIKE 'x%'): dgen has no LIKE operator; note left null");
    expect((await dgen(["check", out])).code).toBe(0);
    const gen = join(root, "hostile-gen.db");
    const g = await dgen(["generate", out, "--to", `sqlite:${gen}`]);
    expect(g.code, g.stderr).toBe(0);
    const orig = join(root, "hostile.db");
    const made = await runProcess("sh", ["-c", 'exec sqlite3 "$1" < "$2"', "sqlite3", orig, join(fixtures, "hostile.sqlite.sql")]);
    expect(made.code, made.stderr).toBe(0);
    await sqlite(
      orig,
      `PRAGMA foreign_keys = ON; ATTACH '${gen}' AS g; BEGIN;
       INSERT INTO main."order items" SELECT * FROM g.order_items;
       INSERT INTO main."check" SELECT * FROM g.check_;
       INSERT INTO main."no key" SELECT * FROM g.no_key; COMMIT;`,
    );
    expect(await sqliteLines(orig, "PRAGMA foreign_key_check")).toEqual([]);
    expect(await sqliteLines(orig, `SELECT count(*) FROM "check" WHERE price > 0 AND status IN ('new', 'paid', 'it''s')`)).toEqual(["30"]);
  }, 60_000);

  it("imports a table of 1 000 columns and a table without a key, and loads them", async () => {
    const cols = Array.from({ length: 999 }, (_, i) => (i % 2 === 0 ? `c${i} INTEGER NOT NULL` : `c${i} VARCHAR(12)`));
    const ddlWide = join(root, "wide.sql");
    writeFileSync(ddlWide, `CREATE TABLE wide (id INTEGER PRIMARY KEY, ${cols.join(", ")});\nCREATE TABLE loose (a TEXT, b REAL);\n`);
    const db = join(root, "wide.db");
    const made = await runProcess("sh", ["-c", 'exec sqlite3 "$1" < "$2"', "sqlite3", db, ddlWide]);
    expect(made.code, made.stderr).toBe(0);
    const out = join(root, "wide.dgen");
    const r = await dgen(["import", `sqlite:${db}`, "-o", out, "--rows", "5"]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.match(/\n {2}c\d+ +(int|string\?) /g)?.length).toBe(999);
    expect(text).toContain("table loose {");
    const g = await dgen(["generate", out, "--to", `sqlite:${db}`, "--if-exists", "append"]);
    expect(g.code, g.stderr).toBe(0);
    expect(await sqliteLines(db, "SELECT count(*) FROM wide UNION ALL SELECT count(*) FROM loose")).toEqual(["5", "5"]);
  }, 60_000);

  it("never writes over a file without --force, and reports a bad SQL file with its place", async () => {
    const out = join(root, "kept.dgen");
    writeFileSync(out, "keep me\n");
    const r = await dgen(["import", ddl, "--dialect", "sqlite", "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DG5265]");
    expect(readFileSync(out, "utf8")).toBe("keep me\n");
    const bad = join(root, "bad.sql");
    writeFileSync(bad, "CREATE TABLE t (a int,\n  b int,, c int);\n");
    const p = await dgen(["import", bad, "--dialect", "postgres"]);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/error\[DG5261\]: .*bad\.sql:2:9: the PostgreSQL SQL parser cannot read this statement: syntax error at or near ","/);
    expect(p.stderr).not.toMatch(/\n\s+at /);
    const none = await dgen(["import", ddl]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error[DG5262]");
  });

  it("keeps a line dgen check refuses as a comment (DG5268), so the schema still checks", async () => {
    const ddlFile = join(root, "refused.sql");
    // SQLite accepts comparing text with a number; dgen does not.
    writeFileSync(ddlFile, "CREATE TABLE r (id INTEGER PRIMARY KEY, s TEXT NOT NULL CHECK (s > 5), n BIGINT CHECK (n > 0));\n");
    const out = join(root, "refused.dgen");
    const r = await dgen(["import", ddlFile, "--dialect", "sqlite", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning\[DG5268\]: dgen check refused line \d+ of the imported schema \(DG3013: /);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("// dropped by dgen check (DG3013): check s > 5");
    // An int64 a CHECK compares is an int, so the check stays.
    expect(text).toContain("check n > 0");
    expect((await dgen(["check", out])).code).toBe(0);
  });
});
