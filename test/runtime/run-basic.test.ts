import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../runtime/args.js";
import { run } from "../../runtime/run.js";
import { makeToyProgram } from "./fixtures/toy-program.js";

const root = mkdtempSync(join(tmpdir(), "dgen-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `o${n++}`);
const quiet = { isTTY: false };

/** Every file under `dir`, recursively, relative. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe("run", () => {
  it("writes one file per table and a manifest whose hashes match", async () => {
    const out = fresh();
    const r = await run(makeToyProgram(300), { out, rows: {}, seed: 5n }, quiet);
    expect(r.diagnostics).toEqual([]);
    expect(listAll(out)).toEqual(["_manifest.json", "customers.csv", "faulty.csv", "orders.csv"]);
    const manifest = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8"));
    expect(Object.keys(manifest)).toEqual([
      "dgen",
      "faker",
      "dataset",
      "schemaHash",
      "seed",
      "format",
      "compression",
      "shard",
      "tables",
    ]);
    expect(manifest).toMatchObject({ dataset: "toy", seed: "5", format: "csv", compression: "none", shard: null });
    expect(manifest.tables[0].rows).toBe(300);
    expect(manifest.tables[0].columns[4]).toEqual({ name: "name", type: "string?", tags: ["pii"] });
    for (const t of manifest.tables) {
      for (const f of t.files) {
        const bytes = readFileSync(join(out, f.path));
        expect(f.bytes).toBe(bytes.length);
        expect(f.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      }
    }
    expect(r.manifestPath).toBe(join(out, "_manifest.json"));
  });

  it("is deterministic and honours the seed, --rows and --scale", async () => {
    const a = fresh();
    const b = fresh();
    const ra = await run(makeToyProgram(), { out: a, rows: { customers: 200 }, scale: 3 }, quiet);
    await run(makeToyProgram(), { out: b, rows: { customers: 200 }, scale: 3 }, quiet);
    expect(ra.tables[0]).toMatchObject({ name: "customers", rows: 200 });
    expect(readFileSync(join(a, "orders.csv")).equals(readFileSync(join(b, "orders.csv")))).toBe(true);
    expect(readFileSync(join(a, "_manifest.json")).equals(readFileSync(join(b, "_manifest.json")))).toBe(true);
    const d = fresh();
    await run(makeToyProgram(), { out: d, rows: { customers: 200 }, seed: 43n }, quiet);
    expect(readFileSync(join(d, "customers.csv")).equals(readFileSync(join(a, "customers.csv")))).toBe(false);
    const c = fresh();
    const r = await run(makeToyProgram(100), { out: c, rows: {}, scale: 2.5 }, quiet);
    expect(r.tables[0].rows).toBe(250);
  });

  it("shards 1..3 of 3, concatenated without their repeated headers, are the single run", async () => {
    for (const format of ["csv", "jsonl", "tsv"]) {
      const single = fresh();
      await run(makeToyProgram(500), { out: single, format, rows: {} }, quiet);
      const sharded = fresh();
      for (let i = 1; i <= 3; i++) {
        const r = await run(
          makeToyProgram(500),
          { out: sharded, format, rows: {}, shard: { index: i, count: 3 } },
          quiet,
        );
        expect(r.ok).toBe(true);
      }
      for (const table of ["customers", "orders"]) {
        const whole = readFileSync(join(single, `${table}.${format}`), "utf8");
        const parts = [0, 1, 2].map((i) => readFileSync(join(sharded, table, `part-0000${i}.${format}`), "utf8"));
        const header = format === "jsonl" ? "" : whole.slice(0, whole.indexOf("\n") + 1);
        expect(
          parts[0] +
            parts
              .slice(1)
              .map((p) => p.slice(header.length))
              .join(""),
        ).toBe(whole);
      }
      expect(existsSync(join(sharded, "_manifest.part-00002.json"))).toBe(true);
    }
  });

  it("JSON array shards are each a valid array and together the single run's rows", async () => {
    const single = fresh();
    await run(makeToyProgram(200), { out: single, format: "json", rows: {} }, quiet);
    const sharded = fresh();
    for (let i = 1; i <= 3; i++)
      await run(makeToyProgram(200), { out: sharded, format: "json", rows: {}, shard: { index: i, count: 3 } }, quiet);
    const rows = [0, 1, 2].flatMap((i) =>
      JSON.parse(readFileSync(join(sharded, "orders", `part-0000${i}.json`), "utf8")),
    );
    expect(rows).toEqual(JSON.parse(readFileSync(join(single, "orders.json"), "utf8")));
  });

  it("compresses with gzip and names files .csv.gz", async () => {
    const plain = fresh();
    const gz = fresh();
    await run(makeToyProgram(100), { out: plain, rows: {} }, quiet);
    const r = await run(makeToyProgram(100), { out: gz, rows: {}, compression: "gzip", tables: ["orders"] }, quiet);
    expect(r.tables.map((t) => t.files[0].path)).toEqual(["orders.csv.gz"]);
    expect(gunzipSync(readFileSync(join(gz, "orders.csv.gz"))).equals(readFileSync(join(plain, "orders.csv")))).toBe(
      true,
    );
  });

  it("rejects bad options with DG8001/DG8002/DG5102 and writes nothing", async () => {
    const out = fresh();
    const codes = async (o: Parameters<typeof run>[1]) =>
      (await run(makeToyProgram(10), { ...o, out }, quiet)).diagnostics.map((d) => d.code);
    expect(await codes({ rows: { orders: 5 } })).toEqual(["DG8001"]);
    expect(await codes({ rows: { custmers: 5 } })).toEqual(["DG8002"]);
    const r = await run(makeToyProgram(10), { out, rows: {}, tables: ["ordrs"] }, quiet);
    expect(r.diagnostics[0]).toMatchObject({ code: "DG8002", help: "did you mean 'orders'?" });
    // every file format is written now; a database dgen does not load into is DG5102
    expect(await codes({ rows: {}, to: "oracle://root@127.0.0.1/x" })).toEqual(["DG5102"]);
    expect(await codes({ rows: {}, format: "xml" })).toEqual(["DG8001"]);
    expect(await codes({ rows: {}, compression: "zip" })).toEqual(["DG8001"]);
    expect(existsSync(out)).toBe(false);
  });

  it("an unwritable output folder gives DG5009 and leaves no files", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    const r = await run(makeToyProgram(10), { out: join(file, "sub"), rows: {} }, quiet);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["DG5009"]);
  });

  it("a failure while generating gives DG7004 with the row and leaves no file, temporary or final", async () => {
    const out = fresh();
    const r = await run(makeToyProgram(100), { out, rows: { faulty: 10 } }, quiet);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "DG7004" });
    expect(r.diagnostics[0].message).toBe("Generating row 5 of table 'faulty' failed: the toy program fails at row 5.");
    expect(listAll(out)).toEqual([]);
  });

  it("shows progress only on a terminal", async () => {
    const chunks: string[] = [];
    const stderr = { write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream;
    await run(makeToyProgram(100), { out: fresh(), rows: {} }, { stderr, isTTY: false });
    expect(chunks).toEqual([]);
    await run(makeToyProgram(100), { out: fresh(), rows: {}, progress: false }, { stderr, isTTY: true });
    expect(chunks).toEqual([]);
    await run(makeToyProgram(100), { out: fresh(), rows: {} }, { stderr, isTTY: true });
    expect(chunks.join("")).toMatch(/customers {2}100\/\d+ rows {2}[\d,]+ rows\/s {2}ETA \d+s/);
    expect(chunks.at(-1)).toBe("\r\x1b[K");
  });
});

describe("parseArgs", () => {
  it("parses every generate flag", () => {
    const p = parseArgs([
      "--out",
      "o",
      "--format=jsonl",
      "--compression",
      "gzip",
      "--seed",
      "-12",
      "--rows",
      "a=1_000",
      "--rows",
      "b=2",
      "--scale",
      "0.5",
      "--tables",
      "a,b",
      "--workers",
      "3",
      "--shard",
      "2/4",
      "--quiet",
    ]);
    expect(p.diagnostics).toEqual([]);
    expect(p.options).toEqual({
      out: "o",
      format: "jsonl",
      compression: "gzip",
      seed: -12n,
      rows: { a: 1000, b: 2 },
      scale: 0.5,
      tables: ["a", "b"],
      workers: 3,
      shard: { index: 2, count: 4 },
      progress: false,
    });
  });

  it("reports bad usage as DG8001; --truth takes a file name", () => {
    const codes = (argv: string[]) => parseArgs(argv).diagnostics.map((d) => d.code);
    expect(codes(["--rows", "a"])).toEqual(["DG8001"]);
    expect(codes(["--shard", "4/3"])).toEqual(["DG8001"]);
    expect(codes(["--workers", "0"])).toEqual(["DG8001"]);
    expect(codes(["--seed"])).toEqual(["DG8001"]);
    expect(codes(["extra"])).toEqual(["DG8001"]);
    expect(codes(["--truth", "t.csv"])).toEqual([]);
    expect(parseArgs(["--truth", "t.csv"]).options.truth).toBe("t.csv");
    expect(codes(["--truth="])).toEqual(["DG8001"]);
    expect(parseArgs(["--worker", "2"]).diagnostics[0].help).toBe("did you mean '--workers'?");
    expect(parseArgs(["-h"]).help).toBe(true);
  });
});
