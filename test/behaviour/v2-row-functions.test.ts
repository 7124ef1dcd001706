/**
 * The emitted row functions of a v2 schema, used in-process as a user's test suite would: a value read
 * from another row (through a slice), an aggregate over children and `prev` give what the written row
 * gives; `configure` with another seed forgets every cached row (a stale slice would leak the old
 * seed's values into children).
 */
import { describe, expect, it } from "vitest";
import { loadSchemaModule } from "../stats/schema-module.js";
import { tempDir } from "../helpers/cli.js";

const SCHEMA = `
dataset shop { seed: 5 }
table customers {
  rows: 50
  id      int    @pk = sequence(1)
  name    string = faker.person.fullName()
  credit  decimal(10, 2) = uniform(100, 900) + 0.5
  spent   decimal(12, 2) = sum(orders, amount)
  orders_n int   = count(orders)
  big     bool   = any(orders, amount > 400)
}
table orders {
  rows: per customers 1..4
  id          int @pk = sequence(1)
  customer_id int @ref(customers.id) = parent.id
  amount      decimal(10, 2) = round(uniform(1, 500) + parent.credit / 100, 2)
  running     decimal(10, 2) = if ordinal == 0 then amount else round(amount + prev.amount, 2)
}
`;

type Row = Record<string, unknown>;
interface Mod {
  customer(i: number): Row;
  orders(from?: number, to?: number): Iterable<Row>;
  configure(s: { seed: number | bigint; rows: Record<string, number> }): void;
}

describe("v2 row functions", () => {
  it("aggregates, parent reads and prev agree with the rows; configure forgets cached rows", async () => {
    const mod = (await loadSchemaModule(tempDir("dgen-v2-rows-"), "shop.dgen", SCHEMA)) as unknown as Mod;
    const check = () => {
      const orders = [...mod.orders()];
      const byCustomer = new Map<number, Row[]>();
      for (const o of orders) {
        const list = byCustomer.get(o.customer_id as number) ?? [];
        list.push(o);
        byCustomer.set(o.customer_id as number, list);
      }
      for (let i = 0; i < 50; i++) {
        const c = mod.customer(i);
        const mine = byCustomer.get(c.id as number) ?? [];
        const cents = mine.reduce((a, o) => a + Math.round(Number(o.amount) * 100), 0);
        expect(c.spent).toBe((cents / 100).toFixed(2));
        expect(c.orders_n).toBe(mine.length);
        expect(c.big).toBe(mine.some((o) => Number(o.amount) > 400));
        mine.forEach((o, k) => {
          // amount reads parent.credit: at least credit / 100 above 1
          expect(Number(o.amount)).toBeGreaterThanOrEqual(1 + Number(c.credit) / 100 - 0.005);
          const expected = k === 0 ? Number(o.amount) : Number(o.amount) + Number(mine[k - 1]!.amount);
          expect(Number(o.running)).toBeCloseTo(expected, 2);
        });
      }
      return orders.map((o) => o.amount).join(",");
    };
    const first = check();
    // The last order read caches its parent's columns; after a new seed the same order must not reuse them.
    const last = () => [...mod.orders()].at(-1)!;
    const before = last();
    mod.configure({ seed: 6, rows: {} });
    const fresh = (await loadSchemaModule(tempDir("dgen-v2-rows6-"), "shop.dgen", SCHEMA)) as unknown as Mod;
    fresh.configure({ seed: 6, rows: {} });
    const freshOrders = [...fresh.orders()];
    const after = mod.orders(freshOrders.length - 1, freshOrders.length);
    expect([...after][0]).toEqual(freshOrders.at(-1));
    expect(before).not.toEqual(freshOrders.at(-1));
    const second = check();
    expect(second).not.toBe(first);
    mod.configure({ seed: 5, rows: {} });
    expect(check()).toBe(first);
  });
});
