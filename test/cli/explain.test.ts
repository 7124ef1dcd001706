/**
 * `dgen explain` (issue 12 item 3): the plan of a schema as text and JSON — tables, row counts, how
 * each key is unique, what each pick computes, which columns correlate — and diagnostics for a broken one.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";

interface Explained {
  tables: {
    name: string;
    rows: string;
    dependsOn: string[];
    keys: { kind: string; columns: string[]; how: string }[];
    foreignKeys: { columns: string[]; references: string }[];
    picks: { column: string; computes: string }[];
    correlations: string[][];
  }[];
}

const root = tempDir("explain");

describe("dgen explain", () => {
  it("tells shop.dgen's plan as JSON: rows, keys, foreign keys, picks", async () => {
    const r = await dgen(["explain", join(repoRoot, "examples/shop.dgen"), "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as Explained;
    expect(x.tables.map((t) => t.name)).toEqual(["customers", "products", "orders", "order_items"]);
    const [customers, , orders, items] = x.tables;
    expect(customers!.rows).toBe("10000");
    expect(customers!.keys[0]).toMatchObject({ kind: "primary", columns: ["id"] });
    expect(customers!.keys[0]!.how).toContain("sequence");
    expect(orders!.rows).toContain("per customers");
    expect(orders!.rows).toContain("poisson");
    expect(orders!.keys[0]!.how).toContain("uuid");
    expect(orders!.foreignKeys).toEqual([{ columns: ["customer_id"], references: "customers.id" }]);
    expect(items!.dependsOn).toEqual(expect.arrayContaining(["orders", "products"]));
    expect(items!.keys).toContainEqual(expect.objectContaining({ kind: "unique", columns: ["order_id", "line"] }));
    expect(items!.picks).toContainEqual({ column: "product", computes: expect.stringContaining("zipf(1.1)") });
  });

  it("names the correlated columns and prints text", async () => {
    const schema = join(root, "corr.dgen");
    writeFileSync(
      schema,
      "dataset d { seed: 1 }\ntable t {\n  rows: 10\n  id int @pk = sequence(1)\n  a float = normal(0, 1)\n  b float = normal(0, 1)\n  correlate a, b {\n    a ~ b: 0.7\n  }\n}\n",
    );
    const [json, text] = await Promise.all([dgen(["explain", schema, "--format", "json"]), dgen(["explain", schema])]);
    expect(json.stderr).toBe("");
    expect((JSON.parse(json.stdout) as Explained).tables[0]!.correlations).toEqual([["a", "b"]]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("1. t: 10 rows");
    expect(text.stdout).toContain("correlated: a, b");
  });

  it("gives the diagnostics of a broken schema, with exit 1", async () => {
    const schema = join(root, "bad.dgen");
    writeFileSync(schema, "dataset d { seed: 1 }\ntable t {\n  rows: 10\n  id int @pk = uniform(1, 3)\n}\n");
    const r = await dgen(["explain", schema]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[DG4\d{3}\]/);
    expect(r.stdout).toBe("");
  });
});
