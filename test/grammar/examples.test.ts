/** Every example schema parses with no diagnostics, and the key parts of its AST are what they say. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Call, PerRows, RowsDecl, TemplateLit } from "../../compiler/ast/nodes.js";
import { column, parse, table, textOf } from "./helpers.js";

// Copies of the spec's examples and the bench table (test/fixtures/spec), owned by the project.
const examplesDir = fileURLToPath(new URL("../fixtures/spec", import.meta.url));
const files = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".dgen"))
  .map((f) => join(examplesDir, f));
const load = (path: string) => parse(readFileSync(path, "utf8"), path);

describe("example schemas", () => {
  it.each(files)("%s parses with no diagnostics", (path) => {
    const { located, ast } = load(path);
    expect(located).toEqual([]);
    expect(ast.datasets).toHaveLength(1);
    expect(ast.items[0]!.kind).toBe("DatasetDecl");
  });

  it("shop: orders are per customer with a poisson count", () => {
    const { ast, text } = load(join(examplesDir, "shop.dgen"));
    expect(ast.tables.map((t) => t.name.text)).toEqual(["customers", "products", "orders", "order_items"]);
    const rows = table(ast, "orders").items[0] as RowsDecl;
    const per = rows.count as PerRows;
    expect(per.kind).toBe("PerRows");
    expect(per.parent.text).toBe("customers");
    expect(per.every).toBeUndefined();
    const count = per.count as Call;
    expect(count.kind).toBe("Call");
    expect(count.callee).toMatchObject({ kind: "Ident", name: "poisson" });
    expect(count.args[0]!.value).toMatchObject({ kind: "NumberLit", value: 2.1, isInteger: false });
    expect(textOf(text, rows.span)).toBe("rows: per customers poisson(2.1)");
    expect(textOf(text, per.span)).toBe("per customers poisson(2.1)");
  });

  it("shop: items per order in a range, enums, fixed rows, regex, percentages", () => {
    const { ast, text } = load(join(examplesDir, "shop.dgen"));
    const items = (table(ast, "order_items").items[0] as RowsDecl).count as PerRows;
    expect(items.count).toMatchObject({ kind: "RangeExpr", low: { value: 1 }, high: { value: 5 } });
    expect(ast.enums.map((e) => e.name.text)).toEqual(["Status", "Payment"]);
    expect(
      ast.enums[0]!.members.map((m) => [m.name.text, m.weight && "value" in m.weight ? m.weight.value : undefined]),
    ).toEqual([
      ["pending", 0.1],
      ["paid", 0.55],
      ["shipped", 0.3],
      ["cancelled", 0.05],
    ]);
    expect(ast.enums[1]!.members.map((m) => m.weight)).toEqual([undefined, undefined, undefined, undefined]);
    const fixed = (table(ast, "customers").items[0] as RowsDecl).count;
    expect(fixed).toMatchObject({
      kind: "FixedRows",
      value: { kind: "NumberLit", value: 10_000, raw: "10_000", isInteger: true },
    });
    const sku = column(ast, "products", "sku");
    expect(sku.annotations.map((a) => a.name.text)).toEqual(["unique", "regex"]);
    expect(sku.annotations[1]!.args[0]!.value).toMatchObject({
      kind: "RegexLit",
      pattern: "^[A-Z]{3}-[0-9]{4}$",
      flags: "",
    });
    const nickname = column(ast, "customers", "nickname");
    expect(nickname.type).toMatchObject({ name: { text: "string" }, nullable: true, args: [] });
    expect(nickname.annotations[0]).toMatchObject({ name: { text: "null" }, hasParens: true });
    expect(nickname.annotations[0]!.args[0]!.value).toMatchObject({ kind: "NumberLit", value: 0.3, isPercent: true });
    const price = column(ast, "products", "price");
    expect(price.type.args.map((a) => (a.kind === "NumberLit" ? a.value : NaN))).toEqual([10, 2]);
    expect(textOf(text, price.type.span)).toBe("decimal(10, 2)");
    const pk = column(ast, "customers", "id").annotations[0]!;
    expect(pk).toMatchObject({ name: { text: "pk" }, hasParens: false, args: [] });
  });

  it("shop: template parts alternate text and expressions with exact spans", () => {
    const { ast, text } = load(join(examplesDir, "shop.dgen"));
    const email = column(ast, "customers", "email");
    const lower = email.value as Call;
    const template = lower.args[0]!.value as TemplateLit;
    expect(template.kind).toBe("TemplateLit");
    expect(textOf(text, template.span)).toBe("`{first_name}.{last_name}.{id}@example.com`");
    expect(template.parts.map((p) => p.kind)).toEqual([
      "Ident",
      "TemplateText",
      "Ident",
      "TemplateText",
      "Ident",
      "TemplateText",
    ]);
    expect(template.parts.map((p) => textOf(text, p.span))).toEqual([
      "first_name",
      ".",
      "last_name",
      ".",
      "id",
      "@example.com",
    ]);
  });

  it("shop: check and when rules, member access, faker calls", () => {
    const { ast } = load(join(examplesDir, "shop.dgen"));
    const orders = table(ast, "orders");
    const check = orders.items.find((i) => i.kind === "CheckDecl");
    expect(check).toMatchObject({
      condition: { kind: "Binary", op: ">=", right: { kind: "Member", property: { text: "signup_at" } } },
    });
    const when = orders.items.find((i) => i.kind === "WhenDecl");
    expect(when).toMatchObject({
      condition: { kind: "Binary", op: "and", left: { op: "==" }, right: { op: ">" } },
      assignments: [{ target: { text: "payment" }, value: { kind: "StringLit", value: "card" } }],
    });
    const first = column(ast, "customers", "first_name").value as Call;
    expect(first.callee).toMatchObject({
      kind: "Member",
      property: { text: "firstName" },
      object: { kind: "Member", property: { text: "person" }, object: { name: "faker" } },
    });
    const category = column(ast, "products", "category").value as Call;
    expect(category.args.map((a) => a.name?.text)).toEqual([undefined, "column", "weight"]);
    expect(table(ast, "order_items").items.find((i) => i.kind === "UniqueDecl")).toMatchObject({
      columns: [{ text: "order_id" }, { text: "line" }],
    });
    expect(ast.outputs[0]!.settings).toMatchObject([
      { kind: "Setting", name: { text: "format" }, value: { kind: "Ident", name: "csv" } },
      { kind: "Setting", name: { text: "path" }, value: { kind: "StringLit", value: "out/shop" } },
    ]);
    expect(ast.datasets[0]!.settings[2]!.value).toMatchObject({ kind: "DateLit", days: 20089, raw: "2025-01-01" });
  });

  it("sensors: every 5m from A to B, time-series terms, partition setting", () => {
    const { ast, text } = load(join(examplesDir, "sensors.dgen"));
    const per = (table(ast, "readings").items[0] as RowsDecl).count as PerRows;
    expect(per.parent.text).toBe("sensors");
    expect(per.count).toBeUndefined();
    expect(per.every).toMatchObject({
      kind: "EveryClause",
      step: { kind: "DurationLit", ms: 300_000, raw: "5m" },
      from: { kind: "DateLit", days: 19723 },
      to: { kind: "DateLit", days: 19730 },
    });
    expect(textOf(text, per.every!.span)).toBe("every 5m from 2024-01-01 to 2024-01-08");
    const value = column(ast, "readings", "value");
    const trend = JSON.stringify(value.value);
    expect(trend).toContain('"op":"/"');
    expect(ast.outputs[0]!.settings[2]).toMatchObject({
      kind: "PartitionSetting",
      name: { text: "partition" },
      table: { text: "readings" },
      by: { kind: "Call", callee: { name: "day" } },
    });
    expect(column(ast, "readings", "at").value).toMatchObject({ kind: "Ident", name: "tick" });
  });

  it("people: correlate block, let from_file, enum column without a value", () => {
    const { ast } = load(join(examplesDir, "people.dgen"));
    const persons = table(ast, "persons");
    const correlate = persons.items.find((i) => i.kind === "CorrelateDecl");
    expect(correlate).toMatchObject({
      columns: [{ text: "age" }, { text: "income" }, { text: "credit_score" }],
      pairs: [
        { left: { text: "age" }, right: { text: "income" }, value: { value: 0.4 } },
        { left: { text: "income" }, right: { text: "credit_score" }, value: { value: 0.5 } },
        { left: { text: "age" }, right: { text: "credit_score" }, value: { value: 0.3 } },
      ],
    });
    expect(persons.items.find((i) => i.kind === "LetDecl")).toMatchObject({
      name: { text: "place" },
      value: { kind: "Call" },
    });
    const employment = column(ast, "persons", "employment");
    expect(employment.value).toBeUndefined();
    expect(employment.type.name.text).toBe("Employment");
    expect(column(ast, "persons", "ssn").annotations.map((a) => a.name.text)).toEqual([
      "pii",
      "unique",
      "regex",
      "mask",
    ]);
  });

  it("users: timestamps in milliseconds", () => {
    const { ast } = load(join(examplesDir, "users.dgen"));
    const between = column(ast, "users", "signup_at").value as Call;
    expect(between.args.map((a) => a.value)).toMatchObject([
      { kind: "TimestampLit", ms: Date.UTC(2020, 0, 1) },
      { kind: "TimestampLit", ms: Date.UTC(2025, 11, 31, 23, 59, 59) },
    ]);
    expect((table(ast, "users").items[0] as RowsDecl).count).toMatchObject({ value: { value: 1_000_000 } });
  });
});
