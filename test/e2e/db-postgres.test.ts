/**
 * `--to postgresql://…` through the CLI against the PostgreSQL server of the tests: the company
 * example holds the CSV run's rows with every key validated; a table that exists, a conflicting row
 * and a connection terminated mid-load (pg_terminate_backend) each leave the database exactly as it
 * was (pg_dump compared before and after), exit 1 with one DG message that never shows the password.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { pgCreate, pgDrop, pgLines, server } from "../helpers/databases.js";
import { csvRows, dbRows, type ManifestColumn } from "../helpers/sql-rows.js";

const company = join(repoRoot, "examples", "company.dgen");
const tpch = join(repoRoot, "examples", "tpch.dgen");
const hasPg = await server("postgres");
const root = tempDir("db-postgres");
const PARAM = ["--param", "staff=120"];
const url = (db: string) => `postgresql://postgres:s3cret@127.0.0.1:5432/${db}`;
let tables: { name: string; columns: ManifestColumn[] }[] = [];
const dbs: string[] = [];

async function dumpHash(db: string): Promise<string> {
  const r = await runProcess("pg_dump", ["-h", "127.0.0.1", "-U", "postgres", "--no-owner", db]);
  expect(r.code, r.stderr).toBe(0);
  // pg_dump's \restrict lines carry a random key per run
  const text = r.stdout.split("\n").filter((l) => !/^\\(un)?restrict /.test(l)).join("\n");
  return createHash("sha256").update(text).digest("hex");
}

describe.skipIf(!hasPg)("--to postgresql://", () => {
  let db = "";
  beforeAll(async () => {
    db = await pgCreate();
    dbs.push(db);
    const [csv, load] = await Promise.all([
      dgen(["generate", company, ...PARAM, "--format", "csv", "--out", join(root, "csv")]),
      dgen(["generate", company, ...PARAM, "--to", url(db), "--manifest", join(root, "load.json")]),
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(load.code, load.stderr).toBe(0);
    tables = JSON.parse(readFileSync(join(root, "csv", "_manifest.json"), "utf8")).tables;
  }, 120_000);
  afterAll(async () => {
    for (const d of dbs) await pgDrop(d);
  });

  it("loads every table with its keys validated, holding the CSV run's rows; an INSERT without a key succeeds", async () => {
    for (const t of tables)
      expect(await dbRows({ dialect: "postgres", db }, t.name, t.columns), t.name).toEqual(
        csvRows(join(root, "csv"), t.name, t.columns),
      );
    const refs = tables.flatMap((t) => t.columns.flatMap((c) => c.tags.filter((g) => g.startsWith("ref:")))).length;
    const fks = await pgLines(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated");
    expect(refs).toBe(6);
    expect(Number(fks[0])).toBe(refs);
    expect(await pgLines(db, "INSERT INTO projects (code, started) VALUES ('PRJ-new', '2025-01-01') RETURNING project_id")).toEqual(["7"]);
    await pgLines(db, "DELETE FROM projects WHERE code = 'PRJ-new'");
  });

  it("--manifest FILE records the target without credentials, the tables, their rows and the CSV run's row hashes", () => {
    const text = readFileSync(join(root, "load.json"), "utf8");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("postgres@");
    const load = JSON.parse(text);
    const csv = JSON.parse(readFileSync(join(root, "csv", "_manifest.json"), "utf8"));
    expect(load.target).toBe(`postgresql://127.0.0.1:5432/${db}`);
    expect(load.schemaHash).toBe(csv.schemaHash);
    const byName = (ts: { name: string }[]) => [...ts].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(load.tables)).toEqual(
      byName(csv.tables.map((t: { name: string; rows: number; files: { sha256: string }[] }) => ({ name: t.name, rows: t.rows, sha256: t.files[0]!.sha256 }))),
    );
  });

  it("--manifest without --to is DG8001, and a failed load writes no manifest", async () => {
    const r = await dgen(["generate", company, ...PARAM, "--out", join(root, "x"), "--manifest", join(root, "x.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DG8001]: Invalid --manifest");
    const again = await dgen(["generate", company, ...PARAM, "--to", url(db), "--manifest", join(root, "again.json")]);
    expect(again.code).toBe(1);
    expect(existsSync(join(root, "again.json"))).toBe(false);
    expect(existsSync(join(root, "x.json"))).toBe(false);
  }, 60_000);

  it("refuses tables that exist with DG5101, and a conflicting row (append) with DG5100: the database as before", async () => {
    const before = await dumpHash(db);
    const exists = await dgen(["generate", company, ...PARAM, "--to", url(db)]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("error[DG5101]: Table 'projects' already exists in postgresql://127.0.0.1:5432/");
    const append = await dgen(["generate", company, ...PARAM, "--to", url(db), "--if-exists", "append"]);
    expect(append.code).toBe(1);
    expect(append.stderr).toContain("error[DG5100]");
    expect(append.stderr).toContain("duplicate key value violates unique constraint");
    for (const r of [exists, append]) expect(r.stderr).not.toContain("s3cret");
    expect(await dumpHash(db)).toBe(before);
  }, 60_000);

  it("--if-exists truncate replaces the rows (the cycle's keys checked at the commit)", async () => {
    await pgLines(db, "UPDATE employees SET name = 'changed'");
    const r = await dgen(["generate", company, ...PARAM, "--to", url(db), "--if-exists", "truncate"]);
    expect(r.code, r.stderr).toBe(0);
    const employees = tables.find((t) => t.name === "employees")!;
    expect(await dbRows({ dialect: "postgres", db }, "employees", employees.columns)).toEqual(
      csvRows(join(root, "csv"), "employees", employees.columns),
    );
  }, 60_000);

  it("a connection terminated mid-load (pg_terminate_backend) leaves the database as it was: DG5100", async () => {
    const fresh = await pgCreate();
    dbs.push(fresh);
    const before = await dumpHash(fresh);
    const load = dgen(["generate", tpch, "--param", "sf=0.01", "--to", url(fresh)]);
    let killed = false;
    for (let i = 0; i < 400 && !killed; i++) {
      const rows = await pgLines(
        "postgres",
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${fresh}' AND application_name = 'dgen' AND query LIKE 'COPY%'`,
      );
      killed = rows.includes("t");
      if (!killed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(killed).toBe(true);
    const r = await load;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5100]: Loading into postgresql://127.0.0.1:5432/");
    expect(r.stderr).not.toContain("s3cret");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await dumpHash(fresh)).toBe(before);
  }, 120_000);

  it("Ctrl-C (SIGINT) mid-load rolls back: the database as it was, exit 1, DG7005", async () => {
    const fresh = await pgCreate();
    dbs.push(fresh);
    const before = await dumpHash(fresh);
    const child = spawn(process.execPath, [join(repoRoot, "bin", "dgen.mjs"), "generate", tpch, "--param", "sf=0.01", "--to", url(fresh)], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((r) => child.on("close", r));
    let copying = false;
    for (let i = 0; i < 400 && !copying; i++) {
      const rows = await pgLines(
        "postgres",
        `SELECT pid FROM pg_stat_activity WHERE datname = '${fresh}' AND application_name = 'dgen' AND query LIKE 'COPY%'`,
      );
      copying = rows.length > 0;
      if (!copying) await new Promise((r) => setTimeout(r, 50));
    }
    expect(copying).toBe(true);
    child.kill("SIGINT");
    expect(await closed).toBe(1);
    expect(stderr).toContain("error[DG7005]: Interrupted");
    expect(stderr.match(/error\[DG/g)).toHaveLength(1);
    expect(await dumpHash(fresh)).toBe(before);
  }, 120_000);
});
