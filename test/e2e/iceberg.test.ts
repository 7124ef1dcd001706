/**
 * `--format iceberg` read back by icebird, an Iceberg reader that is not ours (metadata JSON, Avro
 * manifest list and manifests, Parquet through hyparquet), compared with the JSONL run of the same
 * seed: unpartitioned and partitioned by month(seen), field ids in the Parquet schema, manifests with
 * counts and bounds, `--mode append` as a second snapshot, `--mode error`, and a run killed inside its
 * commit. icebird reads through `fetch`; the table's `file://` URLs are served from disk below.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { icebergManifests, icebergMetadata, icebergRead } from "icebird";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";
import { canonicalCell, lit, manifestTables, readJsonl, sql } from "../helpers/parquet.js";

const schema = join(repoRoot, "test", "fixtures", "parquet", "types.dgen");
const dir = tempDir("iceberg");
const bundle = join(dir, "types.mjs");
const jl = join(dir, "jl");
const flat = join(dir, "flat");
const parts = join(dir, "parts");

async function ok(args: string[]): Promise<void> {
  const r = await node(bundle, args, { timeoutMs: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

/** `fetch` for file: URLs (GET, HEAD and byte ranges), the way an object store would answer. */
const realFetch = globalThis.fetch;
function fileFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith("file:")) return realFetch(input, init);
  let buf: Buffer;
  try {
    buf = readFileSync(fileURLToPath(url));
  } catch {
    return Promise.resolve(new Response(null, { status: 404, statusText: "Not Found" }));
  }
  const range = new Headers(init?.headers).get("range");
  const m = range === null ? null : /bytes=(\d+)-(\d*)/.exec(range);
  const body = m === null ? buf : buf.subarray(Number(m[1]), m[2] ? Number(m[2]) + 1 : buf.length);
  const head = init?.method === "HEAD";
  return Promise.resolve(
    new Response(head ? null : new Uint8Array(body), {
      status: m === null ? 200 : 206,
      headers: { "content-length": String(head ? buf.length : body.length) },
    }),
  );
}

beforeAll(async () => {
  globalThis.fetch = fileFetch as typeof fetch;
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.stderr).toBe("");
  await Promise.all([
    ok(["--out", jl, "--format", "jsonl"]),
    ok(["--out", flat, "--format", "iceberg"]),
    ok(["--out", parts, "--format", "iceberg", "--partition", "things by month(seen)"]),
  ]);
}, 120_000);

afterAll(() => {
  globalThis.fetch = realFetch;
});

const url = (table: string) => pathToFileURL(table).href;

/**
 * An icebird cell in the JSONL form: uuids come as their 16 bytes, and decimals as unscaled × 10^-s in
 * floating point (hyparquet's arithmetic: -59.114000000000004), so they are compared at their scale.
 */
