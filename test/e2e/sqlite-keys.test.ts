/**
 * The shop's keys, validators and rules, judged by independent readers: the CSVs of
 * `dgen generate examples/shop.dgen` are loaded into a real SQLite (sql.js) whose tables declare
 * the schema's PRIMARY KEY, UNIQUE and FOREIGN KEY constraints with foreign keys enforced, and the
 * validators and rules are re-checked in plain JavaScript on rows read with csv-parse.
 */
import { join } from "node:path";
import type { Database } from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, shopSchema, tempDir } from "../helpers/cli.js";
import { csvObjects, readCsv } from "../helpers/csv.js";
import { foreignKeyViolations, loadCsv, scalar, sqliteWithKeys } from "../helpers/sqlite.js";

const out = join(tempDir("sqlite-keys"), "out");

// Written from examples/shop.dgen by hand: the keys a DBA would declare for it.
const DDL = [
  `CREATE TABLE customers (
     id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
     email TEXT NOT NULL UNIQUE, age INTEGER NOT NULL, country TEXT NOT NULL,
     signup_at TEXT NOT NULL, nickname TEXT)`,
  `CREATE TABLE products (
     id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
     category TEXT NOT NULL, price TEXT NOT NULL)`,
  `CREATE TABLE orders (
     id TEXT NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
     placed_at TEXT NOT NULL, status TEXT NOT NULL, payment TEXT NOT NULL, amount TEXT NOT NULL)`,
  `CREATE TABLE order_items (
     order_id TEXT NOT NULL REFERENCES orders(id), line INTEGER NOT NULL,
     product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL,
     unit_price TEXT NOT NULL, UNIQUE (order_id, line))`,
];
const TABLES = ["customers", "products", "orders", "order_items"];

// The WHATWG (HTML living standard) e-mail grammar: an independent reading of @email.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const INT = /^-?\d+$/;
const DECIMAL_2 = /^-?\d+\.\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Row = Record<string, string | null>;
let rows: Record<string, Row[]>;
let db: Database;

