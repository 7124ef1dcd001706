/**
 * The v2 company example (test/fixtures/spec-v2/company.dgen) as a user runs it: `dgen generate
 * --format csv` (its output block asks for sql, which is not written yet), the CSVs loaded into a real
 * SQLite (better-sqlite3) with the keys a DBA would declare — including the departments ↔ employees
 * cycle and the employees → employees self-reference — and the relational shapes re-checked from
 * the rows: the forest of reports_to, prev in timesheets, aggregates over assignments.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv } from "../helpers/csv.js";
import { folderHashes } from "../helpers/hash.js";
import { foreignKeyViolations, loadCsvFolder, scalar, type Db, type LoadedFolder } from "../helpers/sqlite-db.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-v2");
const schema = join(fixtures, "company.dgen");
const root = tempDir("company");
const out = join(root, "out");
const outWorkers = join(root, "workers-2");
const TABLES = ["departments", "employees", "projects", "assignments", "timesheets"];
const FIRST_EMPLOYEE_ID = 1_000_000_000_000;
const STAFF = 2_000; // the schema's `param staff`
const CLEARANCES = ["L-1", "L-2", "L-3", "TOP SECRET"];
const SKILLS = ["sql", "go", "rust", "typescript", "python", "excel"];

// Written from company.dgen by hand. departments.head_id → employees and employees.dept_id →
// departments form a cycle, so the loader defers foreign keys to COMMIT.
const DDL = [
  `CREATE TABLE departments (dept_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, budget_code TEXT NOT NULL,
     head_id INTEGER REFERENCES employees(employee_id)) STRICT`,
  `CREATE TABLE employees (employee_id INTEGER PRIMARY KEY,
     dept_id INTEGER NOT NULL REFERENCES departments(dept_id),
     reports_to INTEGER REFERENCES employees(employee_id), name TEXT NOT NULL,
     clearance TEXT NOT NULL CHECK (clearance IN ('L-1', 'L-2', 'L-3', 'TOP SECRET')),
     badge TEXT NOT NULL, skills TEXT NOT NULL CHECK (json_valid(skills)), salary TEXT NOT NULL,
     projects INTEGER NOT NULL, hours_total INTEGER NOT NULL) STRICT`,
  `CREATE TABLE projects (project_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, started TEXT NOT NULL) STRICT`,
  `CREATE TABLE assignments (employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
     project_id INTEGER NOT NULL REFERENCES projects(project_id), hours INTEGER NOT NULL,
     PRIMARY KEY (employee_id, project_id)) STRICT`,
  `CREATE TABLE timesheets (employee_id INTEGER NOT NULL REFERENCES employees(employee_id), day TEXT NOT NULL,
     hours REAL NOT NULL, delta REAL NOT NULL, PRIMARY KEY (employee_id, day)) STRICT`,
];

interface Employee {
  employee_id: number;
  dept_id: number;
  reports_to: number | null;
  clearance: string;
  badge: string;
  skills: string;
  projects: number;
  hours_total: number;
}

let generate: Ran;
let workers: Ran;
let loaded: LoadedFolder;
let db: Db;
let employees: Employee[];

beforeAll(async () => {
  const run = (dir: string, ...flags: string[]) =>
    dgen(["generate", schema, "--format", "csv", "--out", dir, "--quiet", ...flags], { timeoutMs: 240_000 });
  [generate, workers] = await Promise.all([run(out), run(outWorkers, "--workers", "2")]);
  expect(stackLines(generate.stderr)).toEqual([]);
  expect(generate.stderr).toBe("");
  expect(generate.code).toBe(0);
  loaded = await loadCsvFolder(out, DDL);
  db = loaded.db;
  employees = db.prepare(`SELECT * FROM employees ORDER BY rowid`).all() as Employee[];
}, 120_000);
afterAll(() => db?.close());

describe("company CSVs in SQLite with the schema's keys", () => {
  it("writes one CSV per table and a manifest with the parameter's value", () => {
    expect(listFiles(out)).toEqual(["_manifest.json", ...TABLES.map((t) => `${t}.csv`)].sort());
    const manifest = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8")) as { params: unknown };
    expect(manifest.params).toEqual({ staff: STAFF });
  });

  it("every row loads under PRIMARY KEY, UNIQUE, CHECK and enforced FOREIGN KEY constraints, the cycle deferred", () => {
    expect(loaded.deferred).toBe(true);
    expect(loaded.rows.employees).toBe(STAFF);
    expect(loaded.rows.projects).toBe(STAFF / 20);
    // one row a day in [2025-06-01, 2025-06-30): 29 days
    expect(loaded.rows.timesheets).toBe(29 * STAFF);
    expect(foreignKeyViolations(db)).toEqual([]);
  });

  it("the deferred keys are still judged: a head_id that names no employee fails the load at COMMIT", async () => {
    const broken = join(root, "broken");
    mkdirSync(broken);
    copyFileSync(join(out, "employees.csv"), join(broken, "employees.csv"));
    const text = readFileSync(join(out, "departments.csv"), "utf8");
    writeFileSync(join(broken, "departments.csv"), text.replace(/,\d+\n/, ",42\n"));
    await expect(loadCsvFolder(broken, DDL.slice(0, 2))).rejects.toThrow(
      /foreign keys violated at COMMIT.*departments/,
    );
  });

  it("the junction key (employee_id, project_id) is unique: SQLite refuses a copy of an assignment", () => {
    expect(loaded.rows.assignments).toBeGreaterThan(0);
    expect(() => db.exec(`INSERT INTO assignments SELECT * FROM assignments LIMIT 1`)).toThrow(/UNIQUE|PRIMARY/);
    // 0..4 distinct projects per employee
    expect(scalar(db, `SELECT max(n) FROM (SELECT count(*) n FROM assignments GROUP BY employee_id)`)).toBe(4);
  });

  it("departments are the CSV's, and every head_id is an existing employee", () => {
    const file = readCsv(join(fixtures, "data", "departments.csv"));
    const ids = file.rows.map((r) => Number(r[0]));
    expect(db.prepare(`SELECT dept_id FROM departments ORDER BY rowid`).pluck().all()).toEqual(ids);
    expect(db.prepare(`SELECT name FROM departments ORDER BY rowid`).pluck().all()).toEqual(file.rows.map((r) => r[1]));
    const used = new Set(employees.map((e) => e.dept_id));
    for (const d of used) expect(ids).toContain(d);
    const heads = db.prepare(`SELECT head_id FROM departments`).pluck().all() as (number | null)[];
    const known = new Set(employees.map((e) => e.employee_id));
    for (const h of heads) expect(h !== null && known.has(h), `head_id ${h}`).toBe(true);
  });
});

describe("company's relational shapes, re-checked from the rows", () => {
  it("employee_id is a sequence from 1 000 000 000 000", () => {
    // in the file's order (the rows below come from SQLite, ordered by this key)
    const ids = column(readCsv(join(out, "employees.csv")), "employee_id");
    expect(ids).toEqual(ids.map((_, i) => String(FIRST_EMPLOYEE_ID + i)));
    expect(employees.map((e) => e.employee_id)).toEqual(employees.map((_, i) => FIRST_EMPLOYEE_ID + i));
  });

  it("reports_to forms a forest with one root: row 0 has none, every other row names an earlier employee", () => {
    expect(employees[0].reports_to).toBeNull();
    const index = new Map(employees.map((e, i) => [e.employee_id, i]));
    for (const [i, e] of employees.entries()) {
      if (i === 0) continue;
      expect(e.reports_to, `row ${i}`).not.toBeNull();
      expect(index.get(e.reports_to!)!, `row ${i} reports to ${e.reports_to}`).toBeLessThan(i);
    }
    // and directly: following reports_to from any employee reaches the root without revisiting anyone
    const parent = new Map(employees.map((e) => [e.employee_id, e.reports_to]));
    for (const e of employees) {
      const seen = new Set<number>();
      let at: number | null = e.employee_id;
      while (at !== null && !seen.has(at)) {
        seen.add(at);
        at = parent.get(at) ?? null;
      }
      expect(at, `cycle through ${e.employee_id}`).toBeNull();
      expect([...seen].pop()).toBe(FIRST_EMPLOYEE_ID);
    }
  });

  it("timesheets: delta is round(hours − the previous day's hours, 1), and 0 on each employee's first day", () => {
    const rows = db.prepare(`SELECT employee_id, day, hours, delta FROM timesheets ORDER BY rowid`).all() as {
      employee_id: number;
      day: string;
      hours: number;
      delta: number;
    }[];
    const tenths = (x: number) => Math.round(x * 10);
    const wrong: unknown[] = [];
    for (const [i, r] of rows.entries()) {
      const prev = rows[i - 1];
      const first = prev === undefined || prev.employee_id !== r.employee_id;
      if (first) {
        if (r.day !== "2025-06-01" || r.delta !== 0) wrong.push(r);
        continue;
      }
      // days follow one another within an employee
      const next = new Date(Date.parse(`${prev.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      // hours carry one decimal, so the difference is exact in tenths
      if (
        r.day !== next ||
        tenths(r.delta) !== tenths(r.hours) - tenths(prev.hours) ||
        tenths(r.delta) / 10 !== r.delta
      )
        wrong.push({ prev, r });
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(rows.some((r) => r.delta !== 0)).toBe(true);
  });

  it("projects and hours_total equal the count and the sum of the employee's assignments", () => {
    const wrong = db
      .prepare(
        `SELECT e.employee_id, e.projects, e.hours_total, count(a.project_id) n, coalesce(sum(a.hours), 0) h
         FROM employees e LEFT JOIN assignments a ON a.employee_id = e.employee_id
         GROUP BY e.employee_id HAVING e.projects <> n OR e.hours_total <> h LIMIT 5`,
      )
      .all();
    expect(wrong).toEqual([]);
    expect(scalar(db, `SELECT count(*) FROM employees WHERE projects = 0`)).toBeGreaterThan(0);
  });

  it("clearance is one of the enum's labels, badge 16 lowercase hex digits, skills a JSON array of 0..4 skills", () => {
    const lengths = new Set<number>();
    for (const e of employees) {
      expect(CLEARANCES).toContain(e.clearance);
      expect(e.badge).toMatch(/^[0-9a-f]{16}$/);
      const skills = JSON.parse(e.skills) as unknown;
      expect(Array.isArray(skills), e.skills).toBe(true);
      const list = skills as unknown[];
      lengths.add(list.length);
      for (const s of list) expect(SKILLS).toContain(s);
    }
    expect([...lengths].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(employees.map((e) => e.clearance)).size).toBe(CLEARANCES.length);
  });
});

describe("company's bytes", () => {
  it("--workers 2 writes the same bytes (timesheets' walk and prev, employees' aggregates cut across chunks)", () => {
    expect(workers.stderr).toBe("");
    expect(workers.code).toBe(0);
    expect(folderHashes(outWorkers)).toEqual(folderHashes(out));
  });
});
