/**
 * The SQL-files test of one example schema, as a user runs it: `dgen build` once, then the bundle
 * writes CSV and SQL files for postgres, mysql, sqlite and mssql; each SQL folder is loaded with the
 * dialect's own client (`psql -v ON_ERROR_STOP=1 -f _load.sql`, `mariadb < _load.sql`,
 * `sqlite3 db < _load.sql`) into a throw-away database with every constraint on, then checked:
 * every table's rows equal the CSV run's (so its row count and every value of every type), every
 * single-column foreign key holds (anti-join), the database has the foreign-key constraints, and
 * one ordinary INSERT without a key succeeds. SQL Server cannot run here: its files are parsed
 * with node-sql-parser's TransactSQL grammar (an independent parser) instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, node, tempDir } from "./cli.js";
import {
  mariadb,
  mariadbCreate,
  mariadbDrop,
  mariadbLines,
  pgCreate,
  pgDrop,
  pgLines,
  psql,
  server,
  sqliteLines,
  sqliteLoad,
  sqliteShell,
} from "./databases.js";
import { csvRows, dbRows, kindOf, type ManifestColumn, quote, type Target } from "./sql-rows.js";
import sqlParser from "node-sql-parser";

export interface Example {
  readonly schema: string;
  /** `dgen build` flags (`--param sf=0.01`). */
  readonly build: readonly string[];
  /** Bundle flags (`--scale 0.02`). */
  readonly run: readonly string[];
  /** A table with a sequence key, for the INSERT without a key. */
  readonly insertInto: string;
  readonly env?: Record<string, string>;
  /** Also load with `dgen generate … --to mysql://` (LOAD DATA LOCAL INFILE) and check the same way. */
  readonly direct?: boolean;
}

interface ManifestTable {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ManifestColumn[];
}

const [hasPg, hasMariadb, hasSqlite] = await Promise.all([server("postgres"), server("mariadb"), sqliteShell()]);

