/**
 * `--format delta` read back by a Delta reader written from the protocol (test/helpers/delta-reader.ts:
 * log replay, then DuckDB over the live Parquet files), compared with the JSONL run of the same seed:
 * unpartitioned and partitioned, statistics in the add actions, `--mode append` as a second commit,
 * `--mode error` on an existing table, and a run killed inside its commit.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { deltaSnapshot, deltaVersions, readDelta } from "../helpers/delta-reader.js";
import { manifestTables, readJsonl } from "../helpers/parquet.js";

const schema = join(repoRoot, "test", "fixtures", "parquet", "types.dgen");
const dir = tempDir("delta");
const bundle = join(dir, "types.mjs");
const jl = join(dir, "jl");
const flat = join(dir, "flat");
const parts = join(dir, "parts");

async function ok(args: string[], env?: Record<string, string>): Promise<void> {
  const r = await node(bundle, args, { timeoutMs: 120_000, ...(env ? { env } : {}) });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

beforeAll(async () => {
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.stderr).toBe("");
  await Promise.all([
    ok(["--out", jl, "--format", "jsonl"]),
    ok(["--out", flat, "--format", "delta"]),
    ok(["--out", parts, "--format", "delta", "--partition", "things by level"]),
  ]);
}, 120_000);

/** A JSONL cell in the form the reader's SQL gives it (see `select` in delta-reader.ts). */
function canonical(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  const t = type.replace(/\?$/, "");
  if (t.endsWith("[]") || t === "json") return JSON.stringify(v);
  if (/^(int|int16|int32|int64|bigint)$/.test(t)) return String(v);
  if (t.startsWith("decimal")) return Number(v);
  if (t === "timestamp") return Date.parse(v as string);
  return v;
}

function byId(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...rows].sort((a, b) => Number(a.id) - Number(b.id));
}

async function expectSameAsJsonl(out: string, times = 1): Promise<void> {
  for (const t of manifestTables(jl)) {
    const { rows } = await readDelta(join(out, t.name));
    const want = readJsonl(join(jl, `${t.name}.jsonl`));
    expect(rows.length).toBe(want.length * times);
    const got = byId(rows);
    for (const c of t.columns) {
      const a = got.map((r) => r[c.name] ?? null);
      const b = want.flatMap((r) => Array<unknown>(times).fill(canonical(r[c.name], c.type)));
      expect(a, `${t.name}.${c.name}`).toEqual(b);
    }
  }
}

function hashFolder(folder: string): string {
  const h = createHash("sha256");
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(relative(folder, p)).update(readFileSync(p));
    }
  };
  walk(folder);
  return h.digest("hex");
}

