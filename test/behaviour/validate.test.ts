/**
 * `dgen validate schema.dgen DATA`, as a user runs it: data that `dgen generate` wrote passes in every
 * format; copies tampered with an independent reader and writer (csv-parse / csv-stringify, JSON.parse,
 * node:zlib) fail with one report line per broken cell, naming the table, the 1-based data row and the
 * column; bad input is one clear diagnostic and never a stack trace.
 */
import { stringify } from "csv-stringify/sync";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, shopSchema, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { readCsv, type Csv } from "../helpers/csv.js";

const TABLES = ["customers", "products", "orders", "order_items"];
const root = tempDir("validate");
const ROWS = ["--rows", "customers=60", "--rows", "products=20"];

/** The four formats, as `dgen generate` writes them: CSV, gzipped JSONL, JSON, and TSV brotli shards. */
const data = {
  csv: join(root, "csv"),
  jsonl: join(root, "jsonl"),
  json: join(root, "json"),
  tsv: join(root, "tsv"),
};
/** Rows per table, from `dgen generate`'s own summary lines. */
const counts: Record<keyof typeof data, Map<string, number>> = {
  csv: new Map(),
  jsonl: new Map(),
  json: new Map(),
  tsv: new Map(),
};

function addCounts(into: Map<string, number>, r: Ran): void {
  expect(r.code, r.stderr).toBe(0);
  for (const m of r.stdout.matchAll(/^(\w+): (\d+) rows$/gm)) into.set(m[1]!, (into.get(m[1]!) ?? 0) + Number(m[2]));
}

beforeAll(async () => {
  const gen = (out: string, ...flags: string[]) => dgen(["generate", shopSchema, "--out", out, ...ROWS, ...flags]);
  const [csv, jsonl] = await Promise.all([
    gen(data.csv),
    gen(data.jsonl, "--format", "jsonl", "--compression", "gzip"),
  ]);
  addCounts(counts.csv, csv);
  addCounts(counts.jsonl, jsonl);
  const [json, tsv1, tsv2] = await Promise.all([
    gen(data.json, "--format", "json"),
    gen(data.tsv, "--format", "tsv", "--compression", "brotli", "--shard", "1/2"),
    gen(data.tsv, "--format", "tsv", "--compression", "brotli", "--shard", "2/2"),
  ]);
  addCounts(counts.json, json);
  addCounts(counts.tsv, tsv1);
  addCounts(counts.tsv, tsv2);
}, 180_000);

const validate = (...args: string[]) => dgen(["validate", ...args]);

/** The `table: N rows, ok|K violations` lines of the summary. */
function summary(r: Ran): Map<string, string> {
  return new Map([...r.stdout.matchAll(/^(\w+): (.+)$/gm)].filter((m) => m[1] !== "total").map((m) => [m[1]!, m[2]!]));
}

interface Line {
  table: string;
  row: string;
  column: string;
  rule: string;
  value: string | undefined;
}

/** The report's violation lines: `  table: row N, column C: rule (value)`. */
function reportLines(r: Ran): Line[] {
  return [...r.stdout.matchAll(/^ {2}(\w+): (row \d+|header), column (.+?): (.+?)(?: \((.*)\))?$/gm)].map((m) => ({
    table: m[1]!,
    row: m[2]!,
    column: m[3]!,
    rule: m[4]!,
    value: m[5],
  }));
}

interface Expected {
  table: string;
  row: number;
  column: string;
  rule: RegExp;
}

/** Every expected violation is reported exactly once, and nothing else is. */
function expectViolations(r: Ran, expected: readonly Expected[]): void {
  const lines = reportLines(r);
  for (const e of expected) {
    const hits = lines.filter(
      (l) => l.table === e.table && l.row === `row ${e.row}` && l.column === e.column && e.rule.test(l.rule),
    );
    expect(hits, `${e.table} row ${e.row} ${e.column} ${e.rule}\n${r.stdout}`).toHaveLength(1);
  }
  expect(lines, r.stdout).toHaveLength(expected.length);
}

/** Writes CSV as dgen does: null as an empty unquoted field, "" as `""`, quoting by csv-stringify. */
function writeCsv(path: string, csv: Csv): void {
  const field = (v: string | null) => (v === null ? "" : stringify([[v]], { quoted_empty: true }).replace(/\n$/, ""));
  const line = (r: readonly (string | null)[]) => r.map(field).join(",") + "\n";
  writeFileSync(path, [csv.header, ...csv.rows].map(line).join(""));
}

