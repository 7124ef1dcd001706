/**
 * decimal(p, s) with 15 < p ≤ 38 (v2 §15): exact to the last digit, read back by independent readers
 * (DuckDB over CSV and Parquet, BigInt over the JSONL text), sums over child rows included; the
 * emitted module type-checks under `tsc --strict`, a wide column's public type is `string`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";
import { lit, sql } from "../helpers/parquet.js";
import { typecheck } from "../helpers/typescript.js";
import { pgCreate, pgDrop, pgLines, psql, server, sqliteShell } from "../helpers/databases.js";
import { runProcess } from "../helpers/cli.js";
import { unzipEntries } from "../helpers/unzip.js";

const SCHEMA = `dataset wide { seed: 7 }

table invoices {
  rows: 30
  id     int            @pk = sequence(1)
  big    decimal(38, 2) = uniform(999999999999999999999999999999999990.00, 999999999999999999999999999999999999.99)
  digits decimal(38, 0) = 12345678901234567890123456789012345678
  neg    decimal(38, 5) = -0.00001 - uniform(100000000000000000000000000000000.00000, 200000000000000000000000000000000.00000)
  small  decimal(10, 2) = uniform(1.00, 99.99)
  mixed  decimal(30, 4) = small * 3 + 0.0001 + index
  total  decimal(38, 2) = sum(lines, amount * 2 + fee)
  key    decimal(21, 0) = sequence(1) + 100000000000000000000
  neglit decimal(38, 1) = -12345678901234567890123.5
}

table lines {
  rows: per invoices 1..6
  invoice int            = parent.id
  amount  decimal(38, 2) = uniform(1000000000000000000000000000000000.00, 9000000000000000000000000000000000.00)
  fee     decimal(12, 3) = uniform(0.001, 999.999)
}
`;

const root = tempDir("dgen-wide-");
const csvDir = join(root, "csv");
const pqDir = join(root, "pq");
const jsonDir = join(root, "json");

/** "12.30" → 1230n at 2 places: the exact value of a decimal's text in units. */
function units(text: string, scale: number): bigint {
  const [i, f = ""] = text.split(".");
  expect(f.length).toBe(scale);
  return BigInt((i ?? "") + f);
}

/** units / 10 rounded half-even: a 3-place sum stored at 2 places. */
function dropOneHalfEven(v: bigint): bigint {
  const q = v / 10n;
  const r = v % 10n;
  return r > 5n || (r === 5n && q % 2n === 1n) ? q + 1n : q;
}

