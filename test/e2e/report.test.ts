/**
 * `dgen report` through the CLI on data `dgen generate` wrote: a schema with distributions, an enum, nulls,
 * a correlation, keys, a foreign key and a rule. The page's model must hold `dgen validate --format json`'s
 * numbers (rows, violations per rule) and the statistical suite's measures (KS, chi-square, Spearman,
 * shares) computed here on the CSV read back with csv-parse; headless Chromium must load it without a
 * console error or a request, draw every chart, and never run the hostile text a cell holds. A copy with
 * planted violations fails with validate's counts; a missing folder and a bad schema give DG errors.
 */
import { parse } from "csv-parse/sync";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ColumnReport, ReportModel, TableReport } from "../../compiler/report/model.js";
import { chiSquare, ks, share } from "../../compiler/report/stats/goodness.js";
import * as ref from "../../compiler/report/stats/reference.js";
import { spearman } from "../../compiler/report/stats/rank-correlation.js";
import { dgen, tempDir, type Ran } from "../helpers/cli.js";
import { haveChromium, loadPage, pageModel, type Loaded } from "../helpers/report-page.js";

const HOSTILE = `</script><img src=x onerror="window.__pwned=1">`;

const SCHEMA = `
dataset rep { seed: 5  epoch: 2025-06-30 }
enum Tier { bronze: 0.5, silver: 0.3, gold: 0.2 }
table customers {
  rows: 2000
  id      int    @pk = sequence(1)
  name    string = one_of(${JSON.stringify(HOSTILE)}, "Ann", "Bob")
  tier    Tier
  score   int    = clamp(round(normal(690, 70)), 300, 850)
  income  float  = lognormal(10, 0.5)
  note    string? @null(20%) = one_of("a", "b")
  correlate score, income {
    score ~ income: 0.6
  }
}
table orders {
  rows: 3000
  id       int @pk = sequence(1)
  customer int @ref(customers.id) = pick(customers).id
  lo       int = uniform(1, 10)
  hi       int = lo + uniform(0, 5)
  visits   int = poisson(3)
  check lo <= hi
}
`;

let root: string;
let schema: string;
let model: ReportModel;
let reported: Ran;
let validated: { rows: number; violations: number; tables: { name: string; rows: number; violations: number }[] };
let rows: Record<string, string>[];
let bad: { report: Ran; model: ReportModel; validate: Ran };
let page: Loaded | undefined;
let errors: { missing: Ran; wrong: Ran; folder: Ran };

beforeAll(async () => {
  root = tempDir("report");
  schema = join(root, "rep.dgen");
  writeFileSync(schema, SCHEMA);
  const data = join(root, "data");
  const gen = await dgen(["generate", schema, "--out", data, "--format", "csv"]);
  expect(gen.stderr).toBe("");
  expect(gen.code).toBe(0);
  // planted: a repeated key, a cell that is not an int, and a broken rule
  const badData = join(root, "bad");
  mkdirSync(badData);
  const customers = readFileSync(join(data, "customers.csv"), "utf8").split("\n");
  customers[3] = customers[3]!.replace(/^3,/, "2,");
  customers[5] = customers[5]!.replace(/^5,([^,]*,[^,]*,)[0-9]+,/, "5,$1abc,");
  writeFileSync(join(badData, "customers.csv"), customers.join("\n"));
  const orders = readFileSync(join(data, "orders.csv"), "utf8").split("\n");
  orders[1] = orders[1]!.replace(/^1,([0-9]+),[0-9]+,[0-9]+,/, "1,$1,9,2,");
  writeFileSync(join(badData, "orders.csv"), orders.join("\n"));

  const out = join(root, "report.html");
  const broken = join(root, "broken.dgen");
  writeFileSync(broken, SCHEMA.replace("lo <= hi", "lo <= nope"));
  const [r, v, br, bv, missing, wrong, folder] = await Promise.all([
    dgen(["report", schema, data, "-o", out]),
    dgen(["validate", schema, data, "--format", "json", "--limit", "0"]),
    dgen(["report", schema, badData, "-o", join(root, "bad.html")]),
    dgen(["validate", schema, badData, "--format", "json", "--limit", "0"]),
    dgen(["report", schema, join(root, "missing"), "-o", join(root, "none.html")]),
    dgen(["report", broken, data, "-o", join(root, "broken.html")]),
    dgen(["report", schema, data, "-o", root]),
  ]);
  errors = { missing, wrong, folder };
  reported = r;
  model = pageModel(out);
  validated = JSON.parse(v.stdout) as typeof validated;
  bad = { report: br, model: pageModel(join(root, "bad.html")), validate: bv };
  rows = parse(readFileSync(join(data, "customers.csv")), { columns: true }) as Record<string, string>[];
  if (haveChromium) page = await loadPage(out);
}, 120_000);

