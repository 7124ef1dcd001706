/**
 * The repository uses its own fixtures the way a user's project would: generated/shop.fixtures.ts is
 * written by `npm run generate:examples` (`dgen fixtures examples/shop.dgen --rows customers=3
 * --default-rows 4`), kept fresh by `npm run check:generated`, type-checked by `npm run typecheck`
 * (tsc --strict over test/ and generated/), and imported here as plain typed data.
 */
import { describe, expect, it } from "vitest";
import { customers, orderItems, orders, products, type Order, type Status } from "../../generated/shop.fixtures.js";

describe("generated/shop.fixtures.ts", () => {
  it("holds the asked counts, and every foreign key points at a fixture row", () => {
    expect(customers.length).toBe(3);
    expect(products.length).toBe(4);
    const customerIds = new Set(customers.map((c) => c.id));
    const orderIds = new Set(orders.map((o) => o.id));
    const productIds = new Set(products.map((p) => p.id));
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => customerIds.has(o.customer_id))).toBe(true);
    expect(orderItems.every((i) => orderIds.has(i.order_id) && productIds.has(i.product_id))).toBe(true);
  });

  it("keeps the schema's rules: orders after their customer's sign-up, statuses of the enum", () => {
    const signup = new Map(customers.map((c) => [c.id, c.signup_at]));
    const statuses: readonly Status[] = ["pending", "paid", "shipped", "cancelled"];
    const late = (o: Order) => o.placed_at >= signup.get(o.customer_id)!;
    expect(orders.every(late)).toBe(true);
    expect(orders.every((o) => statuses.includes(o.status))).toBe(true);
    expect(customers.every((c) => /^[^@\s]+@example\.com$/.test(c.email))).toBe(true);
  });
});