beforeAll(async () => {
  const path = join(root, "w.dgen");
  writeFileSync(path, SCHEMA);
  for (const [format, out] of [
    ["csv", csvDir],
    ["parquet", pqDir],
    ["jsonl", jsonDir],
  ] as const) {
    const r = await dgen(["generate", path, "--out", out, "--format", format]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
}, 60_000);

const csvRead = (table: string, types: string) =>
  `read_csv(${lit(join(csvDir, `${table}.csv`))}, header = true, columns = {${types}})`;
const INVOICES =
  "'id': 'INTEGER', 'big': 'DECIMAL(38,2)', 'digits': 'DECIMAL(38,0)', 'neg': 'DECIMAL(38,5)', 'small': 'DECIMAL(10,2)', 'mixed': 'DECIMAL(30,4)', 'total': 'DECIMAL(38,2)', 'key': 'DECIMAL(21,0)', 'neglit': 'DECIMAL(38,1)'";
const LINES = "'invoice': 'INTEGER', 'amount': 'DECIMAL(38,2)', 'fee': 'DECIMAL(12,3)'";

describe("wide decimals are exact in every reader", () => {
  it("CSV: 38 digits and values near 10^36 parse as DECIMAL(38, s) in DuckDB, to the last digit", async () => {
    const text = readFileSync(join(csvDir, "invoices.csv"), "utf8").trimEnd().split("\n");
    const header = text[0]!.split(",");
    const rows = text.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i]!, v])));
    expect(rows).toHaveLength(30);
    const duck = await sql(
      `SELECT big::VARCHAR, digits::VARCHAR, neg::VARCHAR, mixed::VARCHAR, key::VARCHAR FROM ${csvRead("invoices", INVOICES)} ORDER BY id`,
    );
    rows.forEach((r, i) => {
      expect(r.digits).toBe("12345678901234567890123456789012345678");
      expect(r.neglit).toBe("-12345678901234567890123.5");
      const big = units(r.big!, 2);
      expect(big >= 99999999999999999999999999999999999000n && big <= 99999999999999999999999999999999999999n).toBe(
        true,
      );
      const neg = units(r.neg!, 5);
      expect(
        neg <= -10000000000000000000000000000000000000n - 1n && neg >= -20000000000000000000000000000000000000n - 1n,
      ).toBe(true);
      // small * 3 + 0.0001 + index, exactly.
      expect(units(r.mixed!, 4)).toBe(units(r.small!, 2) * 3n * 100n + 1n + BigInt(i) * 10000n);
      expect(r.key).toBe(String(100000000000000000001n + BigInt(i)));
      expect(duck[i]).toEqual([r.big, r.digits, r.neg, r.mixed, r.key]);
    });
    // Not all the same draw: the column is random to its last digit.
    expect(new Set(rows.map((r) => r.big!.slice(-4))).size).toBeGreaterThan(20);
  });

  it("sums over child rows equal DuckDB's exact DECIMAL sums to the last digit", async () => {
    // DuckDB sums the DECIMAL(38, 3) terms exactly; the 2-place total is that sum rounded half-even.
    const rows = await sql(
      `SELECT i.total::VARCHAR, SUM(l.amount * 2 + l.fee)::VARCHAR, COUNT(*) FROM ${csvRead("invoices", INVOICES)} i JOIN ${csvRead("lines", LINES)} l ON l.invoice = i.id GROUP BY i.id, i.total ORDER BY i.id`,
    );
    expect(rows).toHaveLength(30);
    for (const [total, sum] of rows) expect(units(total as string, 2)).toBe(dropOneHalfEven(units(sum as string, 3)));
    // Some sums are ties (a last digit 5): half-even is what decides them.
    expect(rows.some(([, sum]) => (sum as string).endsWith("5"))).toBe(true);
    // And by BigInt over the CSV text.
    const lines = readFileSync(join(csvDir, "lines.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const sums = new Map<string, bigint>();
    for (const [inv, amount, fee] of lines)
      sums.set(inv!, (sums.get(inv!) ?? 0n) + units(amount!, 2) * 20n + units(fee!, 3));
    rows.forEach(([total], i) => expect(units(total as string, 2)).toBe(dropOneHalfEven(sums.get(String(i + 1))!)));
  });

  it("Parquet: DuckDB reads DECIMAL(38, s) columns with the same values as the CSV", async () => {
    const types = await sql(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${lit(join(pqDir, "invoices.parquet"))}))`,
    );
    expect(types).toContainEqual(["big", "DECIMAL(38,2)"]);
    expect(types).toContainEqual(["key", "DECIMAL(21,0)"]);
    const a = await sql(
      `SELECT id::INTEGER, big::VARCHAR, digits::VARCHAR, neg::VARCHAR, mixed::VARCHAR, total::VARCHAR, key::VARCHAR FROM read_parquet(${lit(join(pqDir, "invoices.parquet"))}) ORDER BY id`,
    );
    const b = await sql(
      `SELECT id::INTEGER, big::VARCHAR, digits::VARCHAR, neg::VARCHAR, mixed::VARCHAR, total::VARCHAR, key::VARCHAR FROM ${csvRead("invoices", INVOICES)} ORDER BY id`,
    );
    expect(a).toEqual(b);
  });

  it("GeoJSON: a wide property keeps its exact text; a wide coordinate is a position", async () => {
    const path = join(root, "g.dgen");
    writeFileSync(
      path,
      `dataset g { seed: 2 }\ntable places {\n  rows: 2\n  id int @pk = sequence(1)\n  lon decimal(20, 12) = uniform(-10.000000000000, 10.000000000000)\n  lat float = uniform(-10, 10)\n  amount decimal(38, 2) = 12345678901234567890123456789012345.67\n  geo: point(lon, lat)\n}\n`,
    );
    const out = join(root, "geo");
    const r = await dgen(["generate", path, "--out", out, "--format", "geojson"]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(out, "places.geojson"), "utf8");
    expect(text).toContain('"amount":12345678901234567890123456789012345.67}');
    const doc = JSON.parse(text) as { features: { geometry: { coordinates: number[] } }[] };
    for (const f of doc.features) expect(Math.abs(f.geometry.coordinates[0]!)).toBeLessThanOrEqual(10);
  });

  it("XLSX: a wide decimal is a text cell with every digit (a number cell keeps 15)", async () => {
    const out = join(root, "xlsx");
    const r = await dgen(["generate", join(root, "w.dgen"), "--out", out, "--format", "xlsx"]);
    expect(r.code).toBe(0);
    const files = (await import("node:fs")).readdirSync(out).filter((f) => f.endsWith(".xlsx"));
    const sheets = files
      .flatMap((f) => [...unzipEntries(readFileSync(join(out, f))).entries()])
      .filter(([name]) => name.startsWith("xl/worksheets/"))
      .map(([, b]) => b.toString("utf8"))
      .join("");
    expect(sheets).toContain(`<t xml:space="preserve">12345678901234567890123456789012345678</t>`);
    expect(sheets).not.toContain(">1.2345678901234568e+37<");
  });

  it("JSONL: a wide decimal is a JSON number with its exact text", () => {
    const csv = readFileSync(join(csvDir, "invoices.csv"), "utf8").trimEnd().split("\n")[1]!.split(",");
    const line = readFileSync(join(jsonDir, "invoices.jsonl"), "utf8").split("\n")[0]!;
    expect(line).toContain(`"big":${csv[1]},`);
    expect(line).toContain(`"digits":12345678901234567890123456789012345678,`);
  });
});

describe("loading and validating", () => {
  it("PostgreSQL loads the SQL files into NUMERIC(38, s) and its sums equal the written totals", async (t) => {
    if (!(await server("postgres"))) return t.skip();
    const out = join(root, "sql");
    const r = await dgen(["generate", join(root, "w.dgen"), "--out", out, "--format", "sql", "--dialect", "postgres"]);
    expect(r.code).toBe(0);
    const db = await pgCreate();
    try {
      const load = await psql(db, ["-v", "ON_ERROR_STOP=1", "-f", "_load.sql"], out);
      expect(load.stderr).toBe("");
      expect(load.code).toBe(0);
      const pg = await pgLines(
        db,
        "SELECT i.big || ',' || i.digits || ',' || i.total || ',' || sum(l.amount * 2 + l.fee) FROM invoices i JOIN lines l ON l.invoice = i.id GROUP BY i.id ORDER BY i.id",
      );
      const csv = readFileSync(join(csvDir, "invoices.csv"), "utf8")
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => l.split(","));
      expect(pg).toHaveLength(30);
      pg.forEach((line, i) => {
        const [big, digits, total, sum] = line.split(",");
        expect([big, digits, total]).toEqual([csv[i]![1], csv[i]![2], csv[i]![6]]);
        expect(units(total!, 2)).toBe(dropOneHalfEven(units(sum!, 3)));
      });
    } finally {
      await pgDrop(db);
    }
  }, 60_000);

  it("SQLite keeps every digit: a TEXT column loaded from quoted text, not a REAL", async (t) => {
    if (!(await sqliteShell())) return t.skip();
    const out = join(root, "sqlite");
    const r = await dgen(["generate", join(root, "w.dgen"), "--out", out, "--format", "sql", "--dialect", "sqlite"]);
    expect(r.code).toBe(0);
    const db = join(root, "w.db");
    const load = await runProcess("sqlite3", ["-bail", db, ".read _load.sql"], { cwd: out });
    expect(load.stderr).toBe("");
    const q = await runProcess("sqlite3", [
      db,
      "SELECT big || ',' || digits || ',' || typeof(big) FROM invoices ORDER BY id",
    ]);
    const csv = readFileSync(join(csvDir, "invoices.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(q.stdout.trimEnd().split("\n")).toEqual(csv.map((c) => `${c[1]},${c[2]},text`));
  }, 60_000);

  it("dgen validate accepts the CSV and JSONL it wrote and names a cell with 37 digits before the point", async () => {
    const schema = join(root, "w.dgen");
    expect((await dgen(["validate", schema, csvDir])).code).toBe(0);
    expect((await dgen(["validate", schema, jsonDir])).code).toBe(0);
    const bad = join(root, "bad-csv");
    const lines = readFileSync(join(csvDir, "invoices.csv"), "utf8").split("\n");
    const cells = lines[1]!.split(",");
    cells[1] = "1" + cells[1]!;
    lines[1] = cells.join(",");
    (await import("node:fs")).mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "invoices.csv"), lines.join("\n"));
    const r = await dgen(["validate", schema, join(bad, "invoices.csv")]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("column big: more than 36 digits before the point for decimal(38, 2)");
  }, 60_000);
});

describe("what cannot be exact is a compile error", () => {
  it("a float draw or a division into a wide decimal is DG3070; a wide value into a float is DG3071", async () => {
    const path = join(root, "bad.dgen");
    writeFileSync(
      path,
      `dataset d { seed: 1 }\ntable t {\n  rows: 3\n  a decimal(30, 2) = normal(0, 1)\n  b decimal(30, 2) = uniform(1.00, 2.00) / 3\n  f float = a * 2\n}\n`,
    );
    const r = await dgen(["check", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG3070]");
    expect(r.stderr).toContain("bad.dgen:4:3");
    expect(r.stderr).toContain("bad.dgen:5:3");
    expect(r.stderr).toContain("error[DG3071]");
    expect(r.stderr).toContain("bad.dgen:6:3");
    expect(r.stderr).not.toContain("DG9001");
  });

  it("precision above 38 is DG3014", async () => {
    const path = join(root, "p39.dgen");
    writeFileSync(path, `dataset d { seed: 1 }\ntable t {\n  rows: 3\n  a decimal(39, 2) = 1.00\n}\n`);
    const r = await dgen(["check", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG3014]");
    expect(r.stderr).toContain("1 to 38");
  });
});

describe("the emitted module", () => {
  it("type-checks under tsc --strict, a wide decimal's public type being string", async () => {
    const gen = join(root, "gen");
    const path = join(root, "w.dgen");
    const c = await dgen(["compile", path, "-o", gen]);
    expect(c.code).toBe(0);
    writeFileSync(
      join(root, "use.ts"),
      `import { invoice, type Invoice } from "./gen/w.js";\nconst big: string = invoice(0).big;\nconst total: Invoice["total"] = "0.00";\nconst small: string = invoice(0).small;\nexport { big, total, small };\n`,
    );
    const r = await typecheck(root, ["gen/w.ts", "use.ts"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);
});
