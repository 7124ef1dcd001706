/**
 * `--to sqlite:path.db` through the CLI: the company example loaded straight into SQLite holds the
 * CSV run's rows with every key on; a table that exists (`--if-exists fail`), a conflicting row
 * (`append`) and a failure in the middle of generation each leave the database exactly as it was
 * (its dump compared before and after), exit 1 with one DG message; `truncate` replaces the rows.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { sqliteLines, sqliteShell } from "../helpers/databases.js";
import { csvRows, dbRows, type ManifestColumn } from "../helpers/sql-rows.js";

const company = join(repoRoot, "examples", "company.dgen");
const nul = join(repoRoot, "test", "fixtures", "sql", "nul.dgen");
const hasSqlite = await sqliteShell();
const root = tempDir("db-sqlite");
const db = join(root, "company.db");
const PARAM = ["--param", "staff=120"];
let tables: { name: string; rows: number; columns: ManifestColumn[] }[] = [];

async function dumpHash(path: string): Promise<string> {
  const r = await runProcess("sqlite3", [path, ".dump"]);
  expect(r.code, r.stderr).toBe(0);
  return createHash("sha256").update(r.stdout).digest("hex");
}

describe.skipIf(!hasSqlite)("--to sqlite:", () => {
  beforeAll(async () => {
    const [csv, load] = await Promise.all([
      dgen(["generate", company, ...PARAM, "--format", "csv", "--out", join(root, "csv")]),
      dgen(["generate", company, ...PARAM, "--to", `sqlite:${db}`]),
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(load.code, load.stderr).toBe(0);
    tables = JSON.parse(readFileSync(join(root, "csv", "_manifest.json"), "utf8")).tables;
  }, 120_000);

  it("loads every table with its keys, holding the CSV run's rows; an INSERT without a key succeeds", async () => {
    for (const t of tables)
      expect(await dbRows({ dialect: "sqlite", path: db }, t.name, t.columns), t.name).toEqual(
        csvRows(join(root, "csv"), t.name, t.columns),
      );
    expect(await sqliteLines(db, "PRAGMA foreign_key_check")).toEqual([]);
    expect(await sqliteLines(db, "SELECT count(*) FROM pragma_foreign_key_list('departments')")).toEqual(["1"]);
    await sqliteLines(db, "INSERT INTO projects (code, started) VALUES ('PRJ-new', '2025-01-01')");
    expect(await sqliteLines(db, "SELECT project_id FROM projects WHERE code = 'PRJ-new'")).toEqual(["7"]);
    await sqliteLines(db, "DELETE FROM projects WHERE code = 'PRJ-new'");
  });

  it("refuses tables that exist (--if-exists fail, the default) with DG5101, changing nothing", async () => {
    const before = await dumpHash(db);
    const r = await dgen(["generate", company, ...PARAM, "--to", `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5101]: Table 'projects' already exists in sqlite:");
    expect(await dumpHash(db)).toBe(before);
  }, 60_000);

  it("rolls everything back on a conflicting row (--if-exists append): DG5100, the database as before", async () => {
    const before = await dumpHash(db);
    const r = await dgen(["generate", company, ...PARAM, "--to", `sqlite:${db}`, "--if-exists", "append"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5100]: Loading into sqlite:");
    expect(r.stderr).toContain("UNIQUE constraint failed");
    expect(await dumpHash(db)).toBe(before);
  }, 60_000);

  it("rolls back a failure in the middle of generation (a NUL at row 7): DG7040, nothing created", async () => {
    const before = await dumpHash(db);
    const r = await dgen(["generate", nul, "--to", `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG7040]: Row 7 of table 'notes'");
    expect(await dumpHash(db)).toBe(before);
  }, 60_000);

  it("--if-exists truncate replaces the rows with the run's", async () => {
    await sqliteLines(db, "UPDATE employees SET name = 'changed'");
    const r = await dgen(["generate", company, ...PARAM, "--to", `sqlite:${db}`, "--if-exists", "truncate"]);
    expect(r.code, r.stderr).toBe(0);
    const employees = tables.find((t) => t.name === "employees")!;
    expect(await dbRows({ dialect: "sqlite", path: db }, "employees", employees.columns)).toEqual(
      csvRows(join(root, "csv"), "employees", employees.columns),
    );
  }, 60_000);

  it("a database dgen does not load into is DG5102, and the URL is shown without its password", async () => {
    const r = await dgen(["generate", nul, "--to", "oracle://dgen:s3cret@127.0.0.1/x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5102]: Cannot load into 'oracle://127.0.0.1/x'");
    expect(r.stderr).not.toContain("s3cret");
  }, 60_000);

  it("on a terminal, shows progress with rows/s per table; --quiet shows none", async () => {
    const tpch = join(repoRoot, "examples", "tpch.dgen");
    const sh = (x: string) => "'" + x.replaceAll("'", "'\\''") + "'";
    const cmd = (path: string, extra: string) =>
      [process.execPath, join(repoRoot, "bin", "dgen.mjs"), "generate", tpch, "--param", "sf=0.01", "--to", `sqlite:${path}`].map(sh).join(" ") + extra;
    // `script` runs dgen on a pseudo-terminal, as a user's shell would
    const tty = await runProcess("script", ["-qec", cmd(join(root, "tty.db"), ""), "/dev/null"]);
    expect(tty.code, tty.stdout).toBe(0);
    const lines = tty.stdout.split("\r").filter((l) => l.includes("rows/s"));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/\x1b\[K(region|nation|supplier|colors|part|partsupp|customer|orders|lineitem)  [\d,]+\/86,608 rows  [\d,]+ rows\/s  ETA /);
    const quiet = await runProcess("script", ["-qec", cmd(join(root, "quiet.db"), " --quiet"), "/dev/null"]);
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.stdout).not.toContain("rows/s");
  }, 60_000);
});
