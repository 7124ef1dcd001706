/**
 * `dgen import` with MariaDB, through the CLI: Sakila (enums, SETs, YEAR, unsigned widths, junction
 * tables, the store ↔ staff cycle, a unique foreign key) imported from its DDL (node-sql-parser's
 * MariaDB grammar) and live from a scratch database the DDL made (`information_schema`) gives the same
 * schema, which passes `dgen check`; its data loads into the database of that DDL with every
 * constraint on, and the live import then reads the table sizes. The employees sample (composite
 * keys of a foreign key and a date) imports from DDL and loads too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";
import { mariadb, mariadbCreate, mariadbDrop, mariadbLines, server } from "../helpers/databases.js";

const fixtures = join(repoRoot, "test", "fixtures", "import");
const hasMariadb = await server("mariadb");
const root = tempDir("import-mysql");
const url = (db: string) => `mysql://root@127.0.0.1:3306/${db}`;
const made: string[] = [];

function shape(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("//") && !l.startsWith("dataset "))
    .map((l) => l.replace(/ {2}\/\/ .*$/, "").replace(/^(\s*rows: )\d+$/, "$1N"))
    .join("\n");
}

async function scratch(file = "sakila.mysql.sql"): Promise<string> {
  const db = await mariadbCreate();
  made.push(db);
  const r = await mariadb(db, [], fixtures, file);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

describe.skipIf(!hasMariadb)("dgen import (MariaDB)", () => {
  const ddl = join(fixtures, "sakila.mysql.sql");
  const fromDdl = join(root, "sakila-ddl.dgen");
  const fromLive = join(root, "sakila-live.dgen");
  let live = "";

  beforeAll(async () => {
    live = await scratch();
    const [a, b] = await Promise.all([
      dgen(["import", ddl, "--dialect", "mysql", "-o", fromDdl, "--rows", "10"]),
      dgen(["import", url(live), "-o", fromLive, "--rows", "10"]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    for (const db of made) await mariadbDrop(db);
  });

  it("imports the same schema from the DDL and from the live database, and it passes dgen check", async () => {
    expect(shape(readFileSync(fromLive, "utf8"))).toBe(shape(readFileSync(fromDdl, "utf8")));
    const text = readFileSync(fromDdl, "utf8");
    expect(text).toContain('enum film_rating { "G", "PG", "PG-13", "R", "NC-17" }');
    expect(text).toContain('one_of("Trailers", "Commentaries", "Deleted Scenes", "Behind the Scenes")');
    expect(text).toContain("rows: per actor 1..3");
    expect(text).toMatch(/manager_staff_id int64 @unique @ref\(staff\.staff_id\) = pick\(staff, distinct\)\.staff_id/);
    expect(text).toContain("// unique(rental_date, inventory_id, customer_id) left out");
    const r = await dgen(["check", fromLive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("loads the data into the Sakila DDL with every constraint on (both imports: they are equal but for comments)", async () => {
    const a = await dgen(["generate", fromLive, "--to", url(live), "--if-exists", "append"]);
    expect(a.code, a.stderr).toBe(0);
    expect(await mariadbLines(live, "SELECT COUNT(*) FROM payment")).toEqual(["10"]);
    // The foreign keys hold: every rental's inventory row exists (the server checked them too).
    expect(await mariadbLines(live, "SELECT COUNT(*) FROM rental r LEFT JOIN inventory i USING (inventory_id) WHERE i.inventory_id IS NULL")).toEqual(["0"]);
    const again = await dgen(["import", url(live)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/table payment \{\n {2}rows: 10 {2}\/\/ the live table's 10 rows/);
  }, 120_000);

  it("imports the employees sample from its DDL, and its data loads into that DDL with every constraint on", async () => {
    const db = await scratch("employees.mysql.sql");
    const out = join(root, "employees.dgen");
    const r = await dgen(["import", join(fixtures, "employees.mysql.sql"), "--dialect", "mysql", "-o", out, "--rows", "10"]);
    expect(r.code, r.stderr).toBe(0);
    // A key of a foreign key and a date cannot be proven unique: it is a comment, with a warning.
    expect(r.stderr).toContain("warning[DG5266]: dgen import: salaries: its primary key (emp_no, from_date) is not proven unique");
    const text = readFileSync(out, "utf8");
    expect(text).toContain('enum employees_gender { "M", "F", "NB", "T" }');
    expect(text).toContain("rows: per employees 1..3");
    expect((await dgen(["check", out])).code).toBe(0);
    const g = await dgen(["generate", out, "--to", url(db), "--if-exists", "append"]);
    expect(g.code, g.stderr).toBe(0);
    expect(await mariadbLines(db, "SELECT COUNT(*) FROM salaries")).toEqual(["10"]);
  }, 120_000);
});
