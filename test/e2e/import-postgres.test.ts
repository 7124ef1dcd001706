/**
 * `dgen import` with PostgreSQL, through the CLI: Chinook and Northwind imported from their DDL
 * (read by libpg-query) and live from a scratch database the DDL made (`pg_catalog`) give the same
 * schema, which passes `dgen check`; the generated data loads into databases made from the same DDL
 * with every constraint on (`--to … --if-exists append`), and the foreign keys hold. (The two imports
 * are equal but for comments and the dataset's name, which no value depends on, so one load checks
 * the data of both.) A live database of
 * hostile shapes (an enum type with odd labels, an array, CHECKs, SQL keywords as quoted names — names
 * dgen must rename are the SQLite test's —, a composite foreign
 * key) imports and loads; a password in the URL never reaches a message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";
import { pgCreate, pgDrop, pgLines, psql, server } from "../helpers/databases.js";

const fixtures = join(repoRoot, "test", "fixtures", "import");
const hasPg = await server("postgres");
const root = tempDir("import-pg");
const url = (db: string) => `postgresql://postgres@127.0.0.1:5432/${db}`;
const made: string[] = [];

function shape(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("//") && !l.startsWith("dataset "))
    .map((l) => l.replace(/ {2}\/\/ .*$/, "").replace(/^(\s*rows: )\d+$/, "$1N"))
    .join("\n");
}

async function scratch(ddl: string): Promise<string> {
  const db = await pgCreate();
  made.push(db);
  const r = await psql(db, ["-v", "ON_ERROR_STOP=1", "-f", ddl]);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

describe.skipIf(!hasPg)("dgen import (PostgreSQL)", () => {
  afterAll(async () => {
    for (const db of made) await pgDrop(db);
  });

  for (const sample of ["chinook", "northwind"]) {
    describe(sample, () => {
      const ddl = join(fixtures, `${sample}.postgres.sql`);
      const fromDdl = join(root, `${sample}-ddl.dgen`);
      const fromLive = join(root, `${sample}-live.dgen`);
      let db = "";

      beforeAll(async () => {
        db = await scratch(ddl);
        const [a, b] = await Promise.all([
          dgen(["import", ddl, "--dialect", "postgres", "-o", fromDdl, "--rows", "12"]),
          dgen(["import", url(db), "-o", fromLive, "--rows", "12"]),
        ]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.code, b.stderr).toBe(0);
      }, 60_000);

      it("imports the same schema from the DDL and from the live database, and it passes dgen check", async () => {
        expect(shape(readFileSync(fromLive, "utf8"))).toBe(shape(readFileSync(fromDdl, "utf8")));
        const r = await dgen(["check", fromLive]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toBe("");
      });

      it("loads the live import's data back into the DDL with every constraint on", async () => {
        const r = await dgen(["generate", fromLive, "--to", url(db), "--if-exists", "append"]);
        expect(r.code, r.stderr).toBe(0);
        const table = sample === "chinook" ? "invoice" : "orders";
        expect(await pgLines(db, `SELECT count(*) FROM ${table}`)).toEqual(["12"]);
        // PostgreSQL checked every foreign key on the way in; none was dropped to load.
        expect(await pgLines(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).not.toEqual(["0"]);
      }, 120_000);
    });
  }

  it("imports a live database of hostile shapes, and its data loads back with every constraint on", async () => {
    const db = await pgCreate();
    made.push(db);
    const ddl = `
      CREATE TYPE "film rating" AS ENUM ('G', 'PG-13', 'it''s "x"', 'Ünï');
      CREATE TABLE "Order" ("id" serial PRIMARY KEY, "user" timestamptz NOT NULL DEFAULT now(),
        "rating" "film rating" NOT NULL, "tags" text[] NOT NULL, "price" numeric(9,2) NOT NULL CHECK ("price" > 0),
        "qty" smallint CHECK ("qty" BETWEEN 1 AND 9), "code" varchar(6) UNIQUE, "doc" jsonb, "raw" bytea,
        "group" text, CONSTRAINT "two" CHECK ("qty" IS NULL OR "price" < 500));
      CREATE TABLE line ("order" int NOT NULL REFERENCES "Order", "n" int NOT NULL, "select" text,
        PRIMARY KEY ("order", "n"));
      CREATE TABLE note ("order" int NOT NULL, "n" int NOT NULL, body text NOT NULL,
        FOREIGN KEY ("order", "n") REFERENCES line ("order", "n"));
      CREATE TABLE node (id uuid PRIMARY KEY, parent uuid REFERENCES node (id), label text CHECK (label ~ '^a'));`;
    const r0 = await psql(db, ["-v", "ON_ERROR_STOP=1", "-c", ddl]);
    expect(r0.code, r0.stderr).toBe(0);
    const out = join(root, "hostile.dgen");
    const r = await dgen(["import", url(db), "-o", out, "--rows", "20"]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain('enum film_rating { "G", "PG-13", "it\'s \\"x\\"", "Ünï" }');
    expect(text).toMatch(/tags +string\[\] = array\(uniform\(0, 3\), faker\.lorem\.word\(\)\)/);
    expect(text).toContain("check price > 0");
    expect(text).toContain("rows: per Order 1..5");
    expect(text).toMatch(/foreign key \(order, n\) references line\(order, n\)/);
    expect(text).toMatch(/\/\/ dropped CHECK \(\(label ~ '\^a'::text\)\): .*label left null/);
    const checked = await dgen(["check", out]);
    expect(checked.code, checked.stderr).toBe(0);
    const g = await dgen(["generate", out, "--to", url(db), "--if-exists", "append"]);
    expect(g.code, g.stderr).toBe(0);
    expect(await pgLines(db, `SELECT count(*) FROM "Order" WHERE price > 0`)).toEqual(["20"]);
    expect(Number((await pgLines(db, "SELECT count(*) FROM note"))[0])).toBe(20);
  }, 120_000);

  it("never shows the URL's password", async () => {
    const r = await dgen(["import", "postgresql://postgres:hunter2secret@127.0.0.1:1/none"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5263]: Cannot read the catalog of 'postgresql://127.0.0.1:1/none'");
    expect(r.stderr).not.toContain("hunter2secret");
  });
});
