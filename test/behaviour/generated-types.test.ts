/**
 * The module `dgen compile examples/shop.dgen` emits, used as a user's TypeScript project uses it:
 * it type-checks under `tsc --strict` together with a file that imports it (interfaces, enum
 * unions, nullable columns, row functions, iterators, validators), and at run time its row
 * functions return the very values `dgen generate` writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, shopSchema, tempDir, type Ran } from "../helpers/cli.js";
import { csvObjects, readCsv } from "../helpers/csv.js";
import { bundleModule, typecheck } from "../helpers/typescript.js";

const root = tempDir("types");
const genDir = join(root, "gen");
const dataDir = join(root, "data");

/** A user's file: compiles only if the emitted types are what §2 and §11 promise. */
const USE_TS = `
import {
  customer, customers, order, orders, orderItem, product,
  validateCustomer, validateOrder, program,
  type Customer, type Order, type OrderItem, type Product, type Status, type Payment,
} from "./gen/shop.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined { return undefined; }

const c: Customer = customer(0);
assertType<Equals<typeof c, Customer>>();
assertType<Equals<keyof Customer, "id" | "first_name" | "last_name" | "email" | "age" | "country" | "signup_at" | "nickname">>();
assertType<Equals<Customer["id"], number>>();
assertType<Equals<Customer["email"], string>>();
assertType<Equals<Customer["signup_at"], string>>();
assertType<Equals<Customer["nickname"], string | null>>();

const s: "pending" | "paid" | "shipped" | "cancelled" = order(0).status;
assertType<Equals<Order["status"], "pending" | "paid" | "shipped" | "cancelled">>();
assertType<Equals<Status, "pending" | "paid" | "shipped" | "cancelled">>();
assertType<Equals<Order["payment"], Payment>>();
assertType<Equals<Payment, "card" | "cash" | "paypal" | "transfer">>();
assertType<Equals<Order["id"], string>>();
assertType<Equals<Order["amount"], string>>();
assertType<Equals<Product["price"], string>>();
assertType<Equals<OrderItem["quantity"], number>>();
assertType<Equals<ReturnType<typeof product>, Product>>();
assertType<Equals<ReturnType<typeof orderItem>, OrderItem>>();

const firstFive: Order[] = [...orders(0, 5)];
for (const o of orders(0, 5)) {
  const id: string = o.id;
  const pay: Payment = o.payment;
  void id, pay;
}
const all: Iterable<Customer> = customers();

const problems = validateCustomer(c);
const where: string | undefined = problems[0]?.column;
const orderProblems = validateOrder(order(0));
const tables: readonly string[] = program.tables.map((t) => t.name);

// what must NOT compile
// @ts-expect-error nickname can be null
const nick: string = c.nickname;
// @ts-expect-error a status outside the enum
const lost: Order["status"] = "lost";
// @ts-expect-error no such column
c.nosuch;
// @ts-expect-error amount is decimal text, not a number
const amount: number = order(0).amount;
// @ts-expect-error validators take a whole row
validateCustomer({ id: 1 });

export { s, firstFive, all, where, orderProblems, tables, nick, lost, amount };
`;

interface Violation {
  column: string;
  rule: string;
}
type Row = Record<string, unknown>;
interface ShopModule {
  customer(i: number): Row;
  product(i: number): Row;
  order(i: number): Row;
  orderItem(i: number): Row;
  orders(from?: number, to?: number): Iterable<Row>;
  validateCustomer(row: Row): Violation[];
}

let compile: Ran;
let generate: Ran;
let shop: ShopModule;

beforeAll(async () => {
  [compile, generate] = await Promise.all([
    dgen(["compile", shopSchema, "-o", genDir]),
    // products keep the schema's 500 rows: order_items pick among them, as the module's defaults do
    dgen(["generate", shopSchema, "--out", dataDir, "--rows", "customers=200"]),
  ]);
  expect(compile.stderr).toBe("");
  expect(compile.code).toBe(0);
  writeFileSync(join(root, "use.ts"), USE_TS);
  // bundle the emitted module with the installed runtime (what `dgen build` bundles) and import it
  const outfile = join(root, "shop-module.mjs");
  await bundleModule(root, join(genDir, "shop.ts"), outfile);
  shop = (await import(pathToFileURL(outfile).href)) as ShopModule;
}, 60_000);

/** The CSV text dgen writes for a value of a row object (null is an empty field). */
const text = (v: unknown): string | null => (v === null ? null : String(v));

/** A row object as CSV texts, in the CSV's column order. */
const asCsv = (row: Row, header: readonly string[]) => Object.fromEntries(header.map((h) => [h, text(row[h])]));

describe("the emitted shop module", () => {
  it("type-checks with tsc --strict, with a user's file that relies on its types", async () => {
    const r = await typecheck(root, ["gen/shop.ts", "use.ts"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);

  it("customer(3) is the 4th row of the generated customers.csv, value for value", () => {
    expect(generate.code).toBe(0);
    const csv = readCsv(join(dataDir, "customers.csv"));
    const c = shop.customer(3);
    expect(Object.keys(c)).toEqual(csv.header);
    expect(asCsv(c, csv.header)).toEqual(csvObjects(csv)[3]);
    expect(typeof c.id).toBe("number");
    expect(c.id).toBe(4);
  });

  it("orders(0, 5), order(i), orderItem(i) and product(i) are the first rows of their CSVs", () => {
    const ordersCsv = readCsv(join(dataDir, "orders.csv"));
    const fromIterator = [...shop.orders(0, 5)];
    expect(fromIterator).toHaveLength(5);
    fromIterator.forEach((o, i) => {
      expect(asCsv(o, ordersCsv.header), `orders row ${i}`).toEqual(csvObjects(ordersCsv)[i]);
      expect(shop.order(i)).toEqual(o);
    });
    const items = readCsv(join(dataDir, "order_items.csv"));
    for (let i = 0; i < 5; i++)
      expect(asCsv(shop.orderItem(i), items.header), `order_items row ${i}`).toEqual(csvObjects(items)[i]);
    const products = readCsv(join(dataDir, "products.csv"));
    for (const i of [0, 3, 499])
      expect(asCsv(shop.product(i), products.header), `products row ${i}`).toEqual(csvObjects(products)[i]);
  });

  it("validateCustomer passes generated rows and names the broken validators of a bad one", () => {
    for (let i = 0; i < 50; i++) expect(shop.validateCustomer(shop.customer(i)), `customer ${i}`).toEqual([]);
    const bad = { ...shop.customer(3), age: 12, email: "not an email" };
    const broken = shop.validateCustomer(bad).map((v) => v.column);
    expect(broken).toContain("age");
    expect(broken).toContain("email");
    expect(broken).toHaveLength(2);
  });

  it("row functions are deterministic across calls and reject rows out of range", () => {
    expect(shop.customer(3)).toEqual(shop.customer(3));
    expect(() => shop.customer(-1)).toThrow();
    expect(() => shop.customer(10_000)).toThrow();
    expect(() => shop.customer(1.5)).toThrow();
    expect(readFileSync(join(genDir, "shop.ts"), "utf8")).toMatch(/^import \* as rt from "dgen\/runtime";$/m);
  });
});
