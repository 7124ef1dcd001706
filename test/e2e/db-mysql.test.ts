/**
 * `--to mysql://…` through the CLI against the MariaDB server of the tests: the company example holds
 * the CSV run's rows with every foreign key in place; a table that exists, a conflicting row and a
 * connection killed mid-load (KILL from a second connection) each leave the database exactly as it
 * was (mariadb-dump compared before and after; a failed load drops the tables it created), exit 1
 * with one DG message that never shows the password. Rows go in by LOAD DATA LOCAL INFILE; with
 * local_infile OFF (toggled here as root, then restored) by INSERTs with a DG5350 note, the same rows;
 * a value LOAD DATA would truncate with a warning fails the load.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { mariadbCreate, mariadbDrop, mariadbLines, server } from "../helpers/databases.js";
import { csvRows, dbRows, type ManifestColumn } from "../helpers/sql-rows.js";

const company = join(repoRoot, "examples", "company.dgen");
const tpch = join(repoRoot, "examples", "tpch.dgen");
const hasMariadb = await server("mariadb");
const root = tempDir("db-mysql");
const PARAM = ["--param", "staff=120"];
// root has an empty password: any password is refused, so the URLs with one are for failing runs only
const url = (db: string) => `mysql://root@127.0.0.1:3306/${db}`;
const secret = (db: string) => `mysql://root:s3cret@127.0.0.1:3306/${db}`;
let tables: { name: string; columns: ManifestColumn[] }[] = [];
const dbs: string[] = [];

async function dumpHash(db: string): Promise<string> {
  const r = await runProcess("mariadb-dump", ["-h", "127.0.0.1", "-u", "root", "--skip-dump-date", "--skip-comments", db]);
  expect(r.code, r.stderr).toBe(0);
  return createHash("sha256").update(r.stdout).digest("hex");
}

describe.skipIf(!hasMariadb)("--to mysql://", () => {
  let db = "";
  beforeAll(async () => {
    db = await mariadbCreate();
    dbs.push(db);
    const [csv, load] = await Promise.all([
      dgen(["generate", company, ...PARAM, "--format", "csv", "--out", join(root, "csv")]),
      dgen(["generate", company, ...PARAM, "--to", url(db)]),
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(load.code, load.stderr).toBe(0);
    tables = JSON.parse(readFileSync(join(root, "csv", "_manifest.json"), "utf8")).tables;
  }, 120_000);
  afterAll(async () => {
    for (const d of dbs) await mariadbDrop(d);
  });

  it("loads every table with its foreign keys, holding the CSV run's rows; an INSERT without a key succeeds", async () => {
    for (const t of tables)
      expect(await dbRows({ dialect: "mysql", db }, t.name, t.columns), t.name).toEqual(csvRows(join(root, "csv"), t.name, t.columns));
    const refs = tables.flatMap((t) => t.columns.flatMap((c) => c.tags.filter((g) => g.startsWith("ref:")))).length;
    const fks = await mariadbLines(db, `SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = '${db}'`);
    expect(refs).toBe(6);
    expect(Number(fks[0])).toBe(refs);
    expect(await mariadbLines(db, "INSERT INTO projects (code, started) VALUES ('PRJ-new', '2025-01-01'); SELECT LAST_INSERT_ID()")).toEqual(["7"]);
    await mariadbLines(db, "DELETE FROM projects WHERE code = 'PRJ-new'");
  });

  it("with local_infile OFF on the server: a one-line DG5350 note, the rows by INSERTs, the same rows", async () => {
    const fresh = await mariadbCreate();
    dbs.push(fresh);
    const was = (await mariadbLines("mysql", "SELECT @@GLOBAL.local_infile"))[0];
    await mariadbLines("mysql", "SET GLOBAL local_infile = 0");
    let r;
    try {
      r = await dgen(["generate", company, ...PARAM, "--to", url(fresh)]);
    } finally {
      await mariadbLines("mysql", `SET GLOBAL local_infile = ${was === "1" ? 1 : 0}`);
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning[DG5350]: Loading into mysql://127.0.0.1:3306/");
    expect(r.stderr).toContain("local_infile is OFF");
    expect(r.stderr).not.toContain("error[");
    for (const t of tables)
      expect(await dbRows({ dialect: "mysql", db: fresh }, t.name, t.columns), t.name).toEqual(csvRows(join(root, "csv"), t.name, t.columns));
  }, 60_000);

  it("a value too long for a column that exists (LOAD DATA would truncate it with a warning) fails the load: DG5100, rows as before", async () => {
    const fresh = await mariadbCreate();
    dbs.push(fresh);
    await mariadbLines(fresh, "CREATE TABLE projects (project_id BIGINT PRIMARY KEY, code VARCHAR(3) NOT NULL UNIQUE, started DATE NOT NULL) ENGINE=InnoDB");
    const before = await dumpHash(fresh);
    const r = await dgen(["generate", company, ...PARAM, "--to", url(fresh), "--if-exists", "append"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5100]");
    expect(r.stderr).toMatch(/Warning 1265: Data truncated for column 'code'/);
    expect(await mariadbLines(fresh, "SHOW TABLES")).toEqual(["projects"]);
    expect(await dumpHash(fresh)).toBe(before);
  }, 60_000);

  it("refuses tables that exist with DG5101, and a conflicting row (append) with DG5100: the database as before", async () => {
    const before = await dumpHash(db);
    const exists = await dgen(["generate", company, ...PARAM, "--to", url(db)]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("error[DG5101]: Table 'projects' already exists in mysql://127.0.0.1:3306/");
    const append = await dgen(["generate", company, ...PARAM, "--to", url(db), "--if-exists", "append"]);
    expect(append.code).toBe(1);
    expect(append.stderr).toContain("error[DG5100]");
    expect(append.stderr).toContain("Duplicate entry");
    const denied = await dgen(["generate", company, ...PARAM, "--to", secret(db), "--if-exists", "append"]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("error[DG5100]: Loading into mysql://127.0.0.1:3306/");
    for (const r of [exists, append, denied]) {
      expect(r.stderr).not.toContain("s3cret");
      expect(r.stderr.match(/error\[DG/g)).toHaveLength(1);
    }
    expect(await dumpHash(db)).toBe(before);
  }, 60_000);

  it("a conflicting row in one table while others are created: the created tables are dropped again", async () => {
    const fresh = await mariadbCreate();
    dbs.push(fresh);
    await mariadbLines(fresh, "CREATE TABLE projects (project_id INT PRIMARY KEY, code VARCHAR(64), started DATE) ENGINE=InnoDB; INSERT INTO projects VALUES (1, 'x', '2020-01-01')");
    const before = await dumpHash(fresh);
    const r = await dgen(["generate", company, ...PARAM, "--to", url(fresh), "--if-exists", "append"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5100]");
    expect(await mariadbLines(fresh, "SHOW TABLES")).toEqual(["projects"]);
    expect(await dumpHash(fresh)).toBe(before);
  }, 60_000);

  it("--if-exists truncate replaces the rows (the cycle's keys checked before the commit)", async () => {
    await mariadbLines(db, "UPDATE employees SET name = 'changed'");
    const r = await dgen(["generate", company, ...PARAM, "--to", url(db), "--if-exists", "truncate"]);
    expect(r.code, r.stderr).toBe(0);
    const employees = tables.find((t) => t.name === "employees")!;
    expect(await dbRows({ dialect: "mysql", db }, "employees", employees.columns)).toEqual(csvRows(join(root, "csv"), "employees", employees.columns));
  }, 60_000);

  it("a connection killed mid-load (KILL from a second connection) leaves the database as it was: DG5100", async () => {
    const fresh = await mariadbCreate();
    dbs.push(fresh);
    const before = await dumpHash(fresh);
    const load = dgen(["generate", tpch, "--param", "sf=0.01", "--to", url(fresh)]);
    let killed = false;
    for (let i = 0; i < 400 && !killed; i++) {
      const ids = await mariadbLines(
        "mysql",
        `SELECT id FROM information_schema.processlist WHERE db = '${fresh}' AND (info LIKE 'INSERT%' OR info LIKE 'LOAD DATA%')`,
      );
      if (ids.length > 0) {
        await mariadbLines("mysql", `KILL ${ids[0]}`).catch(() => {});
        killed = true;
      } else await new Promise((r) => setTimeout(r, 50));
    }
    expect(killed).toBe(true);
    const r = await load;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5100]: Loading into mysql://127.0.0.1:3306/");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await dumpHash(fresh)).toBe(before);
  }, 120_000);

  it("Ctrl-C (SIGINT) mid-load rolls back and drops the tables it created: the database as it was, exit 1, DG7005", async () => {
    const fresh = await mariadbCreate();
    dbs.push(fresh);
    const before = await dumpHash(fresh);
    const child = spawn(process.execPath, [join(repoRoot, "bin", "dgen.mjs"), "generate", tpch, "--param", "sf=0.01", "--to", url(fresh)], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((r) => child.on("close", r));
    let inserting = false;
    for (let i = 0; i < 400 && !inserting; i++) {
      const ids = await mariadbLines("mysql", `SELECT id FROM information_schema.processlist WHERE db = '${fresh}' AND (info LIKE 'INSERT%' OR info LIKE 'LOAD DATA%')`);
      inserting = ids.length > 0;
      if (!inserting) await new Promise((r) => setTimeout(r, 50));
    }
    expect(inserting).toBe(true);
    child.kill("SIGINT");
    expect(await closed).toBe(1);
    expect(stderr).toContain("error[DG7005]: Interrupted");
    expect(stderr.match(/error\[DG/g)).toHaveLength(1);
    expect(await dumpHash(fresh)).toBe(before);
  }, 120_000);
});