function cell(v: unknown, type: string): unknown {
  const scale = /^decimal\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(type)?.[1];
  if (scale !== undefined && typeof v === "number") return Number(v.toFixed(Number(scale)));
  if (type.replace(/\?$/, "") === "uuid" && v instanceof Uint8Array) {
    const h = Buffer.from(v).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return canonicalCell(v, type);
}

async function expectSameAsJsonl(out: string, times = 1): Promise<void> {
  for (const t of manifestTables(jl)) {
    const rows = await icebergRead({ tableUrl: url(join(out, t.name)) });
    const want = readJsonl(join(jl, `${t.name}.jsonl`));
    expect(rows.length).toBe(want.length * times);
    const got = [...rows].sort((a, b) => Number(a.id) - Number(b.id));
    for (const c of t.columns) {
      // hyparquet (under icebird) decodes unannotated binary as text; bytes are compared through DuckDB below.
      if (c.type === "bytes") continue;
      const a = got.map((r) => cell(r[c.name], c.type));
      const b = want.flatMap((r) => Array<unknown>(times).fill(canonicalCell(r[c.name], c.type)));
      expect(a, `${t.name}.${c.name}`).toEqual(b);
    }
  }
}

/** An Avro map of the manifest (an array of key/value records) by key. */
function mapOf(m: unknown): Map<number, unknown> {
  const entries = Array.isArray(m)
    ? (m as { key: number; value: unknown }[]).map((e) => [e.key, e.value] as const)
    : Object.entries(m ?? {});
  return new Map(entries.map(([k, v]) => [Number(k), v]));
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

describe("iceberg", () => {
  it("writes a v2 table: metadata, schema with field ids, version hint", async () => {
    const m = await icebergMetadata({ tableUrl: url(join(flat, "things")) });
    expect(m["format-version"]).toBe(2);
    expect(readFileSync(join(flat, "things", "metadata", "version-hint.text"), "utf8")).toBe("1");
    const fields = m.schemas[0]!.fields.map((f) => [f.id, f.name, f.type, f.required]);
    expect(fields.slice(0, 3)).toEqual([
      [1, "id", "long", true],
      [2, "small", "int", true],
      [3, "mid", "int", true],
    ]);
    expect(Object.fromEntries(m.schemas[0]!.fields.map((f) => [f.name, f.type]))).toMatchObject({
      d8: "decimal(8, 3)",
      seen: "timestamptz",
      key: "uuid",
      born: "date",
    });
  });

  it("holds every value of the JSONL run (icebird)", async () => {
    await expectSameAsJsonl(flat);
  });

  it("writes Parquet field ids, and bytes that DuckDB reads as the JSONL run's", async () => {
    const m = await icebergMetadata({ tableUrl: url(join(flat, "extras")) });
    const [manifest] = await icebergManifests(m);
    const path = fileURLToPath(manifest!.entries[0]!.data_file.file_path);
    const ids = await sql(`SELECT name, field_id FROM parquet_schema(${lit(path)}) WHERE field_id IS NOT NULL`);
    expect(Object.fromEntries(ids.map((r) => [r[0], Number(r[1])]))).toMatchObject({
      id: 1,
      raw: 2,
      tags: 3,
      nums: 4,
      note: 5,
      element: 7,
    });
    const raw = await sql(`SELECT to_base64(raw) FROM read_parquet(${lit(path)}) ORDER BY id`);
    expect(raw.map((r) => r[0])).toEqual(readJsonl(join(jl, "extras.jsonl")).map((r) => r.raw));
  });

  it("keeps record counts, sizes, null counts and bounds in the manifest", async () => {
    const m = await icebergMetadata({ tableUrl: url(join(flat, "things")) });
    const [manifest] = await icebergManifests(m);
    const f = manifest!.entries[0]!.data_file;
    const rows = readJsonl(join(jl, "things.jsonl"));
    expect(Number(f.record_count)).toBe(rows.length);
    expect(Number(f.file_size_in_bytes)).toBe(readFileSync(fileURLToPath(f.file_path)).length);
    const nulls = mapOf(f.null_value_counts);
    const lower = mapOf(f.lower_bounds);
    const upper = mapOf(f.upper_bounds);
    expect(Number(nulls.get(8))).toBe(rows.filter((r) => r.name === null).length);
    const long = (b: unknown) => Buffer.from(b as Uint8Array).readBigInt64LE(0);
    expect([long(lower.get(1)!), long(upper.get(1)!)]).toEqual([1n, 300n]);
  });

  it("partitions by month(seen) with the month transform and the same values", async () => {
    const m = await icebergMetadata({ tableUrl: url(join(parts, "things")) });
    expect(m["partition-specs"][0]!.fields).toEqual([
      { name: "seen_month", transform: "month", "source-id": 11, "field-id": 1000 },
    ]);
    const [manifest] = await icebergManifests(m);
    const rows = readJsonl(join(jl, "things.jsonl"));
    const months = new Set(
      rows.map((r) => {
        const d = new Date(r.seen as string);
        return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
      }),
    );
    const written = manifest!.entries.map((e) => Number((e.data_file.partition as Record<string, unknown>).seen_month));
    expect(new Set(written)).toEqual(months);
    expect(written).toHaveLength(months.size);
    await expectSameAsJsonl(parts);
  });

  it("--mode append adds a second snapshot; the reader sees both, and v1 as it was", async () => {
    await ok(["--out", flat, "--format", "iceberg", "--mode", "append", "--tables", "things"]);
    const tableUrl = url(join(flat, "things"));
    const m = await icebergMetadata({ tableUrl });
    const snapshots = m.snapshots ?? [];
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]!["parent-snapshot-id"]).toBe(snapshots[0]!["snapshot-id"]);
    expect(await icebergRead({ tableUrl })).toHaveLength(600);
    expect(await icebergRead({ tableUrl, metadataFileName: "v1.metadata.json" })).toHaveLength(300);
  });

  it("--mode error (the default) on an existing table fails with DG5220 and changes nothing", async () => {
    const before = hashFolder(join(parts, "things"));
    const r = await node(bundle, ["--out", parts, "--format", "iceberg", "--partition", "things by month(seen)"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG5220");
    expect(r.stderr).toContain(join(parts, "things"));
    expect(hashFolder(join(parts, "things"))).toBe(before);
  });

  it("a run killed inside its commit leaves the table readable at its previous version", async () => {
    const tableUrl = url(join(flat, "extras"));
    const r = await node(bundle, ["--out", flat, "--format", "iceberg", "--mode", "append", "--tables", "extras"], {
      env: { DGEN_TEST_COMMIT_STEP: "2:kill" },
    });
    expect(r.code).not.toBe(0);
    expect(readFileSync(join(flat, "extras", "metadata", "version-hint.text"), "utf8")).toBe("1");
    expect(await icebergRead({ tableUrl })).toHaveLength(200);
  });
});