export function sqlFileSuite(name: string, example: Example): void {
  describe(`SQL files of ${name}`, () => {
    const root = tempDir(`sql-${name}`);
    const bundle = join(root, `${name}.mjs`);
    const dir = (d: string) => join(root, d);
    let tables: ManifestTable[] = [];
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      const built = await dgen(["build", example.schema, "-o", bundle, ...example.build]);
      expect(built.code, built.stderr).toBe(0);
      const runs = ["csv", "postgres", "mysql", "sqlite", "mssql"].map((f) =>
        node(bundle, [...example.run, "--out", dir(f), ...(f === "csv" ? ["--format", "csv"] : ["--format", "sql", "--dialect", f])], {
          ...(example.env ? { env: example.env } : {}),
        }),
      );
      for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
      tables = (JSON.parse(readFileSync(join(dir("csv"), "_manifest.json"), "utf8")) as { tables: ManifestTable[] }).tables;
    }, 180_000);
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    async function check(target: Target, fkCount: () => Promise<number>, insert: (sql: string) => Promise<void>) {
      for (const t of tables) {
        const want = csvRows(dir("csv"), t.name, t.columns);
        const got = await dbRows(target, t.name, t.columns);
        expect(got.length, `rows of ${t.name}`).toBe(t.rows);
        // compared as text, row by row (a deep toEqual of 60 000 rows takes minutes); the first
        // difference is shown whole
        const text = (r: unknown) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
        const at = want.findIndex((w, i) => text(w) !== text(got[i]));
        expect(at < 0 ? undefined : { row: at, want: want[at], got: got[at] }, `values of ${t.name}`).toBeUndefined();
      }
      const q = (s: string) => quote(target.dialect, s);
      let refs = 0;
      for (const t of tables)
        for (const c of t.columns)
          for (const tag of c.tags.filter((g) => g.startsWith("ref:"))) {
            refs++;
            const [rt, rc] = [tag.slice(4, tag.lastIndexOf(".")), tag.slice(tag.lastIndexOf(".") + 1)];
            const orphans = `SELECT count(*) FROM ${q(t.name)} c WHERE c.${q(c.name)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(rt)} p WHERE p.${q(rc)} = c.${q(c.name)})`;
            await insertless(target, orphans).then((n) => expect(n, `${t.name}.${c.name} → ${rt}.${rc}`).toBe("0"));
          }
      expect(await fkCount()).toBeGreaterThanOrEqual(refs);
      // One ordinary INSERT without the key: a copy of a row, unique text columns given a new value.
      const t = tables.find((x) => x.name === example.insertInto)!;
      const cols = t.columns.filter((c) => !c.tags.includes("pk"));
      const values = cols.map((c) =>
        c.tags.includes("unique") && kindOf(c.type) === "text" ? "'dgen-new-row'" : q(c.name),
      );
      await insert(
        `INSERT INTO ${q(t.name)} (${cols.map((c) => q(c.name)).join(", ")}) SELECT ${values.join(", ")} FROM ${q(t.name)} LIMIT 1`,
      );
    }

    async function insertless(target: Target, sql: string): Promise<string> {
      if (target.dialect === "postgres") return (await pgLines(target.db, sql))[0]!;
      if (target.dialect === "mysql") return (await mariadbLines(target.db, sql))[0]!;
      return (await sqliteLines(target.path, sql))[0]!;
    }

    it.skipIf(!hasPg)("loads into PostgreSQL with psql and holds the CSV run's rows", async () => {
      const db = await pgCreate();
      cleanups.push(() => pgDrop(db));
      const r = await psql(db, ["-v", "ON_ERROR_STOP=1", "-f", "_load.sql"], dir("postgres"));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      await check(
        { dialect: "postgres", db },
        async () => Number((await pgLines(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"))[0]),
        async (sql) => void (await pgLines(db, sql)),
      );
    }, 120_000);

    it.skipIf(!hasMariadb)("loads into MariaDB with the mariadb client and holds the CSV run's rows", async () => {
      const db = await mariadbCreate();
      cleanups.push(() => mariadbDrop(db));
      const r = await mariadb(db, [], dir("mysql"), "_load.sql");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      await check(
        { dialect: "mysql", db },
        async () =>
          Number(
            (
              await mariadbLines(
                db,
                `SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '${db}'`,
              )
            )[0],
          ),
        async (sql) => void (await mariadbLines(db, sql)),
      );
    }, 120_000);

    it.skipIf(!hasMariadb || example.direct !== true)("loads into MariaDB with dgen generate --to mysql:// (LOAD DATA LOCAL) and holds the CSV run's rows", async () => {
      const db = await mariadbCreate();
      cleanups.push(() => mariadbDrop(db));
      const r = await dgen(["generate", example.schema, ...example.build, ...example.run, "--to", `mysql://root@127.0.0.1:3306/${db}`], {
        ...(example.env ? { env: example.env } : {}),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain("DG5350"); // the LOAD DATA path, not the INSERTs
      await check(
        { dialect: "mysql", db },
        async () =>
          Number((await mariadbLines(db, `SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '${db}'`))[0]),
        async (sql) => void (await mariadbLines(db, sql)),
      );
    }, 120_000);

    it.skipIf(!hasSqlite)("loads into SQLite with the sqlite3 shell and holds the CSV run's rows", async () => {
      const path = join(root, "loaded.db");
      const r = await sqliteLoad(path, dir("sqlite"), "_load.sql");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(await sqliteLines(path, "PRAGMA foreign_key_check")).toEqual([]);
      const fks = async () => {
        let n = 0;
        for (const t of tables) n += (await sqliteLines(path, `SELECT count(*) FROM pragma_foreign_key_list('${t.name}')`)).map(Number)[0]!;
        return n;
      };
      await check({ dialect: "sqlite", path }, fks, async (sql) => {
        await sqliteLines(path, `PRAGMA foreign_keys = ON; ${sql}; SELECT 1 FROM pragma_foreign_key_check LIMIT 0`);
      });
    }, 120_000);

    it("writes SQL Server files that an independent T-SQL parser accepts", () => {
      const parser = new sqlParser.Parser();
      const folder = dir("mssql");
      for (const f of readdirSync(folder).filter((x) => x.endsWith(".sql"))) {
        // The parser is slow on big files: the first few thousand lines, cut after a statement, suffice.
        const all = readFileSync(join(folder, f), "utf8").split("\n");
        const cut = all.findIndex((l, i) => i >= 2000 && l.endsWith(";"));
        const lines = cut < 0 ? all : all.slice(0, cut + 1);
        // The parser's T-SQL grammar knows no FOREIGN KEY clause and no SET IDENTITY_INSERT: those lines
        // are checked by shape; sqlcmd's `:r` includes are not SQL.
        const skipped = lines.filter((l) => /FOREIGN KEY|^SET IDENTITY_INSERT|^:r /.test(l.trim()));
        for (const l of skipped)
          expect(l.trim()).toMatch(
            /^(FOREIGN KEY \(\[.+\]\) REFERENCES \[.+\] \(\[.+\]\),?|ALTER TABLE \[.+\] ADD FOREIGN KEY \(\[.+\]\) REFERENCES \[.+\] \(\[.+\]\);|SET IDENTITY_INSERT \[.+\] (ON|OFF);|:r ".+")$/,
          );
        const kept = lines
          .filter((l) => !skipped.includes(l))
          .join("\n")
          .replace(/,\n\)/g, "\n)");
        // SQL Server would drop a backslash before a line break inside a literal: none may be written.
        expect(kept, f).not.toMatch(/\\\r?\n/);
        // The parser takes `\` in a string for an escape, which T-SQL does not: '/' stands in for it.
        expect(() => parser.astify(kept.replaceAll("\\", "/"), { database: "TransactSQL" }), f).not.toThrow();
      }
    }, 120_000);
  });
}
