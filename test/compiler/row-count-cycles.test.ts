/**
 * Row counts in cycles, through the CLI: a `rows: per P <count>` that reads a parent value which reads
 * the table back (an aggregate, size, t[e]; or a parent that redraws and gives its values with its whole
 * row) is DG4044 naming the cycle, with a note per step — before, `dgen check` passed it and generation
 * died with "Maximum call stack size exceeded" (DG9001). Counts that read their parent without a cycle
 * still generate, and the data agree with the aggregates (read back from the CSV files).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir, type Ran } from "../helpers/cli.js";

const cases = join(repoRoot, "test", "cases");
const dir = tempDir("row-count-cycles");

/** A CSV file without quoting (these tables hold numbers only) as rows of named fields. */
function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(dir, `${name}.csv`), "utf8")
    .trim()
    .split("\n");
  const names = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, v])));
}

describe("row counts that read their parent", () => {
  let generated: Ran;
  let checked: Ran;
  beforeAll(async () => {
    [generated, checked] = await Promise.all([
      dgen(["generate", join(cases, "ok-row-counts.dgen"), "--out", dir]),
      dgen(["check", join(cases, "v2-row-count-cycles.dgen"), "--format", "json"]),
    ]);
  }, 60_000);

  it("a cycle through a row count is DG4044 at the column, with a note per step", () => {
    expect(checked.code).toBe(1);
    const ds = JSON.parse(checked.stdout) as {
      code: string;
      message: string;
      start: { line: number };
      notes: { message: string; span?: unknown }[];
    }[];
    expect(ds.map((d) => d.code)).toEqual(["DG4044", "DG4044", "DG4044", "DG4044"]);
    expect(ds.map((d) => d.start.line)).toEqual([12, 24, 36, 52]);
    const days = ds[0]!;
    expect(days.message).toContain("days.total → visits (its row count) → days (its whole row) → days.total");
    expect(days.notes.map((n) => n.message)).toEqual([
      "days.total aggregates over the rows of 'visits', so it needs visits (its row count)",
      "visits (its row count) reads days.expected, which is drawn with days (its whole row)",
      "days (its whole row) computes days.total: 'days' may draw a row again ('total' must fit decimal(6, 2) (less than 10000 in magnitude), which is not proven)",
    ]);
    // Every step points at its line of the schema.
    for (const d of ds) for (const n of d.notes) expect(n.span).toBeDefined();
  });

  it("counts without a cycle generate, and the aggregates match the child rows", () => {
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    // days.total = sum of its visits' amounts (in cents, exactly); each day has poisson(size) visits.
    const cents = new Map<string, number>();
    for (const v of csv("visits"))
      cents.set(v.day_id!, (cents.get(v.day_id!) ?? 0) + Math.round(Number(v.amount) * 100));
    const days = csv("days");
    expect(days).toHaveLength(10);
    for (const d of days) expect(Math.round(Number(d.total) * 100)).toBe(cents.get(d.id!) ?? 0);
    // shops.n = its sales, and each sale's share is 1 / n.
    const sales = csv("sales");
    for (const s of csv("shops")) {
      const mine = sales.filter((x) => x.shop_id === s.id);
      expect(Number(s.n)).toBe(mine.length);
      for (const x of mine) expect(Number(x.share)).toBeCloseTo(1 / mine.length, 12);
    }
    // farms.first is the first crop row's size.
    const first = csv("crops")[0]!.size;
    for (const f of csv("farms")) expect(f.first).toBe(first);
  });
});