function set(csv: Csv, row: number, column: string, value: string | null): void {
  const i = csv.header.indexOf(column);
  expect(i, column).toBeGreaterThanOrEqual(0);
  csv.rows[row - 1]![i] = value;
}

function get(csv: Csv, row: number, column: string): string | null {
  return csv.rows[row - 1]![csv.header.indexOf(column)]!;
}

const errorCodes = (r: Ran) => [...r.stderr.matchAll(/error\[(DG\d{4})\]/g)].map((m) => m[1]);

describe("data that dgen generate wrote passes", { timeout: 60_000 }, () => {
  for (const format of ["csv", "jsonl", "json", "tsv"] as const) {
    it(`${format}${format === "jsonl" ? " (gzip)" : format === "tsv" ? " (brotli, two shard files per table)" : ""}: exit 0, row counts as generated`, async () => {
      const r = await validate(shopSchema, data[format]);
      expect(stackLines(r.stderr + r.stdout)).toEqual([]);
      expect(r.stderr).toBe("");
      expect(r.code, r.stdout).toBe(0);
      const rows = summary(r);
      for (const t of TABLES) expect(rows.get(t), t).toBe(`${counts[format].get(t)} rows, ok`);
      const total = TABLES.reduce((n, t) => n + counts[format].get(t)!, 0);
      expect(r.stdout).toContain(`total: 4 of 4 tables checked, ${total} rows, 0 violations`);
    });
  }

  it("the CSV row counts are those csv-parse reads", () => {
    for (const t of TABLES) expect(readCsv(join(data.csv, `${t}.csv`)).rows.length, t).toBe(counts.csv.get(t));
  });

  it("every type and every escape round-trips: a schema whose validators pin the exact strings", async () => {
    // tabs, line breaks, CR, quotes, backslashes, commas, `\N` and "" in a string column whose @regex
    // accepts exactly those values: any reader that unescapes one wrongly breaks the regex
    const schema = join(root, "escapes.dgen");
    writeFileSync(
      schema,
      [
        "dataset esc { seed: 5 }",
        "enum Mood { calm, odd }",
        "table notes {",
        "  rows: 300",
        "  id     bigint @pk = sequence(1)",
        '  note   string @regex(/^(a\\tb|line\\nbreak|cr\\rhere|q"uote|back\\\\slash|comma, here|\\\\N|)$/) = one_of("a\\tb", "line\\nbreak", "cr\\rhere", "q\\"uote", "back\\\\slash", "comma, here", "\\\\N", "")',
        '  maybe  string? @null(30%) @length(0, 1) = one_of("x", "")',
        "  mood   Mood",
        "  ok     bool = bernoulli(0.5)",
        "  score  float = normal(0, 1)",
        '  at     timestamp @format("YYYY-MM-DDTHH:mm:ssZ") = between(2024-01-01T00:00:00Z, 2024-12-31T00:00:00Z)',
        '  day    date @format("YYYY-MM-DD") = between(2024-01-01, 2024-12-31)',
        "  amount decimal(6, 2) @range(0, 1000) = round(uniform(0.0, 999.0), 2)",
        "  key    uuid @unique = uuid()",
        "  meta   json = { n: id, mood: mood, note: note }",
        "}",
        "",
      ].join("\n"),
    );
    const formats = ["csv", "tsv", "json", "jsonl"];
    const out = (format: string) => join(root, `escapes-${format}`);
    for (const g of await Promise.all(formats.map((f) => dgen(["generate", schema, "--out", out(f), "--format", f]))))
      expect(g.code, g.stderr).toBe(0);
    const runs = await Promise.all(formats.map((f) => validate(schema, out(f))));
    runs.forEach((r, k) => {
      expect(r.code, `${formats[k]}\n${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("notes: 300 rows, ok");
    });
  });

  it("CSV with CRLF line breaks reads the same", async () => {
    const dir = join(root, "crlf");
    mkdirSync(dir);
    const text = readFileSync(join(data.csv, "customers.csv"), "utf8");
    writeFileSync(join(dir, "customers.csv"), text.replace(/\n/g, "\r\n"));
    const r = await validate(shopSchema, dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(summary(r).get("customers")).toBe(`${counts.csv.get("customers")} rows, ok`);
  });
});

describe("tampered data fails, each violation named by table, row and column", { timeout: 60_000 }, () => {
  let csvRun: Ran;
  let csvExpected: Expected[];
  let jsonlRun: Ran;

  beforeAll(async () => {
    const dir = join(root, "tampered-csv");
    cpSync(data.csv, dir, { recursive: true });
    const customers = readCsv(join(dir, "customers.csv"));
    const products = readCsv(join(dir, "products.csv"));
    const orders = readCsv(join(dir, "orders.csv"));
    const items = readCsv(join(dir, "order_items.csv"));
    const e: Expected[] = [];
    // customers: a repeated primary key (row 5 takes row 4's id), a repeated @unique e-mail, a broken
    // @email, text in an int column, an impossible timestamp, null in a non-null column, @range
    // (the row whose id is overwritten is the first, from row 2, of a customer with orders)
    const ordered = new Set(orders.rows.map((r) => r[orders.header.indexOf("customer_id")]));
    const victim = 2 + customers.rows.slice(1).findIndex((r) => ordered.has(r[0]!));
    const lostId = get(customers, victim, "id");
    set(customers, victim, "id", get(customers, victim - 1, "id"));
    e.push({ table: "customers", row: victim, column: "id", rule: /^duplicate primary key$/ });
    set(customers, 7, "email", "not-an-email");
    e.push({ table: "customers", row: 7, column: "email", rule: /^@email$/ });
    set(customers, 9, "email", get(customers, 8, "email"));
    e.push({ table: "customers", row: 9, column: "email", rule: /^duplicate @unique$/ });
    set(customers, 10, "age", "forty");
    e.push({ table: "customers", row: 10, column: "age", rule: /^not an int$/ });
    set(customers, 11, "signup_at", "2023-02-30T10:00:00Z");
    e.push({ table: "customers", row: 11, column: "signup_at", rule: /date and time/ });
    set(customers, 12, "first_name", null);
    e.push({ table: "customers", row: 12, column: "first_name", rule: /^not null$/ });
    set(customers, 13, "age", "95");
    e.push({ table: "customers", row: 13, column: "age", rule: /^@range$/ });
    // products: a broken @regex, a decimal with too many places
    set(products, 2, "sku", "abc");
    e.push({ table: "products", row: 2, column: "sku", rule: /^@regex$/ });
    set(products, 3, "price", "12.345");
    e.push({ table: "products", row: 3, column: "price", rule: /decimals/ });
    // orders: not a member of the enum, a dangling foreign key; and every order of the customer
    // whose id was overwritten now dangles too
    set(orders, 3, "status", "lost");
    e.push({ table: "orders", row: 3, column: "status", rule: /^not a member of Status$/ });
    set(orders, 4, "customer_id", "999999");
    const ids = new Set(customers.rows.map((r) => r[0]));
    expect(ids.has(lostId)).toBe(false);
    orders.rows.forEach((r, i) => {
      if (!ids.has(r[orders.header.indexOf("customer_id")]!))
        e.push({ table: "orders", row: i + 1, column: "customer_id", rule: /^not found in customers\.id$/ });
    });
    expect(e.filter((x) => x.column === "customer_id").length).toBeGreaterThanOrEqual(2);
    // order_items: row 2 repeats row 1's (order_id, line)
    set(items, 2, "order_id", get(items, 1, "order_id"));
    set(items, 2, "line", get(items, 1, "line"));
    e.push({ table: "order_items", row: 2, column: "order_id, line", rule: /^duplicate unique\(order_id, line\)$/ });
    writeCsv(join(dir, "customers.csv"), customers);
    writeCsv(join(dir, "products.csv"), products);
    writeCsv(join(dir, "orders.csv"), orders);
    writeCsv(join(dir, "order_items.csv"), items);
    csvExpected = e;

    // JSONL (gzip): JSON types matter — a quoted number, a missing key, an unknown key, a number for a string
    const jdir = join(root, "tampered-jsonl");
    cpSync(data.jsonl, jdir, { recursive: true });
    const path = join(jdir, "customers.jsonl.gz");
    const rows = gunzipSync(readFileSync(path))
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    rows[2]!.age = String(rows[2]!.age);
    delete rows[3]!.email;
    rows[4]!.vip = true;
    rows[5]!.first_name = 7;
    writeFileSync(path, gzipSync(rows.map((r) => JSON.stringify(r) + "\n").join("")));

    [csvRun, jsonlRun] = await Promise.all([validate(shopSchema, dir), validate(shopSchema, jdir)]);
  }, 120_000);

  it("CSV: exit 1, every tampered cell reported once at its row and column, nothing else", () => {
    expect(stackLines(csvRun.stderr + csvRun.stdout)).toEqual([]);
    expect(csvRun.stderr).toBe("");
    expect(csvRun.code).toBe(1);
    expectViolations(csvRun, csvExpected);
  });

  it("CSV: the report names the file, shows the value, and counts violations per table", () => {
    expect(csvRun.stdout).toContain(join(root, "tampered-csv", "customers.csv"));
    expect(csvRun.stdout).toContain('customers: row 7, column email: @email ("not-an-email")');
    const byTable = (t: string) => csvExpected.filter((e) => e.table === t).length;
    const rows = summary(csvRun);
    for (const t of TABLES)
      expect(rows.get(t)).toBe(`${counts.csv.get(t)} rows, ${byTable(t)} violation${byTable(t) === 1 ? "" : "s"}`);
    expect(csvRun.stdout).toMatch(
      new RegExp(`^total: 4 of 4 tables checked, \\d+ rows, ${csvExpected.length} violations$`, "m"),
    );
  });

  it("JSONL: a quoted int, a missing non-null key, an unknown key and a number for a string", () => {
    expect(stackLines(jsonlRun.stderr + jsonlRun.stdout)).toEqual([]);
    expect(jsonlRun.code).toBe(1);
    expectViolations(jsonlRun, [
      { table: "customers", row: 3, column: "age", rule: /^not an int$/ },
      { table: "customers", row: 4, column: "email", rule: /^not null$/ },
      { table: "customers", row: 5, column: "vip", rule: /^unknown column$/ },
      { table: "customers", row: 6, column: "first_name", rule: /^not a JSON string$/ },
    ]);
  });

  it("a header without a column and with an unknown one is reported once, not per row", async () => {
    const dir = join(root, "header");
    mkdirSync(dir);
    const products = readCsv(join(data.csv, "products.csv"));
    const i = products.header.indexOf("name");
    writeCsv(join(dir, "products.csv"), {
      header: products.header.map((h, k) => (k === i ? "title" : h)),
      rows: products.rows,
    });
    const r = await validate(shopSchema, join(dir, "products.csv"));
    expect(r.code).toBe(1);
    expect(reportLines(r)).toEqual([
      { table: "products", row: "header", column: "title", rule: "unknown column", value: undefined },
      { table: "products", row: "header", column: "name", rule: "missing column", value: undefined },
    ]);
  });

  it("many violations of one kind: 20 lines, then a count of the rest", async () => {
    const dir = join(root, "cap");
    mkdirSync(dir);
    const customers = readCsv(join(data.csv, "customers.csv"));
    customers.rows.forEach((_, k) => set(customers, k + 1, "email", `nobody-${k}`));
    const file = join(dir, "customers.csv");
    writeCsv(file, customers);
    const r = await validate(shopSchema, file);
    expect(r.code).toBe(1);
    const n = customers.rows.length;
    const lines = reportLines(r);
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => l.row)).toEqual(Array.from({ length: 20 }, (_, k) => `row ${k + 1}`));
    expect(r.stdout).toContain(`… and ${n - 20} more: customers, column email: @email`);
    // one file names one table; the others are not checked, which is not an error
    expect(summary(r).get("customers")).toBe(`${n} rows, ${n} violations`);
    expect(summary(r).get("orders")).toBe("no data file, not checked");
  });

  it("--format json: the same findings as one JSON object", async () => {
    const r = await validate(shopSchema, join(root, "tampered-jsonl"), "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      violations: number;
      lines: { table: string; row: number; column: string; rule: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.violations).toBe(4);
    expect(report.lines.map((l) => `${l.table}:${l.row}:${l.column}`)).toEqual([
      "customers:3:age",
      "customers:4:email",
      "customers:5:vip",
      "customers:6:first_name",
    ]);
  });
});

describe("noise and privacy", { timeout: 60_000 }, () => {
  it("cells @noise left empty are reported; a masked column is noted, not checked", async () => {
    const schema = join(root, "dirty.dgen");
    writeFileSync(
      schema,
      [
        "dataset dirty { seed: 2 }",
        "table users {",
        "  rows: 80",
        "  id    int    @pk = sequence(1)",
        "  email string @email @unique @mask(full) = `user{id}@example.com`",
        '  tag   string @noise(missing: 20%) = one_of("a", "b")',
        "}",
        "",
      ].join("\n"),
    );
    const out = join(root, "dirty");
    const g = await dgen(["generate", schema, "--out", out]);
    expect(g.code, g.stderr).toBe(0);
    const users = readCsv(join(out, "users.csv"));
    const empty = users.rows.flatMap((r, k) => (r[users.header.indexOf("tag")] === null ? [k + 1] : []));
    expect(empty.length).toBeGreaterThan(0);
    const r = await validate(schema, out, "--limit", "0");
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(r.code).toBe(1);
    expectViolations(
      r,
      empty.map((row) => ({ table: "users", row, column: "tag", rule: /^not null$/ })),
    );
    expect(r.stdout).toContain("note: column email: written masked, not checked");
  });
});

describe("bad input: one clear message, no stack trace", { timeout: 60_000 }, () => {
  it("a DATA path that does not exist is DG5050, exit 1", async () => {
    const r = await validate(shopSchema, join(root, "nothing-here"));
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(errorCodes(r)).toEqual(["DG5050"]);
    expect(r.stderr).toContain("nothing-here");
    expect(r.code).toBe(1);
  });

  it("no DATA argument is a usage error, exit 2", async () => {
    const r = await validate(shopSchema);
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/missing required argument 'data'/);
    expect(r.code).toBe(2);
  });

  it("--format yaml and --limit x are DG8001, exit 2", async () => {
    const [a, b] = await Promise.all([
      validate(shopSchema, data.csv, "--format", "yaml"),
      validate(shopSchema, data.csv, "--limit", "x"),
    ]);
    for (const r of [a, b]) {
      expect(stackLines(r.stderr + r.stdout)).toEqual([]);
      expect(errorCodes(r)).toEqual(["DG8001"]);
      expect(r.code).toBe(2);
    }
  });

  it("malformed JSON is DG5052 at the file's line and column; unreadable files DG5051; unknown names DG5053/DG5054", async () => {
    const dir = join(root, "bad-files");
    cpSync(data.json, dir, { recursive: true });
    // products.json: line 3 is the second row; drop the ':' after its key "price"
    const products = readFileSync(join(dir, "products.json"), "utf8").split("\n");
    expect(products[2]).toMatch(/^\{.*"price":.*\},$/);
    const column = products[2]!.indexOf('"price"') + '"price"'.length + 1;
    products[2] = products[2]!.replace('"price":', '"price"');
    writeFileSync(join(dir, "products.json"), products.join("\n"));
    // customers: a shard "file" that is a folder
    rmSync(join(dir, "customers.json"));
    mkdirSync(join(dir, "customers", "part-00000.json"), { recursive: true });
    writeFileSync(join(dir, "custmers.json"), "[]\n");
    writeFileSync(join(dir, "notes.txt"), "hello\n");
    const r = await validate(shopSchema, dir);
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(r.code).toBe(1);
    expect(errorCodes(r).sort()).toEqual(["DG5051", "DG5052", "DG5053"]);
    expect(r.stderr).toMatch(/warning\[DG5054\]: '.*notes\.txt'/);
    expect(r.stderr).toMatch(/did you mean 'customers'\?/);
    expect(r.stderr).toMatch(/error\[DG5051\]: Cannot read data file '.*part-00000\.json': it is a folder\./);
    expect(r.stderr).toContain(`--> ${join(dir, "products.json")}:3:${column}\n`);
    // the rows before the error were checked; the summary says the file stopped early
    expect(summary(r).get("products")).toMatch(/^1 row read, then a file error/);
  });

  it("an unclosed quote in a CSV file is DG5052 naming the line it opens on", async () => {
    const dir = join(root, "bad-csv");
    mkdirSync(dir);
    const text = readFileSync(join(data.csv, "products.csv"), "utf8").split("\n");
    // the last line (the text ends with a line break): its last field opens a quote never closed
    const last = text.length - 2;
    text[last] = text[last]!.replace(/,([^,]*)$/, ',"$1');
    const file = join(dir, "products.csv");
    writeFileSync(file, text.join("\n"));
    const r = await validate(shopSchema, file);
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(errorCodes(r)).toEqual(["DG5052"]);
    expect(r.stderr).toContain(`--> ${file}:${last + 1}\n`);
    expect(r.stderr).toMatch(/quoted field is not closed/);
    expect(r.code).toBe(1);
  });
});