beforeAll(async () => {
  const r = await dgen(["generate", shopSchema, "--out", out, "--scale", "0.05"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  rows = Object.fromEntries(TABLES.map((t) => [t, csvObjects(readCsv(join(out, `${t}.csv`)))]));
  db = await sqliteWithKeys(DDL);
}, 60_000);
afterAll(() => db?.close());

/** The value of a column that must not be null. */
function v(row: Row, column: string): string {
  const x = row[column];
  if (x === null || x === undefined) throw new Error(`null ${column} in ${JSON.stringify(row)}`);
  return x;
}

describe("shop CSVs in SQLite with the schema's keys", () => {
  it("every row inserts under PRIMARY KEY, UNIQUE and enforced FOREIGN KEY constraints", () => {
    for (const t of TABLES) expect(loadCsv(db, t, join(out, `${t}.csv`)), t).toBe(rows[t].length);
    for (const t of TABLES) expect(Number(scalar(db, `SELECT count(*) FROM ${t}`)), t).toBeGreaterThan(0);
  });

  it("PRAGMA foreign_key_check finds nothing", () => {
    expect(foreignKeyViolations(db)).toEqual([]);
  });

  it("SQLite really enforces the keys here (a duplicate and a dangling reference are refused)", () => {
    const c = rows.customers[0];
    expect(() =>
      db.run(`INSERT INTO customers VALUES (?, 'a', 'b', 'x@example.com', 30, 'US', '2021-01-01T00:00:00Z', NULL)`, [
        v(c, "id"),
      ]),
    ).toThrow(/UNIQUE|PRIMARY/i);
    expect(() =>
      db.run(`INSERT INTO orders VALUES ('dangling', -1, '2021-01-01T00:00:00Z', 'paid', 'card', '1.00')`),
    ).toThrow(/FOREIGN KEY/i);
  });

  it("order lines are numbered 1..n without gaps inside each order", () => {
    const bad = db.exec(
      `SELECT order_id FROM order_items GROUP BY order_id HAVING min(line) <> 1 OR max(line) <> count(*) OR count(*) > 5`,
    );
    expect(bad).toEqual([]);
  });
});

describe("shop validators and rules, re-checked in plain JavaScript", () => {
  it("customers: @email (and its template), @unique email, @range(18, 90) age, timestamps, nullable nickname", () => {
    const seen = new Set<string>();
    let nulls = 0;
    for (const c of rows.customers) {
      const email = v(c, "email");
      expect(email.length).toBeLessThanOrEqual(254);
      expect(email, email).toMatch(EMAIL);
      expect(email).toBe(`${v(c, "first_name")}.${v(c, "last_name")}.${v(c, "id")}@example.com`.toLowerCase());
      expect(seen.has(email), email).toBe(false);
      seen.add(email);
      expect(v(c, "id")).toMatch(INT);
      expect(v(c, "age")).toMatch(INT);
      const age = Number(v(c, "age"));
      expect(age >= 18 && age <= 90, `age ${age}`).toBe(true);
      expect(v(c, "signup_at")).toMatch(TIMESTAMP);
      expect(v(c, "signup_at") >= "2020-01-01" && v(c, "signup_at") <= "2024-12-31T23:59:59.999Z").toBe(true);
      if (c.nickname === null) nulls++;
    }
    // @null(30%) on 500 rows: far outside 20%..40% would be a broken null rate
    const share = nulls / rows.customers.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });

  it("products: @regex(/^[A-Z]{3}-[0-9]{4}$/) sku, @range(1, 5000) price with 2 decimals", () => {
    for (const p of rows.products) {
      expect(v(p, "sku")).toMatch(/^[A-Z]{3}-[0-9]{4}$/);
      expect(v(p, "price")).toMatch(DECIMAL_2);
      const price = Number(v(p, "price"));
      expect(price >= 1 && price <= 5000, `price ${price}`).toBe(true);
      expect(["Books", "Electronics", "Home & Kitchen", "Toys, Games", "Garden"]).toContain(v(p, "category"));
    }
  });

  it("orders: placed_at >= the customer's signup_at, no cash order above 500, enum values, uuids", () => {
    const signup = new Map(rows.customers.map((c) => [v(c, "id"), v(c, "signup_at")]));
    for (const o of rows.orders) {
      expect(v(o, "id")).toMatch(UUID_V4);
      expect(v(o, "placed_at")).toMatch(TIMESTAMP);
      const s = signup.get(v(o, "customer_id"));
      expect(s, `customer ${v(o, "customer_id")}`).toBeDefined();
      expect(Date.parse(v(o, "placed_at")) >= Date.parse(s!), `${v(o, "placed_at")} < ${s}`).toBe(true);
      expect(v(o, "amount")).toMatch(DECIMAL_2);
      expect(["pending", "paid", "shipped", "cancelled"]).toContain(v(o, "status"));
      expect(["card", "cash", "paypal", "transfer"]).toContain(v(o, "payment"));
      if (v(o, "payment") === "cash")
        expect(Number(v(o, "amount")), `cash order ${v(o, "id")}`).toBeLessThanOrEqual(500);
    }
    // the rule had something to fix: some orders are above 500, and all of those are not cash
    expect(rows.orders.some((o) => Number(v(o, "amount")) > 500)).toBe(true);
  });

  it("order_items: @range(1, 10) quantity, unit_price is the picked product's price", () => {
    const price = new Map(rows.products.map((p) => [v(p, "id"), v(p, "price")]));
    for (const it of rows.order_items) {
      expect(v(it, "quantity")).toMatch(INT);
      const q = Number(v(it, "quantity"));
      expect(q >= 1 && q <= 10, `quantity ${q}`).toBe(true);
      expect(v(it, "unit_price")).toBe(price.get(v(it, "product_id")));
    }
  });
});
