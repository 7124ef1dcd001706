/**
 * The promises of §6 and §16 on a v2 schema, through `dgen generate` on the TPC-H example at sf=0.01:
 * row access across tables (lineitem reads part and partsupp rows), aggregates over child rows
 * (o_totalprice) and fixed tables give the same bytes for any worker count and any shard split; adding
 * a column to part leaves the tables that read part's other columns alone; raising customer's row count
 * keeps its earlier rows.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv } from "../helpers/csv.js";
import { folderHashes } from "../helpers/hash.js";

const fixtures = join(repoRoot, "test", "fixtures", "spec-v2");
const schema = join(fixtures, "tpch.dgen");
const root = tempDir("v2-determinism");
const TABLES = ["region", "nation", "supplier", "part", "colors", "partsupp", "customer", "orders", "lineitem"];

/** tpch.dgen with one more column in part, between p_name and p_mfgr, beside a copy of its data/ folder. */
function schemaWithExtraColumn(): string {
  const dir = join(root, "extra-schema");
  mkdirSync(dir);
  cpSync(join(fixtures, "data"), join(dir, "data"), { recursive: true });
  const text = readFileSync(schema, "utf8");
  const anchor = "  p_mfgr        string = `Manufacturer#{m}`";
  expect(text).toContain(anchor);
  const path = join(dir, "tpch.dgen");
  writeFileSync(path, text.replace(anchor, `  p_extra       string = faker.lorem.paragraph()\n${anchor}`));
  return path;
}

const dirs = {
  workers: [1, 2, 3].map((w) => join(root, `workers-${w}`)),
  shards: join(root, "shards"),
  extra: join(root, "extra"),
  rows100: join(root, "rows-100"),
  rows200: join(root, "rows-200"),
};

/** `dgen generate <schema> --param sf=0.01 --format csv --quiet <flags>`; a busy machine gets time. */
const generate = (flags: string[], path = schema): Promise<Ran> =>
  dgen(["generate", path, "--param", "sf=0.01", "--format", "csv", "--quiet", ...flags], { timeoutMs: 280_000 });

function ok(r: Ran, what: string): void {
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

beforeAll(async () => {
  mkdirSync(dirs.shards);
  const extra = schemaWithExtraColumn();
  const runs: (readonly [string, Promise<Ran>])[] = [
    ...dirs.workers.map(
      (out, i) => [`--workers ${i + 1}`, generate(["--out", out, "--workers", String(i + 1)])] as const,
    ),
    ...[1, 2, 3].map((i) => [`--shard ${i}/3`, generate(["--out", dirs.shards, "--shard", `${i}/3`])] as const),
    ["p_extra", generate(["--out", dirs.extra], extra)],
    ["--rows customer=100", generate(["--out", dirs.rows100, "--rows", "customer=100", "--tables", "customer"])],
    ["--rows customer=200", generate(["--out", dirs.rows200, "--rows", "customer=200", "--tables", "customer"])],
  ];
  const done = await Promise.all(runs.map(([, r]) => r));
  done.forEach((r, i) => ok(r, runs[i][0]));
}, 300_000);

const text = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("TPC-H (v2) writes the same bytes however the work is split", () => {
  it("--workers 1, 2 and 3 write identical files, manifest included", () => {
    const one = folderHashes(dirs.workers[0]);
    expect(Object.keys(one)).toEqual(["_manifest.json", ...TABLES.map((t) => `${t}.csv`)].sort());
    // lineitem (~60 000 rows of 16 columns) is cut into two 32 768-row chunks
    expect(text(dirs.workers[0], "lineitem.csv").split("\n").length).toBeGreaterThan(32_768 + 2);
    expect(folderHashes(dirs.workers[1])).toEqual(one);
    expect(folderHashes(dirs.workers[2])).toEqual(one);
  });

  it("--shard 1/3, 2/3, 3/3: the parts, each with its header, joined without the later headers are the single run", () => {
    const files = listFiles(dirs.shards);
    expect(files.filter((f) => f.startsWith("_manifest"))).toHaveLength(3);
    for (const t of TABLES) {
      const parts = [0, 1, 2].map((i) => `${t}/part-${String(i).padStart(5, "0")}.csv`);
      for (const p of parts) expect(files, p).toContain(p);
      const whole = text(dirs.workers[0], `${t}.csv`);
      const header = whole.slice(0, whole.indexOf("\n") + 1);
      const texts = parts.map((p) => text(dirs.shards, p));
      for (const [i, part] of texts.entries()) expect(part.startsWith(header), `${parts[i]} has a header`).toBe(true);
      const joined = header + texts.map((part) => part.slice(header.length)).join("");
      expect(joined === whole, `${t}: the shards joined differ from the single run`).toBe(true);
    }
  });
});

describe("TPC-H (v2): every value is a function of (seed, table, column, row)", () => {
  it("a column added to part leaves partsupp, lineitem and orders byte-identical, and part's other columns too", () => {
    const base = dirs.workers[0];
    for (const t of ["partsupp", "lineitem", "orders", "customer", "supplier"])
      expect(text(dirs.extra, `${t}.csv`) === text(base, `${t}.csv`), `${t}.csv differs`).toBe(true);
    const before = readCsv(join(base, "part.csv"));
    const after = readCsv(join(dirs.extra, "part.csv"));
    expect(after.header).toEqual([...before.header.slice(0, 2), "p_extra", ...before.header.slice(2)]);
    for (const name of before.header) expect(column(after, name), name).toEqual(column(before, name));
  });

  it("--rows customer=100 and =200: the smaller run's rows are the first rows of the larger, and of sf=0.01's", () => {
    const small = text(dirs.rows100, "customer.csv");
    const large = text(dirs.rows200, "customer.csv");
    expect(readCsv(join(dirs.rows100, "customer.csv")).rows).toHaveLength(100);
    expect(readCsv(join(dirs.rows200, "customer.csv")).rows).toHaveLength(200);
    expect(large.startsWith(small), "customer=100 is not a prefix of customer=200").toBe(true);
    expect(text(dirs.workers[0], "customer.csv").startsWith(large), "customer=200 is not a prefix of 1 500").toBe(true);
  });
});
