/**
 * The promises of §6, checked on real files: the same schema and seed give the same bytes with any
 * number of workers and any shard split; the seed matters; every value is a function of
 * (seed, table, column, row), so adding or reordering columns and raising row counts leave the other
 * values alone. Schemas are written to a temp folder and run through `dgen generate` / `dgen build`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, shopSchema, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv, type Csv } from "../helpers/csv.js";
import { folderHashes } from "../helpers/hash.js";

const root = tempDir("determinism");
const SHOP_TABLES = ["customers", "products", "orders", "order_items"];

const BASE = `
dataset det {
  seed: 5
  epoch: 2025-01-01
}
enum Color { red: 0.5, green: 0.3, blue: 0.2 }
table people {
  rows: 300
  id     int     @pk     = sequence(1)
  name   string          = faker.person.firstName()
  score  float           = normal(50, 10)
  born   date            = between(1950-01-01, 2005-12-31)
  color  Color
  code   string  @unique = pattern("[A-Z]{3}[0-9]{3}")
  label  string          = \`{name}-{id}\`
  nick   string? @null(20%) = faker.internet.username()
}
table visits {
  rows: per people 0..4
  id        uuid      @pk             = uuid()
  person_id int       @ref(people.id) = parent.id
  at        timestamp                 = between(2024-01-01, 2024-12-31)
  amount    decimal(8, 2)             = round(lognormal(3, 1), 2)
  n         int                       = ordinal + 1
}
`;

/** BASE with one more column in each table (in the middle of people, first in visits). */
const ADDED = BASE.replace("  score  float", "  extra  int             = uniform(1, 1000)\n  score  float").replace(
  "  id        uuid",
  "  note      string                    = faker.lorem.word()\n  id        uuid",
);

/** BASE with the columns of each table in reverse order. */
const REORDERED = (() => {
  const lines = BASE.split("\n");
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    out.push(...block.reverse());
    block = [];
  };
  for (const line of lines) {
    if (/^  [a-z_]+\s+[A-Za-z]/.test(line) && !line.startsWith("  rows:")) block.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join("\n");
})();

/** BASE with more people (a fixed table) and therefore more visits (a `per` table). */
const RAISED = BASE.replace("rows: 300", "rows: 450");

/** A one-table schema big enough for several 32 768-row chunks. */
const BIG = `
dataset big {
  seed: 3
}
table people {
  rows: 100_000
  id    int    @pk     = sequence(1)
  name  string         = faker.person.firstName()
  score float          = normal(50, 10)
  code  string @unique = pattern("[A-Z]{4}[0-9]{4}")
  born  date           = between(1950-01-01, 2005-12-31)
  tag   uuid           = uuid()
}
`;

function schema(name: string, text: string): string {
  const path = join(root, `${name}.dgen`);
  writeFileSync(path, text);
  return path;
}

