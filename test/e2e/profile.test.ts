/**
 * `dgen profile` through the CLI on a folder without a schema, with planted anomalies: far-out values,
 * a constant column, mixed types, text that looks like a null, duplicate rows, a JSON Lines table whose
 * keys appear late, and hostile text in a cell and a column name. The page's model must find each of
 * them, and its counts must equal those computed here from the files; headless Chromium must load the
 * page without a console error and draw every chart.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckLine, ColumnReport, ReportModel, TableReport } from "../../compiler/report/model.js";
import { dgen, tempDir, type Ran } from "../helpers/cli.js";
import { haveChromium, loadPage, pageModel, type Loaded } from "../helpers/report-page.js";

const HOSTILE = `</script><img src=x onerror="window.__pwned=1">`;
const HOSTILE_NAME = `<b onmouseover="window.__pwned=2">x</b>`;
const N = 300;

let root: string;
let model: ReportModel;
let ran: Ran;
let missing: Ran;
let page: Loaded | undefined;
const amounts: number[] = [];

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

beforeAll(async () => {
  root = tempDir("profile");
  const data = join(root, "data");
  mkdirSync(data);
  const lines = [["id", "amount", "const", "mixed", "maybe", "label", "when", HOSTILE_NAME].map(csvCell).join(",")];
  for (let i = 1; i <= N; i++) {
    // a bell-ish amount from a fixed recipe; two far-out values planted
    const amount = i === 50 ? 1_000_000 : i === 120 ? -999_999 : 100 + ((i * 37) % 41) - 20 + ((i * 11) % 7);
    amounts.push(amount);
    const mixed = i === 10 || i === 20 ? "oops" : String(i % 13);
    const maybe = i % 60 === 0 ? "N/A" : String((i * 7) % 100);
    const label = i % 25 === 0 ? HOSTILE : i % 2 ? "a" : "b";
    const when = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push([String(i), String(amount), "x", mixed, maybe, label, when, "y"].map(csvCell).join(","));
  }
  // two rows equal to earlier ones in every cell
  lines.push(lines[3]!, lines[4]!);
  writeFileSync(join(data, "m.csv"), lines.join("\n") + "\n");
  const events = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify(i < 40 ? { k: i, v: i % 5 === 0 ? null : `s${i % 3}` } : { k: i, v: "s1", extra: { deep: [i] } }),
  );
  writeFileSync(join(data, "events.jsonl"), events.join("\n") + "\n");

  const out = join(root, "profile.html");
  [ran, missing] = await Promise.all([
    dgen(["profile", data, "-o", out]),
    dgen(["profile", join(root, "nothing-here"), "-o", join(root, "none.html")]),
  ]);
  model = pageModel(out);
  if (haveChromium) page = await loadPage(out);
}, 60_000);

const table = (name: string): TableReport => model.tables.find((t) => t.name === name)!;
const column = (t: string, c: string): ColumnReport => table(t).columns.find((x) => x.name === c)!;
const line = (c: { checks: readonly CheckLine[] }, what: string): CheckLine | undefined => c.checks.find((l) => l.what === what);

describe("dgen profile on a folder with planted anomalies", () => {
  it("writes the page and says so", () => {
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^wrote .*profile\.html: 2 tables, [0-9]+ pass, [0-9]+ warn, 0 fail, [0-9]+ info\n$/);
    expect(model.tables.map((t) => t.name)).toEqual(["events", "m"]);
    expect(table("m").rows).toBe(N + 2);
  });

  it("infers the types", () => {
    expect(["id", "amount", "const", "mixed", "maybe", "label", "when"].map((c) => column("m", c).type)).toEqual([
      "int", "int", "string", "int", "int", "string", "date",
    ]);
    expect(column("events", "extra").type).toBe("json");
  });

  it("finds the planted far-out values, and only them", () => {
    const o = line(column("m", "amount"), "outliers")!;
    expect(o.verdict).toBe("warn");
    expect(o.values!.outliers).toBe(2);
    expect(o.measured).toContain("1000000");
    expect(o.measured).toContain("-999999");
    expect(line(column("m", "id"), "outliers")!.values!.outliers).toBe(0);
    const s = column("m", "amount").summary!;
    const all = [...amounts, amounts[2]!, amounts[3]!];
    expect(s.min).toBe(Math.min(...all));
    expect(s.max).toBe(Math.max(...all));
  });

  it("finds the constant column, the mixed types, the null-like text and the duplicate rows", () => {
    expect(line(column("m", "const"), "constant")!.verdict).toBe("warn");
    const mixed = line(column("m", "mixed"), "type")!;
    expect(mixed.verdict).toBe("warn");
    expect(mixed.values!.mixed).toBe(2);
    expect(mixed.measured).toContain('"oops"');
    const nullish = line(column("m", "maybe"), "text that looks like a null")!;
    expect(nullish.measured).toBe('"N/A" ×5');
    const dup = line(table("m"), "duplicate rows")!;
    expect(dup.values!.duplicates).toBe(2);
    expect(dup.verdict).toBe("warn");
  });

  it("counts nulls and distinct values as the files hold them", () => {
    expect(column("events", "v").nulls).toBe(8);
    expect(column("events", "extra").nulls).toBe(40);
    expect(column("events", "k").distinct).toBe(50);
    expect(column("m", "label").distinct).toBe(3);
    expect(column("m", "when").distinct).toBe(N);
  });
});

describe.skipIf(!haveChromium && process.env.CI !== "true")("the profile in headless Chromium", () => {
  it("loads without a console error or any request, draws every chart, and runs no cell text", () => {
    expect(page, "Chromium is installed (/usr/bin/chromium)").toBeDefined();
    expect(page!.errors).toEqual([]);
    expect(page!.requests).toEqual([]);
    const charts = model.tables.reduce((n, t) => n + t.columns.filter((c) => c.chart).length, 0);
    expect(charts).toBeGreaterThanOrEqual(8);
    expect(page!.drawn).toBe(String(charts));
    for (const n of page!.inked) expect(n).toBeGreaterThan(2000);
    expect(page!.pwned).toBeUndefined();
    expect(page!.images).toBe(0);
    expect(page!.text).toContain(HOSTILE_NAME);
  });
});

describe("errors", () => {
  it("a missing folder is DG5050 and DG5322, and no page", () => {
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error[DG5050]");
    expect(missing.stderr).toContain("error[DG5322]");
    expect(existsSync(join(root, "none.html"))).toBe(false);
  });
});
