/**
 * Issue 8, item 20: `pick(t, zipf(s))` keeps its meaning (row 0 is the most popular), and
 * `pick(t, zipf(s, spread))` draws the same skew with the ranks spread over the table by a
 * permutation keyed by (seed, table): the same popular rows for every column that picks from the
 * table, other rows under another seed, and the same bytes on every run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv, type Csv } from "../helpers/csv.js";

const root = tempDir("zipf-spread");

const SCHEMA = `dataset z { seed: 7 }
table customers {
  rows: 1000
  id int @pk = sequence(1)
}
table orders {
  rows: 26000
  id     int @pk = sequence(1)
  plain  int @ref(customers.id) = pick(customers, zipf(1.1)).id
  spread int @ref(customers.id) = pick(customers, zipf(1.1, spread)).id
  again  int @ref(customers.id) = pick(customers, zipf(1.1, spread)).id
}
`;

const out = { one: join(root, "one"), two: join(root, "two"), seed: join(root, "seed") };

const csvs = new Map<string, Csv>();

/** Customer ids by how often they were picked, most picked first, with their counts. */
function ranking(dir: string, name: string): [string, number][] {
  if (!csvs.has(dir)) csvs.set(dir, readCsv(join(dir, "orders.csv")));
  const counts = new Map<string, number>();
  for (const id of column(csvs.get(dir)!, name)) counts.set(id!, (counts.get(id!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function ok(r: Ran, what: string): void {
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

beforeAll(async () => {
  const path = join(root, "z.dgen");
  writeFileSync(path, SCHEMA);
  const bundle = join(root, "z.mjs");
  ok(await dgen(["build", path, "-o", bundle]), "build");
  const runs = await Promise.all([
    node(bundle, ["--out", out.one, "--format", "csv"]),
    node(bundle, ["--out", out.two, "--format", "csv"]),
    node(bundle, ["--out", out.seed, "--format", "csv", "--seed", "8"]),
  ]);
  runs.forEach((r, i) => ok(r, `run ${i}`));
}, 60_000);

describe("pick(t, zipf(s, spread))", () => {
  it("plain zipf keeps row 0 the most popular", () => {
    const top = ranking(out.one, "plain").slice(0, 3);
    expect(top.map(([id]) => id)).toEqual(["1", "2", "3"]);
  });

  it("spread moves the popular rows away from the first rows, with the same skew", () => {
    const plain = ranking(out.one, "plain");
    const spread = ranking(out.one, "spread");
    const top10 = new Set(spread.slice(0, 10).map(([id]) => id));
    const first10 = new Set(Array.from({ length: 10 }, (_, i) => String(i + 1)));
    expect([...top10].filter((id) => first10.has(id)).length).toBeLessThan(5);
    // The most popular row gets about the share that row 0 gets without spreading.
    expect(Math.abs(spread[0]![1] - plain[0]![1]) / plain[0]![1]).toBeLessThan(0.1);
  });

  it("every spread pick of a table shares its popular rows, and another seed moves them", () => {
    const spread = ranking(out.one, "spread")
      .slice(0, 3)
      .map(([id]) => id);
    expect(
      ranking(out.one, "again")
        .slice(0, 3)
        .map(([id]) => id),
    ).toEqual(spread);
    expect(ranking(out.seed, "spread")[0]![0]).not.toBe(spread[0]);
  });

  it("writes the same bytes on every run", () => {
    expect(readFileSync(join(out.two, "orders.csv"))).toEqual(readFileSync(join(out.one, "orders.csv")));
  });
});
