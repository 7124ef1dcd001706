/**
 * `dgen fixtures` (issue 12 item 2): a typed module of literal rows that type-checks with
 * `tsc --strict`, holds the rows `dgen generate` writes for the same counts, keeps every foreign key
 * inside the fixtures, is byte-identical run to run; and `dgen check schema FILE…` tells when a
 * committed fixture module or compiled module is stale (DG5340–DG5342).
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, shopSchema, tempDir } from "../helpers/cli.js";
import { bundleModule, typecheck } from "../helpers/typescript.js";

const root = tempDir("fixtures");
const shop = join(root, "shop.dgen");
const shopFixtures = join(root, "shop.fixtures.ts");
type Row = Record<string, unknown>;
let fixtures: Record<string, readonly Row[]>;

beforeAll(async () => {
  copyFileSync(shopSchema, shop);
  cpSync(join(repoRoot, "examples", "data"), join(root, "data"), { recursive: true });
  const r = await dgen(["fixtures", shop, "--rows", "customers=4", "--default-rows", "3", "-o", shopFixtures]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  await bundleModule(root, "./shop.fixtures.ts", join(root, "shop.fixtures.mjs"));
  fixtures = (await import(pathToFileURL(join(root, "shop.fixtures.mjs")).href)) as Record<string, readonly Row[]>;
}, 60_000);

describe("dgen fixtures", () => {
  it("writes the rows dgen generate writes for the same counts, keys inside the fixtures", async () => {
    const out = join(root, "gen");
    const g = await dgen(["generate", shop, "--out", out, "--format", "jsonl", "--quiet"].concat(
      ["--rows", "customers=4", "--rows", "products=3"],
    ));
    expect(g.code).toBe(0);
    for (const [table, name] of [
      ["customers", "customers"],
      ["products", "products"],
      ["orders", "orders"],
      ["order_items", "orderItems"],
    ] as const) {
      const lines = readFileSync(join(out, `${table}.jsonl`), "utf8").trim().split("\n");
      const rows = fixtures[name]!;
      expect(rows.length).toBe(lines.length);
      lines.forEach((line, i) => {
        const json = JSON.parse(line) as Row;
        for (const [k, v] of Object.entries(json)) {
          const f = rows[i]![k];
          // Decimals are text in the typed rows (exact), numbers in JSON.
          expect(typeof f === "string" && typeof v === "number" ? Number(f) : f).toEqual(v);
        }
      });
    }
    const ids = (t: string, c: string) => new Set(fixtures[t]!.map((r) => r[c]));
    expect(fixtures["orders"]!.every((o) => ids("customers", "id").has(o["customer_id"]))).toBe(true);
    expect(fixtures["orderItems"]!.every((o) => ids("orders", "id").has(o["order_id"]))).toBe(true);
    expect(fixtures["orderItems"]!.every((o) => ids("products", "id").has(o["product_id"]))).toBe(true);
    expect(fixtures["customers"]!.length).toBe(4);
    expect(fixtures["products"]!.length).toBe(3);
  }, 60_000);

  it("type-checks with tsc --strict where a test uses it, for every value kind and hostile names", async () => {
    const kinds = [
      ["every-type", join(repoRoot, "test", "emit", "every-type", "schema.dgen")],
      ["hostile", join(repoRoot, "test", "emit", "hostile-strings", "schema.dgen")],
      ["v2", join(repoRoot, "test", "cases", "ok-v2-features.dgen")],
      ["privacy", join(repoRoot, "examples", "people.dgen")],
    ] as const;
    const runs = await Promise.all(kinds.map(([n, s]) => dgen(["fixtures", s, "-o", join(root, `${n}.ts`)], { env: { DGEN_KEY: "" } })));
    for (const r of runs) expect(r.stderr).toBe("");
    writeFileSync(
      join(root, "use.ts"),
      [
        `import { customers, orders, type Customer, type Order } from "./shop.fixtures";`,
        `const first: Customer = customers[0]!;`,
        `const status: "pending" | "paid" | "shipped" | "cancelled" = orders[0]!.status;`,
        `const mine: readonly Order[] = orders.filter((o) => o.customer_id === first.id);`,
        `export const n: number = mine.length + first.age + status.length;`,
      ].join("\n"),
    );
    const tsc = await typecheck(root, ["use.ts", "shop.fixtures.ts", ...kinds.map(([n]) => `${n}.ts`)]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    const v2 = readFileSync(join(root, "v2.ts"), "utf8");
    expect(v2).toMatch(/new Uint8Array\(\[[0-9, ]+\]\)/);
    // @encrypt and @mask are transforms of written files: fixtures hold the clean values, no key needed.
    expect(readFileSync(join(root, "privacy.ts"), "utf8")).toMatch(/ssn: "[0-9]{3}-[0-9]{2}-[0-9]{4}"/);
  }, 120_000);

  it("is byte-identical run to run, and --seed changes it", async () => {
    const again = join(root, "again.ts");
    const other = join(root, "other.ts");
    const [a, b] = await Promise.all([
      dgen(["fixtures", shop, "--rows", "customers=4", "--default-rows", "3", "-o", again]),
      dgen(["fixtures", shop, "--rows", "customers=4", "--default-rows", "3", "--seed", "7", "-o", other]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(shopFixtures, "utf8"));
    expect(readFileSync(other, "utf8")).not.toBe(readFileSync(shopFixtures, "utf8"));
  }, 60_000);

  it("refuses fixtures whose keys would leave them, tables too large, and counts of per tables", async () => {
    const [open, large, per] = await Promise.all([
      dgen(["fixtures", shop, "--tables", "orders", "-o", "-"]),
      dgen(["fixtures", shop, "--rows", "customers=20000", "-o", "-"]),
      dgen(["fixtures", shop, "--rows", "orders=3", "-o", "-"]),
    ]);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain("error[DG5344]: Fixture table 'orders' reads rows of table 'customers'");
    expect(large.code).toBe(1);
    expect(large.stderr).toMatch(/error\[DG5343\]: Table '(customers|orders)' would have [0-9]+ fixture rows/);
    expect(per.code).toBe(2);
    expect(per.stderr).toContain("error[DG8001]");
    expect(open.stdout + large.stdout + per.stdout).toBe("");
  }, 60_000);
});

describe("dgen check FILE… (stale generated files)", () => {
  it("passes fresh files, and names each stale one after the schema changes", async () => {
    const schema = join(root, "stale", "shop.dgen");
    const gen = join(root, "stale", "generated");
    cpSync(join(repoRoot, "examples", "data"), join(root, "stale", "data"), { recursive: true });
    copyFileSync(shopSchema, schema);
    const fx = join(root, "stale", "fixtures.ts");
    // The committed module of examples/shop.dgen is fresh (npm run check:generated), so it serves here.
    mkdirSync(gen);
    copyFileSync(join(repoRoot, "generated", "shop.ts"), join(gen, "shop.ts"));
    const made = await dgen(["fixtures", schema, "--rows", "customers=2", "-o", fx]);
    expect(made.code).toBe(0);
    const fresh = await dgen(["check", schema, join(gen, "shop.ts"), fx]);
    expect(fresh.stderr).toBe("");
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain(`${fx}: ok`);

    writeFileSync(schema, readFileSync(schema, "utf8").replace("seed: 42", "seed: 43"));
    const stale = await dgen(["check", schema, join(gen, "shop.ts"), fx]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`error[DG5340]: '${join(gen, "shop.ts")}' is stale`);
    expect(stale.stderr).toContain(`error[DG5340]: '${fx}' is stale: it is not what dgen fixtures ${schema} --rows customers=2 -o ${fx} writes`);
  }, 90_000);

  it("says when a file is not dgen's (DG5341), is another schema's (DG5342), or has tampered options", async () => {
    const mine = join(root, "mine.ts");
    writeFileSync(mine, "export const x = 1;\n");
    const tampered = join(root, "tampered.ts");
    writeFileSync(tampered, readFileSync(shopFixtures, "utf8").replace('"defaultRows":3', '"defaultRows":"x"'));
    const everyType = join(root, "every-type.ts");
    const r = await dgen(["check", shop, mine, everyType, tampered]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error[DG5341]: '${mine}' was not written by dgen compile or dgen fixtures`);
    expect(r.stderr).toContain(`error[DG5342]: '${everyType}' was written from 'schema.dgen', not from '${shop}'`);
    expect(r.stderr).toContain(`error[DG5340]: '${tampered}' is stale`);
  }, 60_000);
});

describe("a closed pipe", () => {
  it("ends `dgen help generate | head -1` quietly, without a stack trace", async () => {
    const node = `"${process.execPath}" bin/dgen.mjs`;
    // `true` reads nothing and exits at once: every write of dgen meets a closed pipe.
    const r = await runProcess("sh", ["-c", `${node} --help | head -1; ${node} help generate | true; ${node} --help | true`]);
    expect(r.stdout).toBe("Usage: dgen [options] [command]\n");
    expect(r.stderr).toBe("");
  });
});
