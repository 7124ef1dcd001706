/**
 * The v2 TPC-H example (test/fixtures/spec-v2/tpch.dgen) as a user runs it: `dgen generate --param sf=…`,
 * the CSVs loaded into a real SQLite (better-sqlite3) with the specification's primary, unique and
 * foreign keys and foreign keys enforced, and the value rules of the schema (o_totalprice,
 * o_orderstatus, the sparse order keys, p_retailprice) recomputed independently in exact integers.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { foreignKeyViolations, loadCsvFolder, scalar, type Db, type LoadedFolder } from "../helpers/sqlite-db.js";

const schema = join(repoRoot, "test", "fixtures", "spec-v2", "tpch.dgen");
const root = tempDir("tpch");
const out = join(root, "sf001");
const outLarge = join(root, "sf01");
const outScaled = join(root, "scaled");
const TABLES = ["region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem"];

// The DDL of TPC-H clause 1.4 with the keys of clause 1.4.2, written from the specification (not from
// dgen): decimals stay TEXT so that SQLite compares the exact strings dgen wrote.
const DDL = [
  `CREATE TABLE region (r_regionkey INTEGER PRIMARY KEY, r_name TEXT NOT NULL UNIQUE, r_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE nation (n_nationkey INTEGER PRIMARY KEY, n_name TEXT NOT NULL UNIQUE,
     n_regionkey INTEGER NOT NULL REFERENCES region(r_regionkey), n_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE supplier (s_suppkey INTEGER PRIMARY KEY, s_name TEXT NOT NULL, s_address TEXT NOT NULL,
     s_nationkey INTEGER NOT NULL REFERENCES nation(n_nationkey), s_phone TEXT NOT NULL,
     s_acctbal TEXT NOT NULL, s_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE part (p_partkey INTEGER PRIMARY KEY, p_name TEXT NOT NULL, p_mfgr TEXT NOT NULL,
     p_brand TEXT NOT NULL, p_type TEXT NOT NULL, p_size INTEGER NOT NULL, p_container TEXT NOT NULL,
     p_retailprice TEXT NOT NULL, p_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE partsupp (ps_partkey INTEGER NOT NULL REFERENCES part(p_partkey),
     ps_suppkey INTEGER NOT NULL REFERENCES supplier(s_suppkey), ps_availqty INTEGER NOT NULL,
     ps_supplycost TEXT NOT NULL, ps_comment TEXT NOT NULL, PRIMARY KEY (ps_partkey, ps_suppkey)) STRICT`,
  `CREATE TABLE customer (c_custkey INTEGER PRIMARY KEY, c_name TEXT NOT NULL, c_address TEXT NOT NULL,
     c_nationkey INTEGER NOT NULL REFERENCES nation(n_nationkey), c_phone TEXT NOT NULL,
     c_acctbal TEXT NOT NULL, c_mktsegment TEXT NOT NULL, c_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE orders (o_orderkey INTEGER PRIMARY KEY, o_custkey INTEGER NOT NULL REFERENCES customer(c_custkey),
     o_orderstatus TEXT NOT NULL, o_totalprice TEXT NOT NULL, o_orderdate TEXT NOT NULL,
     o_orderpriority TEXT NOT NULL, o_clerk TEXT NOT NULL, o_shippriority INTEGER NOT NULL,
     o_comment TEXT NOT NULL) STRICT`,
  `CREATE TABLE lineitem (l_orderkey INTEGER NOT NULL REFERENCES orders(o_orderkey),
     l_partkey INTEGER NOT NULL REFERENCES part(p_partkey), l_suppkey INTEGER NOT NULL REFERENCES supplier(s_suppkey),
     l_linenumber INTEGER NOT NULL, l_quantity TEXT NOT NULL, l_extendedprice TEXT NOT NULL,
     l_discount TEXT NOT NULL, l_tax TEXT NOT NULL, l_returnflag TEXT NOT NULL, l_linestatus TEXT NOT NULL,
     l_shipdate TEXT NOT NULL, l_commitdate TEXT NOT NULL, l_receiptdate TEXT NOT NULL,
     l_shipinstruct TEXT NOT NULL, l_shipmode TEXT NOT NULL, l_comment TEXT NOT NULL,
     PRIMARY KEY (l_orderkey, l_linenumber),
     FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp(ps_partkey, ps_suppkey)) STRICT`,
  // not a TPC-H table: the colour list the schema samples p_name from
  `CREATE TABLE colors (word TEXT NOT NULL UNIQUE) STRICT`,
];

interface Manifest {
  params: Record<string, unknown>;
  tables: { name: string; rows: number }[];
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8")) as Manifest;
const manifestRows = (dir: string) => Object.fromEntries(manifestOf(dir).tables.map((t) => [t.name, t.rows]));

/** The row counts of TPC-H clause 4.2.5 at scale factor `sf` (lineitem is checked as a range). */
function specRows(sf: number): Record<string, number> {
  const part = 200_000 * sf;
  return {
    region: 5,
    nation: 25,
    supplier: 10_000 * sf,
    part,
    partsupp: 4 * part,
    customer: 150_000 * sf,
    orders: 1_500_000 * sf,
  };
}

