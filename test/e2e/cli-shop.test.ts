/**
 * The four commands on examples/shop.dgen, run as a user runs them (spawned `dgen`), and the
 * bundle of `dgen build` run with plain `node` from an empty folder. Outputs are read back with
 * csv-parse and node:crypto, never with dgen's own code.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, shopSchema, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";
import { sha256File } from "../helpers/hash.js";

const TABLES = ["customers", "products", "orders", "order_items"];
const root = tempDir("cli-shop");
const genOut = join(root, "generated");
const compiled = join(root, "compiled");
const bundlePath = join(root, "build", "shop.mjs");
const empty = join(root, "empty");

interface Manifest {
  dataset: string;
  seed: string;
  format: string;
  shard: unknown;
  tables: { name: string; rows: number; files: { path: string; bytes: number; sha256: string }[] }[];
}

let check: Ran;
let compile: Ran;
let build: Ran;
let generate: Ran;

beforeAll(async () => {
  // independent commands run side by side
  [check, compile, build, generate] = await Promise.all([
    dgen(["check", shopSchema]),
    dgen(["compile", shopSchema, "-o", compiled]),
    dgen(["build", shopSchema, "-o", bundlePath]),
    dgen(["generate", shopSchema, "--out", genOut, "--scale", "0.05"]),
  ]);
}, 120_000);

describe("dgen on examples/shop.dgen", () => {
  it("check: exit 0, says ok, nothing on stderr", () => {
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("ok");
  });

  it("compile: exit 0 and writes shop.ts with the header of §11", () => {
    expect(compile.stderr).toBe("");
    expect(compile.code).toBe(0);
    expect(listFiles(compiled)).toEqual(["shop.ts"]);
    const text = readFileSync(join(compiled, "shop.ts"), "utf8");
    const head = text.split("\n").slice(0, 5).join("\n");
    expect(head).toMatch(/dgen \d+\.\d+\.\d+/);
    expect(head).toMatch(/[0-9a-f]{64}/);
    expect(head).toMatch(/seed: 42/);
    expect(text).toMatch(/export function customer\(/);
    expect(text).toMatch(/export function validateCustomer\(/);
    expect(text).not.toMatch(/Math\.random|Date\.now|new Date\(\)/);
  });

  it("build: exit 0 and writes one .mjs file", () => {
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(statSync(bundlePath).size).toBeGreaterThan(0);
    expect(listFiles(join(root, "build"))).toEqual(["shop.mjs"]);
  });

  it("generate: exit 0, one CSV per table and a manifest, no stack trace", () => {
    expect(stackLines(generate.stderr)).toEqual([]);
    expect(generate.stderr).toBe("");
    expect(generate.code).toBe(0);
    expect(listFiles(genOut)).toEqual(["_manifest.json", ...TABLES.map((t) => `${t}.csv`)].sort());
  });

  it("the manifest's sha256 and byte counts are those of the files, and its row counts those of the CSVs", () => {
    const manifest = JSON.parse(readFileSync(join(genOut, "_manifest.json"), "utf8")) as Manifest;
    expect(manifest.dataset).toBe("shop");
    expect(manifest.seed).toBe("42");
    expect(manifest.format).toBe("csv");
    expect(manifest.shard).toBeNull();
    expect(manifest.tables.map((t) => t.name)).toEqual(TABLES);
    for (const t of manifest.tables) {
      expect(t.files.map((f) => f.path)).toEqual([`${t.name}.csv`]);
      const [f] = t.files;
      const path = join(genOut, f.path);
      expect(f.bytes, f.path).toBe(statSync(path).size);
      expect(f.sha256, f.path).toBe(sha256File(path));
      const csv = readCsv(path);
      expect(t.rows, f.path).toBe(csv.rows.length);
    }
    // --scale 0.05 multiplies the fixed counts: 10 000 customers and 500 products
    expect(manifest.tables.find((t) => t.name === "customers")?.rows).toBe(500);
    expect(manifest.tables.find((t) => t.name === "products")?.rows).toBe(25);
  });

  it("the stdout summary names every table with its row count", () => {
    const csvRows = (t: string) => readCsv(join(genOut, `${t}.csv`)).rows.length;
    for (const t of TABLES) expect(generate.stdout).toContain(`${t}: ${csvRows(t)} rows`);
  });

  it("the bundle, alone in an empty folder and run with plain node, writes the same bytes as dgen generate", async () => {
    mkdirSync(empty);
    const copy = join(empty, "x.mjs");
    copyFileSync(bundlePath, copy);
    const r = await node(copy, ["--out", "out", "--scale", "0.05"], { cwd: empty });
    expect(stackLines(r.stderr)).toEqual([]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = join(empty, "out");
    expect(listFiles(out)).toEqual(listFiles(genOut));
    for (const t of TABLES) {
      const a = readFileSync(join(out, `${t}.csv`));
      const b = readFileSync(join(genOut, `${t}.csv`));
      expect(a.equals(b), `${t}.csv differs`).toBe(true);
    }
  }, 60_000);

  it("the bundle's manifest is byte-identical to dgen generate's", () => {
    // the same run (same file, seed, version and flags) through the two doors of §11/§12
    const a = readFileSync(join(empty, "out", "_manifest.json"), "utf8");
    const b = readFileSync(join(genOut, "_manifest.json"), "utf8");
    expect(a).toBe(b);
  });

  it("no temporary files are left beside the outputs", () => {
    for (const dir of [genOut, compiled, join(root, "build"), join(empty, "out")]) {
      expect(existsSync(dir)).toBe(true);
      expect(listFiles(dir).filter((f) => /tmp|\.part$|~$/.test(f))).toEqual([]);
    }
  });
});
