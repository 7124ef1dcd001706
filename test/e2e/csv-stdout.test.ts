/**
 * `--out -` (one table to standard output) and the CSV options `--null-as`, `--no-header`,
 * `--delimiter`, through the CLI: the bytes equal a file run's, an independent CSV reader sees nulls
 * and strings apart, and the stream pipes straight into `psql -c "\copy …"`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { pgCreate, pgDrop, psql, server } from "../helpers/databases.js";
import { csvRows, dbRows, type ManifestColumn } from "../helpers/sql-rows.js";

const hostile = join(repoRoot, "test", "fixtures", "sql", "hostile.dgen");
const bin = join(repoRoot, "bin", "dgen.mjs");
const hasPg = await server("postgres");
const root = tempDir("csv-stdout");
const dir = (d: string) => join(root, d);

let columns: ManifestColumn[] = [];

beforeAll(async () => {
  const runs = await Promise.all([
    dgen(["generate", hostile, "--out", dir("csv"), "--format", "csv"]),
    dgen(["generate", hostile, "--out", dir("pg"), "--format", "sql", "--dialect", "postgres"]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(dir("csv"), "_manifest.json"), "utf8")) as {
    tables: { name: string; columns: ManifestColumn[] }[];
  };
  columns = manifest.tables.find((t) => t.name === "order")!.columns;
}, 120_000);

describe("--out -", () => {
  it("writes the one table's bytes to standard output, as the file run does, with any worker count", async () => {
    for (const workers of ["1", "2"]) {
      const r = await dgen(["generate", hostile, "--out", "-", "--tables", "order", "--workers", workers, "--quiet"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(dir("csv"), "order.csv"), "utf8"));
    }
  }, 60_000);

  it("refuses a run of more than one table (DG8041) and writes nothing to standard output", async () => {
    const r = await dgen(["generate", hostile, "--out", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DG8041]: --out - writes one table to standard output, but this run would write 2");
    expect(r.stdout).toBe("");
  }, 60_000);
});

describe("CSV options", () => {
  it("--null-as, --no-header and --delimiter: nulls as the text, strings equal to it quoted", async () => {
    const r = await dgen([
      "generate", hostile, "--out", "-", "--tables", "order", "--null-as", "\\N", "--no-header", "--delimiter", "|",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const plain = parse(readFileSync(join(dir("csv"), "order.csv"), "utf8"), {
      cast: (v: string, c: { quoting: boolean }) => (v === "" && !c.quoting ? null : v),
    }) as (string | null)[][];
    const got = parse(r.stdout, {
      delimiter: "|",
      cast: (v: string, c: { quoting: boolean }) => (v === "\\N" && !c.quoting ? null : v),
    }) as (string | null)[][];
    expect(got).toEqual(plain.slice(1)); // the same cells, nulls apart from the string "\N", no header
    expect(r.stdout).toContain('|"\\N"|'); // the string \N is quoted
  }, 60_000);

  it("rejects CSV options with another format, and a delimiter that is not one character (DG8001)", async () => {
    const json = await dgen(["generate", hostile, "--out", dir("x"), "--format", "json", "--no-header"]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("error[DG8001]: Invalid --no-header: it applies to --format csv, not json.");
    const bad = await dgen(["generate", hostile, "--out", dir("x"), "--delimiter", ";;"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error[DG8001]: Invalid --delimiter ';;'");
  }, 60_000);

  it.skipIf(!hasPg)("pipes into psql -c \"\\copy … from stdin\" and holds the file run's rows", async () => {
    const db = await pgCreate();
    try {
      // CSV carries arrays as JSON text and bytes as bare hex: the receiving table takes them as json and text.
      const ddl = `CREATE TABLE "order" ("select" bigint PRIMARY KEY, "text" text NOT NULL, "upper" text NOT NULL,
        rating text NOT NULL, blob text NOT NULL, tags json NOT NULL, note text)`;
      const schema = await psql(db, ["-v", "ON_ERROR_STOP=1", "-c", ddl]);
      expect(schema.code, schema.stderr).toBe(0);
      const asLoaded = columns.map((c) => (c.name === "blob" ? { ...c, type: "string" } : c));
      const copy = `\\copy "order" from stdin with (format csv, header false, null '\\N', delimiter '|')`;
      const r = await runProcess("sh", [
        "-c",
        `node "$1" generate "$2" --out - --tables order --null-as '\\N' --no-header --delimiter '|' --quiet | psql -X -q -h 127.0.0.1 -U postgres -d "$3" -v ON_ERROR_STOP=1 -c "$4"`,
        "sh", bin, hostile, db, copy,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(await dbRows({ dialect: "postgres", db }, "order", asLoaded)).toEqual(csvRows(dir("csv"), "order", asLoaded));
    } finally {
      await pgDrop(db);
    }
  }, 60_000);
});