const table = (m: ReportModel, name: string): TableReport => m.tables.find((t) => t.name === name)!;
const column = (m: ReportModel, t: string, c: string): ColumnReport => table(m, t).columns.find((x) => x.name === c)!;
const line = (c: { checks: readonly { what: string }[] }, what: string) => c.checks.find((l) => l.what === what)! as ReportModel["tables"][number]["checks"][number];

describe("dgen report on generated data", () => {
  it("writes the page and says so; every line passes", () => {
    expect(reported.stderr).toBe("");
    expect(reported.code).toBe(0);
    expect(reported.stdout).toMatch(/^wrote .*report\.html: 2 tables, [0-9]+ pass, 0 warn, 0 fail, [0-9]+ info\n$/);
    expect(model.counts.fail).toBe(0);
    expect(model.counts.pass).toBeGreaterThan(15);
  });

  it("has validate's rows and violations per table", () => {
    for (const t of validated.tables) {
      expect(table(model, t.name).rows).toBe(t.rows);
      expect(line(table(model, t.name), "violations").values!.violations).toBe(t.violations);
    }
    expect(validated.rows).toBe(5000);
  });

  it("measures score with the suite's KS (clamped, rounded normal: atoms)", () => {
    const n = ref.normal(690, 70);
    const values = rows.map((r) => Number(r.score));
    const want = ks(values, (x) => (x >= 850 ? 1 : x < 300 ? 0 : n.cdf(Math.floor(x) + 0.5)), (x) => (x <= 300 ? 0 : x > 850 ? 1 : n.cdf(Math.ceil(x) - 0.5)));
    const got = line(column(model, "customers", "score"), "distribution");
    expect(got.values!.d).toBeCloseTo(want.d, 12);
    expect(got.values!.critical).toBe(want.critical);
    expect(got.verdict).toBe(want.d < want.critical ? "pass" : "fail");
  });

  it("measures income with KS against lognormal(10, 0.5)", () => {
    const d = ref.lognormal(10, 0.5);
    const want = ks(rows.map((r) => Number(r.income)), (x) => d.cdf(x));
    expect(line(column(model, "customers", "income"), "distribution").values!.d).toBeCloseTo(want.d, 12);
  });

  it("measures the enum's shares with the suite's chi-square, and its bars against the declared counts", () => {
    const counts = ["bronze", "silver", "gold"].map((v) => rows.filter((r) => r.tier === v).length);
    const want = chiSquare([...counts, 0], [0.5, 0.3, 0.2, 0]);
    const got = column(model, "customers", "tier");
    expect(line(got, "distribution").values!.chi2).toBeCloseTo(want.stat, 10);
    expect(got.chart).toEqual({ kind: "bars", labels: ["bronze", "silver", "gold"], counts, expected: [1000, 600, 400] });
  });

  it("measures the null share as the suite does", () => {
    const nulls = rows.filter((r) => r.note === "").length;
    const want = share(nulls, rows.length, 0.2);
    const got = line(column(model, "customers", "note"), "nulls");
    expect(got.values!.share).toBe(want.observed);
    expect(got.values!.z).toBeCloseTo(want.z, 12);
    expect(column(model, "customers", "note").nulls).toBe(nulls);
  });

  it("draws the correlation heat map, declared against the suite's Spearman", () => {
    const rho = spearman(rows.map((r) => Number(r.score)), rows.map((r) => Number(r.income)));
    const [h] = table(model, "customers").heatmaps;
    expect(h!.columns).toEqual(["score", "income"]);
    expect(h!.declared).toEqual([[1, 0.6], [0.6, 1]]);
    expect(h!.measured[0]![1]).toBeCloseTo(rho, 12);
    expect(line(table(model, "customers"), "correlation score ~ income").verdict).toBe("pass");
  });

  it("lists the keys, the foreign key and the rule", () => {
    const t = table(model, "orders");
    expect(t.checks.map((l) => l.what)).toEqual(
      expect.arrayContaining(["primary key (id)", "foreign key customer → customers.id", "check lo <= hi"]),
    );
    expect(line(t, "check lo <= hi").verdict).toBe("pass");
    expect(line(column(model, "orders", "visits"), "distribution").test).toMatch(/^chi-square/);
    // a check redraws rows, so the draws it reads are not tested against their declaration
    const lo = line(column(model, "orders", "lo"), "distribution");
    expect([lo.verdict, lo.measured]).toEqual(["info", "not tested: check lo <= hi reshapes it"]);
  });
});