function ok(r: Ran, what: string): void {
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

const csvOf = (dir: string, table: string): Csv => readCsv(join(dir, `${table}.csv`));

/** Every column of `base` has the same values, row by row, in `variant` (matched by name). */
function expectSameColumns(base: Csv, variant: Csv, what: string): void {
  expect(variant.rows.length, what).toBe(base.rows.length);
  for (const name of base.header) expect(column(variant, name), `${what}: column ${name}`).toEqual(column(base, name));
}

/** `small`'s rows are the first rows of `large`, byte for byte. */
function expectPrefix(small: string, large: string, what: string): void {
  const a = readFileSync(small, "utf8");
  const b = readFileSync(large, "utf8");
  expect(a.split("\n").length, what).toBeLessThan(b.split("\n").length);
  expect(b.startsWith(a), `${what}: the smaller run is not a prefix of the larger`).toBe(true);
}

const dirs = {
  base1: join(root, "base1"),
  added: join(root, "added"),
  reordered: join(root, "reordered"),
  raised: join(root, "raised"),
};
const shopBundle = join(root, "shop.mjs");
const bigBundle = join(root, "big.mjs");

beforeAll(async () => {
  const base = schema("det", BASE);
  const runs = await Promise.all([
    dgen(["build", shopSchema, "-o", shopBundle]),
    dgen(["build", schema("big", BIG), "-o", bigBundle]),
    dgen(["generate", base, "--out", dirs.base1]),
    dgen(["generate", schema("det-added", ADDED), "--out", dirs.added]),
    dgen(["generate", schema("det-reordered", REORDERED), "--out", dirs.reordered]),
    dgen(["generate", schema("det-raised", RAISED), "--out", dirs.raised]),
  ]);
  runs.forEach((r, i) => ok(r, `setup run ${i}`));
}, 120_000);

describe("§6.1 the same file and seed give the same bytes", () => {
  it("two runs of the same schema and seed write identical files, manifest included", async () => {
    const [one, two] = ["twice-1", "twice-2"].map((n) => join(root, n));
    const runs = await Promise.all([
      node(shopBundle, ["--out", one, "--scale", "0.05"]),
      node(shopBundle, ["--out", two, "--scale", "0.05"]),
    ]);
    runs.forEach((r, i) => ok(r, `twice run ${i}`));
    const a = folderHashes(one);
    expect(Object.keys(a)).toEqual(["_manifest.json", ...SHOP_TABLES.map((t) => `${t}.csv`)].sort());
    expect(folderHashes(two)).toEqual(a);
  }, 60_000);

  it("--workers 1, 2 and 3 write identical files (100 000 rows: four 32 768-row chunks)", async () => {
    const outs = [1, 2, 3].map((w) => join(root, `workers-${w}`));
    const runs = await Promise.all(
      outs.map((out, i) => node(bigBundle, ["--out", out, "--workers", String(i + 1), "--quiet"])),
    );
    runs.forEach((r, i) => ok(r, `--workers ${i + 1}`));
    const one = folderHashes(outs[0]);
    const text = readFileSync(join(outs[0], "people.csv"), "utf8");
    expect(text.split("\n").length - 2, "data rows").toBe(100_000);
    expect(folderHashes(outs[1])).toEqual(one);
    expect(folderHashes(outs[2])).toEqual(one);
  }, 60_000);

  it("--shard 1/3, 2/3, 3/3 into one folder: the parts, headers dropped after the first, are the single run", async () => {
    const single = join(root, "shard-single");
    const sharded = join(root, "shard-parts");
    mkdirSync(sharded);
    const runs = await Promise.all([
      node(shopBundle, ["--out", single, "--scale", "0.1"]),
      ...[1, 2, 3].map((i) => node(shopBundle, ["--out", sharded, "--scale", "0.1", "--shard", `${i}/3`])),
    ]);
    runs.forEach((r, i) => ok(r, `shard run ${i}`));
    const files = listFiles(sharded);
    for (const t of SHOP_TABLES) {
      const parts = [0, 1, 2].map((i) => `${t}/part-${String(i).padStart(5, "0")}.csv`);
      for (const p of parts) expect(files, p).toContain(p);
      const whole = readFileSync(join(single, `${t}.csv`), "utf8");
      const header = whole.slice(0, whole.indexOf("\n") + 1);
      const texts = parts.map((p) => readFileSync(join(sharded, p), "utf8"));
      for (const [i, text] of texts.entries())
        expect(text.startsWith(header), `${parts[i]} has its own header`).toBe(true);
      const joined = header + texts.map((text) => text.slice(header.length)).join("");
      expect(joined === whole, `${t}: shards joined differ from the single run`).toBe(true);
    }
    // shards do not overwrite each other's manifest
    expect(files.filter((f) => f.startsWith("_manifest"))).toHaveLength(3);
  }, 60_000);
});

describe("§6.1 the seed", () => {
  it("--seed 7 changes every table; --seed 42 (the schema's) changes nothing", async () => {
    const [d, s7, s42] = ["seed-default", "seed-7", "seed-42"].map((n) => join(root, n));
    const runs = await Promise.all([
      node(shopBundle, ["--out", d, "--scale", "0.05"]),
      node(shopBundle, ["--out", s7, "--scale", "0.05", "--seed", "7"]),
      node(shopBundle, ["--out", s42, "--scale", "0.05", "--seed", "42"]),
    ]);
    runs.forEach((r, i) => ok(r, `seed run ${i}`));
    const a = folderHashes(d);
    const b = folderHashes(s7);
    for (const t of SHOP_TABLES) expect(b[`${t}.csv`], t).not.toBe(a[`${t}.csv`]);
    expect(JSON.parse(readFileSync(join(s7, "_manifest.json"), "utf8")).seed).toBe("7");
    expect(folderHashes(s42)).toEqual(a);
  }, 60_000);
});

describe("§6.2 every value is a function of (seed, table, column, row)", () => {
  it("adding a column leaves every other column's values identical", () => {
    for (const t of ["people", "visits"]) {
      const base = csvOf(dirs.base1, t);
      const added = csvOf(dirs.added, t);
      expect(added.header.length, t).toBe(base.header.length + 1);
      expectSameColumns(base, added, `${t} after adding a column`);
    }
  });

  it("reordering columns changes no values", () => {
    for (const t of ["people", "visits"]) {
      const base = csvOf(dirs.base1, t);
      const reordered = csvOf(dirs.reordered, t);
      expect(reordered.header, t).toEqual([...base.header].reverse());
      expectSameColumns(base, reordered, `${t} after reordering`);
    }
  });

  it("raising rows: in the schema text, earlier rows of the fixed table and of its per child stay identical", () => {
    expectPrefix(join(dirs.base1, "people.csv"), join(dirs.raised, "people.csv"), "people rows 300 -> 450");
    expectPrefix(join(dirs.base1, "visits.csv"), join(dirs.raised, "visits.csv"), "visits (per people)");
    expect(csvOf(dirs.raised, "people").rows.length).toBe(450);
  });

  it("raising rows with --rows: customers, and the orders and order_items under them, keep their earlier rows", async () => {
    const [small, large] = ["rows-100", "rows-250"].map((n) => join(root, n));
    const runs = await Promise.all([
      node(shopBundle, ["--out", small, "--rows", "customers=100", "--rows", "products=30"]),
      node(shopBundle, ["--out", large, "--rows", "customers=250", "--rows", "products=30"]),
    ]);
    runs.forEach((r, i) => ok(r, `rows run ${i}`));
    for (const t of ["customers", "orders", "order_items"])
      expectPrefix(join(small, `${t}.csv`), join(large, `${t}.csv`), t);
    expect(readFileSync(join(small, "products.csv"), "utf8")).toBe(readFileSync(join(large, "products.csv"), "utf8"));
    // the larger run's first order past the prefix belongs to a new customer
    const orders = csvOf(large, "orders");
    const first = column(orders, "customer_id")[csvOf(small, "orders").rows.length];
    expect(Number(first)).toBeGreaterThan(100);
  }, 60_000);
});