describe("delta", () => {
  it("writes one table folder per table with a log entry of protocol, metaData and add actions", () => {
    const s = deltaSnapshot(join(flat, "things"));
    expect(s.version).toBe(0);
    expect(s.protocol).toEqual({ minReaderVersion: 1, minWriterVersion: 2 });
    expect(s.partitionColumns).toEqual([]);
    expect(Object.fromEntries(s.fields.map((f) => [f.name, f.type]))).toEqual({
      id: "long",
      small: "short",
      mid: "integer",
      big: "long",
      score: "double",
      d8: "decimal(8,3)",
      d15: "decimal(15,2)",
      name: "string",
      ok: "boolean",
      born: "date",
      seen: "timestamp",
      key: "string",
      level: "string",
      meta: "string",
    });
    expect(s.fields.find((f) => f.name === "name")!.nullable).toBe(true);
    expect(s.files).toHaveLength(1);
    expect(s.files[0]!.path).toMatch(/^part-00000-[0-9a-f-]{36}\.parquet$/);
    const ex = deltaSnapshot(join(flat, "extras")).fields;
    expect(ex.find((f) => f.name === "tags")!.type).toEqual({
      type: "array",
      elementType: "string",
      containsNull: true,
    });
    expect(ex.find((f) => f.name === "raw")!.type).toBe("binary");
  });

  it("holds every value of the JSONL run (log replay, then DuckDB)", async () => {
    await expectSameAsJsonl(flat);
  });

  it("keeps column statistics in each add action", () => {
    const s = deltaSnapshot(join(flat, "things"));
    const stats = JSON.parse(s.files[0]!.stats!) as {
      numRecords: number;
      minValues: Record<string, unknown>;
      maxValues: Record<string, unknown>;
      nullCount: Record<string, number>;
    };
    const rows = readJsonl(join(jl, "things.jsonl"));
    expect(stats.numRecords).toBe(rows.length);
    expect([stats.minValues.id, stats.maxValues.id]).toEqual([1, 300]);
    expect(stats.nullCount.name).toBe(rows.filter((r) => r.name === null).length);
    const born = rows
      .map((r) => r.born as string | null)
      .filter((b): b is string => b !== null)
      .sort();
    expect([stats.minValues.born, stats.maxValues.born]).toEqual([born[0], born.at(-1)]);
    const d8 = rows.map((r) => r.d8 as number);
    expect([stats.minValues.d8, stats.maxValues.d8]).toEqual([Math.min(...d8), Math.max(...d8)]);
  });

  it("partitions a table into folders named by partitionValues, with the same values", async () => {
    const s = deltaSnapshot(join(parts, "things"));
    expect(s.partitionColumns).toEqual(["level"]);
    expect(s.files.map((f) => f.partitionValues.level).sort()).toEqual(["high", "low", "mid"]);
    for (const f of s.files) expect(f.path.startsWith(`level=${f.partitionValues.level}/`)).toBe(true);
    await expectSameAsJsonl(parts);
  });

  it("--mode append adds a second commit; the reader sees both, and version 0 as it was", async () => {
    await ok(["--out", flat, "--format", "delta", "--mode", "append", "--tables", "things"]);
    expect(deltaVersions(join(flat, "things"))).toEqual([0, 1]);
    const v1 = readFileSync(join(flat, "things", "_delta_log", `${"1".padStart(20, "0")}.json`), "utf8");
    expect(v1).not.toContain('"metaData"');
    expect(v1).toContain('"mode":"Append"');
    const { rows } = await readDelta(join(flat, "things"));
    expect(rows).toHaveLength(600);
    expect((await readDelta(join(flat, "things"), 0)).rows).toHaveLength(300);
  });

  it("--mode error (the default) on an existing table fails with DG5220 and changes nothing", async () => {
    const before = hashFolder(join(parts, "things"));
    const r = await node(bundle, ["--out", parts, "--format", "delta", "--partition", "things by level"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG5220");
    expect(r.stderr).toContain(join(parts, "things"));
    expect(hashFolder(join(parts, "things"))).toBe(before);
  });

  it("an append of another schema fails with DG5221", async () => {
    const r = await node(bundle, ["--out", parts, "--format", "delta", "--mode", "append"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG5221");
  });

  it("a run killed inside its commit leaves the table readable at its previous version", async () => {
    const table = join(flat, "extras");
    const r = await node(bundle, ["--out", flat, "--format", "delta", "--mode", "append", "--tables", "extras"], {
      env: { DGEN_TEST_COMMIT_STEP: "2:kill" },
    });
    expect(r.code).not.toBe(0);
    expect(deltaVersions(table)).toEqual([0]);
    const { rows } = await readDelta(table);
    expect(rows).toHaveLength(200);
  });

  it("of two writers of one version, the second loses with DG5223 and the table keeps the first's", async () => {
    // The run stops itself (SIGSTOP through the commit seam) once its files are written; another
    // writer then commits version 2; the run, continued, finds the name taken.
    const table = join(flat, "things");
    const child = spawn(
      process.execPath,
      [bundle, "--out", flat, "--format", "delta", "--mode", "append", "--tables", "things"],
      {
        env: { ...process.env, DGEN_TEST_COMMIT_STEP: "1:SIGSTOP" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const stopped = () => readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.startsWith("T");
    for (let i = 0; i < 600 && !stopped(); i++) await new Promise((r) => setTimeout(r, 100));
    const v2 = join(table, "_delta_log", `${"2".padStart(20, "0")}.json`);
    copyFileSync(join(table, "_delta_log", `${"1".padStart(20, "0")}.json`), v2);
    const other = readFileSync(v2, "utf8");
    child.kill("SIGCONT");
    expect(await exited).toBe(1);
    expect(stderr).toContain("DG5223");
    expect(deltaVersions(table)).toEqual([0, 1, 2]);
    expect(readFileSync(v2, "utf8")).toBe(other);
  });
});