describe("dgen report on data with planted violations", () => {
  it("fails with validate's counts, rule by rule", () => {
    expect(bad.report.code).toBe(1);
    expect(bad.validate.code).toBe(1);
    const v = JSON.parse(bad.validate.stdout) as { violations: number; lines: { table: string; column: string; rule: string }[] };
    const count = (t: string, c: string, r: string) => v.lines.filter((l) => l.table === t && l.column === c && l.rule === r).length;
    expect(count("customers", "id", "duplicate primary key")).toBe(1);
    expect(count("customers", "score", "not an int")).toBe(1);
    expect(count("orders", "lo, hi", "check lo <= hi")).toBe(1);
    expect(line(table(bad.model, "customers"), "primary key (id)").values!.violations).toBe(1);
    expect(line(column(bad.model, "customers", "score"), "type and validators").values!.violations).toBe(
      count("customers", "score", "not an int"),
    );
    expect(line(table(bad.model, "orders"), "check lo <= hi").values!.violations).toBe(count("orders", "lo, hi", "check lo <= hi"));
    expect(line(table(bad.model, "orders"), "check lo <= hi").verdict).toBe("fail");
    const total = bad.model.tables.reduce((n, t) => n + line(t, "violations").values!.violations, 0);
    expect(total).toBe(v.violations);
    expect(bad.model.counts.fail).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!haveChromium && process.env.CI !== "true")("the page in headless Chromium", () => {
  it("loads without a console error or any request, and draws every chart", () => {
    expect(page, "Chromium is installed (/usr/bin/chromium)").toBeDefined();
    expect(page!.errors).toEqual([]);
    expect(page!.requests).toEqual([]);
    const charts = model.tables.reduce((n, t) => n + t.columns.filter((c) => c.chart).length, 0);
    expect(charts).toBeGreaterThanOrEqual(9);
    expect(page!.drawn).toBe(String(charts));
    expect(page!.inked).toHaveLength(charts);
    for (const n of page!.inked) expect(n).toBeGreaterThan(2000);
  });

  it("shows hostile cell text as text, never as markup", () => {
    expect(page!.pwned).toBeUndefined();
    expect(page!.images).toBe(0);
    expect(page!.text).toContain(HOSTILE.slice(0, 20));
  });
});

describe("errors", () => {
  it("a missing data folder is DG5050 and DG5322, and no page", () => {
    expect(errors.missing.code).toBe(1);
    expect(errors.missing.stderr).toContain("error[DG5050]");
    expect(errors.missing.stderr).toContain("error[DG5322]");
    expect(existsSync(join(root, "none.html"))).toBe(false);
  });

  it("a schema with an error gives its diagnostic, and no page", () => {
    expect(errors.wrong.code).toBe(1);
    expect(errors.wrong.stderr).toMatch(/error\[DG2[0-9]{3}\]/);
    expect(existsSync(join(root, "broken.html"))).toBe(false);
  });

  it("-o naming a folder is DG5321", () => {
    expect(errors.folder.code).toBe(1);
    expect(errors.folder.stderr).toContain("error[DG5321]");
  });
});