/** "-12.30" → -1230n: a decimal with exactly two places, in hundredths. */
function hundredths(text: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (m === null) throw new Error(`not a decimal(·, 2): ${JSON.stringify(text)}`);
  const v = BigInt(m[2] + m[3]);
  return m[1] === "-" ? -v : v;
}

/** A non-negative count of hundredths as decimal text: 1230n → "12.30". */
function decimalText(h: bigint): string {
  return `${h / 100n}.${String(h % 100n).padStart(2, "0")}`;
}

/** x / 10^k, x ≥ 0, rounded half to even. */
function roundHalfEven(x: bigint, k: number): bigint {
  const d = 10n ** BigInt(k);
  const q = x / d;
  const r = x % d;
  return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q;
}

function ok(r: Ran, what: string): void {
  expect(stackLines(r.stderr), what).toEqual([]);
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

/** Flags that must be refused before anything is written, and what the message must say. */
const USAGE_ERRORS: [flags: string[], message: RegExp][] = [
  [["--rows", "region=7"], /'region' is a fixed table/],
  [["--param", "sx=1"], /'?sx'?[\s\S]*did you mean 'sf'/],
  [["--param", "sf=abc"], /"abc" is not a float/],
];
const badOut = (i: number) => join(root, `bad-${i}`);

let small: Ran;
let large: Ran;
let scaled: Ran;
let refused: Ran[];
let loaded: LoadedFolder;
let db: Db;

beforeAll(async () => {
  const generate = (out: string, ...flags: string[]) =>
    dgen(["generate", schema, "--out", out, "--format", "csv", "--quiet", ...flags], { timeoutMs: 240_000 });
  [small, large, scaled, ...refused] = await Promise.all([
    generate(out, "--param", "sf=0.01"),
    generate(outLarge, "--param", "sf=0.1"),
    generate(outScaled, "--param", "sf=0.01", "--scale", "2", "--tables", "region,nation,customer"),
    ...USAGE_ERRORS.map(([flags], i) => generate(badOut(i), ...flags)),
  ]);
  ok(small, "sf=0.01");
  loaded = await loadCsvFolder(out, DDL);
  db = loaded.db;
}, 300_000);
afterAll(() => db?.close());

describe("TPC-H at sf=0.01 in SQLite with every key of the specification", () => {
  it("writes one CSV per table and a manifest", () => {
    expect(listFiles(out)).toEqual(["_manifest.json", ...[...TABLES, "colors"].map((t) => `${t}.csv`)].sort());
  });

  it("the row counts are the specification's at sf=0.01, in the CSVs and in the manifest", () => {
    const counts = manifestRows(out);
    for (const [t, n] of Object.entries(specRows(0.01))) {
      expect(loaded.rows[t], t).toBe(n);
      expect(counts[t], t).toBe(n);
    }
    const orders = loaded.rows.orders;
    expect(loaded.rows.lineitem).toBe(counts.lineitem);
    expect(loaded.rows.lineitem).toBeGreaterThanOrEqual(orders);
    expect(loaded.rows.lineitem).toBeLessThanOrEqual(7 * orders);
    // 1..7 lines per order, uniform: mean 4, standard error 2/sqrt(15 000) ≈ 0.016
    expect(Math.abs(loaded.rows.lineitem / orders - 4)).toBeLessThan(0.1);
  });

  it("every row loads under PRIMARY KEY, UNIQUE and enforced FOREIGN KEY constraints, parents first", () => {
    expect(loaded.deferred).toBe(false);
    expect(loaded.order.indexOf("partsupp")).toBeLessThan(loaded.order.indexOf("lineitem"));
    expect(foreignKeyViolations(db)).toEqual([]);
  });

  it("SQLite really enforces the composite keys here", () => {
    const line = db.prepare(`SELECT * FROM lineitem LIMIT 1`).get() as Record<string, unknown>;
    const dup = db.prepare(`INSERT INTO lineitem SELECT * FROM lineitem WHERE l_orderkey = ? AND l_linenumber = ?`);
    expect(() => dup.run(line.l_orderkey, line.l_linenumber)).toThrow(/UNIQUE|PRIMARY/);
    // a supplier of the part's partsupp rows swapped for one that does not supply it
    const other = scalar(
      db,
      `SELECT min(s_suppkey) FROM supplier WHERE s_suppkey NOT IN (SELECT ps_suppkey FROM partsupp WHERE ps_partkey = ?)`,
      line.l_partkey,
    );
    expect(() =>
      db
        .prepare(`UPDATE lineitem SET l_suppkey = ? WHERE l_orderkey = ? AND l_linenumber = ?`)
        .run(other, line.l_orderkey, line.l_linenumber),
    ).toThrow(/FOREIGN KEY/);
  });

  it("lines are numbered 1..n without gaps inside each order; every order has a line", () => {
    const bad = db
      .prepare(
        `SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING min(l_linenumber) <> 1 OR max(l_linenumber) <> count(*) OR count(*) > 7`,
      )
      .all();
    expect(bad).toEqual([]);
    expect(scalar(db, `SELECT count(*) FROM orders WHERE o_orderkey NOT IN (SELECT l_orderkey FROM lineitem)`)).toBe(0);
  });

  it("o_totalprice is the exact sum of l_extendedprice·(1+l_tax)·(1−l_discount), rounded half to even", () => {
    const lines = db.prepare(`SELECT l_orderkey k, l_extendedprice p, l_tax t, l_discount d FROM lineitem`).all() as {
      k: number;
      p: string;
      t: string;
      d: string;
    }[];
    // in units of 10⁻⁶: hundredths × hundredths × hundredths
    const exact = new Map<number, bigint>();
    for (const l of lines) {
      const v = hundredths(l.p) * (100n + hundredths(l.t)) * (100n - hundredths(l.d));
      exact.set(l.k, (exact.get(l.k) ?? 0n) + v);
    }
    const orders = db.prepare(`SELECT o_orderkey k, o_totalprice p FROM orders`).all() as { k: number; p: string }[];
    const wrong = orders
      .map((o) => ({ order: o.k, written: o.p, exact: decimalText(roundHalfEven(exact.get(o.k)!, 4)) }))
      .filter((o) => o.written !== o.exact);
    expect(wrong.length, `mismatches, e.g. ${JSON.stringify(wrong.slice(0, 5))}`).toBe(0);
    // exact ties (half a cent) occur, so the rounding rule itself is judged, not only the sum
    expect([...exact.values()].filter((x) => x % 10_000n === 5_000n).length).toBeGreaterThan(0);
  });

  it("l_extendedprice is l_quantity × the part's p_retailprice, exactly", () => {
    const rows = db
      .prepare(
        `SELECT l_quantity q, l_extendedprice e, p_retailprice r FROM lineitem JOIN part ON p_partkey = l_partkey`,
      )
      .all() as { q: string; e: string; r: string }[];
    expect(rows.length).toBe(loaded.rows.lineitem);
    const wrong = rows.filter(
      (x) => hundredths(x.q) % 100n !== 0n || (hundredths(x.q) / 100n) * hundredths(x.r) !== hundredths(x.e),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("o_orderstatus is F when every line is F, O when every line is O, else P", () => {
    expect(db.prepare(`SELECT DISTINCT l_linestatus FROM lineitem ORDER BY 1`).pluck().all()).toEqual(["F", "O"]);
    const wrong = db
      .prepare(
        `SELECT o_orderkey, o_orderstatus, expected FROM (
           SELECT o_orderkey, o_orderstatus,
             CASE WHEN sum(l_linestatus = 'F') = count(*) THEN 'F'
                  WHEN sum(l_linestatus = 'O') = count(*) THEN 'O' ELSE 'P' END AS expected
           FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY o_orderkey)
         WHERE o_orderstatus IS NOT expected LIMIT 5`,
      )
      .all();
    expect(wrong).toEqual([]);
    expect(db.prepare(`SELECT DISTINCT o_orderstatus FROM orders ORDER BY 1`).pluck().all()).toEqual(["F", "O", "P"]);
  });

  it("order keys are the sparse pattern: 8 used keys out of every 32", () => {
    const keys = db.prepare(`SELECT o_orderkey FROM orders ORDER BY o_orderkey`).pluck().all() as number[];
    const expected = keys.map((_, i) => Math.floor(i / 8) * 32 + (i % 8) + 1);
    expect(keys).toEqual(expected);
  });

  it("no customer whose key is divisible by 3 has an order; the others do", () => {
    expect(scalar(db, `SELECT count(*) FROM orders WHERE o_custkey % 3 = 0`)).toBe(0);
    // 15 000 orders over 1 000 eligible customers: all but a handful are used
    expect(scalar(db, `SELECT count(DISTINCT o_custkey) FROM orders`)).toBeGreaterThan(990);
  });

  it("p_retailprice = (90000 + floor(p_partkey / 10) % 20001 + 100 · (p_partkey % 1000)) / 100", () => {
    const parts = db.prepare(`SELECT p_partkey k, p_retailprice p FROM part`).all() as { k: number; p: string }[];
    const wrong = parts.filter((p) => {
      const cents = 90_000 + (Math.floor(p.k / 10) % 20_001) + 100 * (p.k % 1000);
      return p.p !== decimalText(BigInt(cents));
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("the manifest records the parameter's value", () => {
    expect(manifestOf(out).params).toEqual({ sf: 0.01 });
  });
});

describe("TPC-H at sf=0.1 (~870 000 rows): the specification's row counts", () => {
  it("generates, and the manifest and the files count the specification's rows", () => {
    ok(large, "sf=0.1");
    const counts = manifestRows(outLarge);
    expect(manifestOf(outLarge).params).toEqual({ sf: 0.1 });
    for (const [t, n] of Object.entries(specRows(0.1))) expect(counts[t], t).toBe(n);
    expect(counts.lineitem).toBeGreaterThanOrEqual(counts.orders);
    expect(counts.lineitem).toBeLessThanOrEqual(7 * counts.orders);
    expect(Math.abs(counts.lineitem / counts.orders - 4)).toBeLessThan(0.05);
    // the files hold what the manifest says (no field of TPC-H holds a line break)
    for (const t of TABLES) {
      const text = readFileSync(join(outLarge, `${t}.csv`), "latin1");
      let lines = 0;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
      expect(lines - 1, t).toBe(counts[t]);
    }
  });
});

describe("TPC-H's parameters and fixed tables on the command line", () => {
  it("--scale 2 leaves the fixed tables region and nation alone and doubles customer", () => {
    ok(scaled, "--scale 2");
    expect(manifestRows(outScaled)).toEqual({ region: 5, nation: 25, customer: 3000 });
    expect(listFiles(outScaled)).toEqual(["_manifest.json", "customer.csv", "nation.csv", "region.csv"]);
  });

  it.each(USAGE_ERRORS.map(([flags, message], i) => [flags.join(" "), message, i] as const))(
    "%s is a usage error (exit 2) that names the problem, writing nothing",
    (_, message, i) => {
      const r = refused[i];
      expect(stackLines(r.stderr)).toEqual([]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(listFiles(badOut(i))).toEqual([]);
    },
  );
});

describe("dgen validate on TPC-H", () => {
  it("passes the generated data, and finds a lineitem whose (l_partkey, l_suppkey) is no partsupp row", async () => {
    const clean = await dgen(["validate", schema, out, "--param", "sf=0.01"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("0 violations");
    const bad = join(root, "tampered");
    cpSync(out, bad, { recursive: true });
    rmSync(join(bad, "_manifest.json"));
    const path = join(bad, "lineitem.csv");
    const lines = readFileSync(path, "utf8").split("\n");
    const cells = lines[5]!.split(",");
    // l_suppkey of row 5 moves to another supplier: a pair partsupp does not have (4 suppliers per part)
    const supp = Number(cells[2]);
    cells[2] = String((supp % 100) + 1 === supp ? (supp % 100) + 2 : (supp % 100) + 1);
    lines[5] = cells.join(",");
    writeFileSync(path, lines.join("\n"));
    const r = await dgen(["validate", schema, bad, "--param", "sf=0.01"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "lineitem: row 5, column l_partkey, l_suppkey: not found in partsupp(ps_partkey, ps_suppkey)",
    );
    expect(r.stdout).toContain("1 violation");
  });
});
