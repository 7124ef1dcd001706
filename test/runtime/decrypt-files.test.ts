/**
 * `dgen decrypt` on real run output, without the compiler: the toy program is run twice — once with
 * some columns encrypted (each such cell written as `encryptCell(...)` of the value's text, the text
 * computed here with Date/JSON/toFixed, not with dgen's writers) and once clean. Decrypting the first
 * folder must give the second, byte for byte, in every format and compression, shards included.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { decryptCommand } from "../../compiler/cli/decrypt.js";
import type { CommandResult } from "../../compiler/cli/result.js";
import type { ColumnMeta, Program, RowSink, TableProgram } from "../../runtime/contract.js";
import { encryptCell } from "../../runtime/privacy/encrypt.js";
import { encryptionKeysFromBytes } from "../../runtime/privacy/keys.js";
import { run } from "../../runtime/run.js";
import { makeToyProgram } from "./fixtures/toy-program.js";

const root = mkdtempSync(join(tmpdir(), "dgen-decrypt-"));
// A run with `encrypted` columns loads DGEN_KEY before writing (the toy program encrypts with `keys` below).
const savedKey = process.env.DGEN_KEY;
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env.DGEN_KEY;
  else process.env.DGEN_KEY = savedKey;
});
let n = 0;
const fresh = () => join(root, `d${n++}`);
const quiet = { isTTY: false };

const KEY = randomBytes(32);
const env = { DGEN_KEY: KEY.toString("hex") };
const keys = encryptionKeysFromBytes(KEY);
process.env.DGEN_KEY = env.DGEN_KEY;

/** Columns to encrypt per table. */
const ENCRYPT: Record<string, readonly string[]> = {
  customers: ["big", "score", "balance", "name", "active", "born", "created", "uid", "meta", "delta"],
  orders: ["amount", "note"],
};

/** The text of a value as a CSV writer writes it, unquoted — computed without dgen's writers. */
function valueText(meta: ColumnMeta, kind: string, v: unknown): string {
  switch (kind) {
    case "int":
    case "bigint":
    case "float":
      return String(v);
    case "decimal":
      return (v as number).toFixed(meta.scale);
    case "str":
      return v as string;
    case "bool":
      return v ? "true" : "false";
    case "date":
      return new Date((v as number) * 86_400_000).toISOString().slice(0, 10);
    case "timestamp":
      return new Date(Math.floor(v as number)).toISOString().replace(".000Z", "Z");
    case "json":
      return JSON.stringify(v) ?? "null";
  }
  throw new Error(kind);
}

/** A sink that hands encrypted columns' values to `encryptCell` and the rest to the real sink. */
function encryptingSink(sink: RowSink, table: string, columns: readonly ColumnMeta[], first: number): RowSink {
  const enc = columns.map((c) => ENCRYPT[table]?.includes(c.name) ?? false);
  let row = first - 1;
  const cell =
    <K extends keyof RowSink>(kind: string, m: K) =>
    (col: number, v: unknown, ...rest: unknown[]) => {
      if (!enc[col]) return (sink[m] as (...a: unknown[]) => void)(col, v, ...rest);
      sink.str(col, encryptCell(keys, table, columns[col]!.name, row, valueText(columns[col]!, kind, v)));
    };
  return {
    ...sink,
    beginRow: () => {
      row++;
      sink.beginRow();
    },
    endRow: () => sink.endRow(),
    nul: (col: number) => sink.nul(col),
    int: cell("int", "int"),
    bigint: cell("bigint", "bigint"),
    float: cell("float", "float"),
    decimal: cell("decimal", "decimal"),
    str: cell("str", "str"),
    bool: cell("bool", "bool"),
    date: cell("date", "date"),
    timestamp: cell("timestamp", "timestamp"),
    json: cell("json", "json"),
    bytes: (col: number, v: Uint8Array) => sink.bytes(col, v),
    array: (col: number, v: readonly unknown[]) => sink.array(col, v),
  } as RowSink;
}

function encryptedProgram(customers: number): Program {
  const base = makeToyProgram(customers);
  const tables: TableProgram[] = base.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => (ENCRYPT[t.name]?.includes(c.name) ? { ...c, tags: [...c.tags, "encrypted"] } : c)),
    write: (sink: RowSink, from: number, to: number) =>
      t.write(encryptingSink(sink, t.name, t.columns, from), from, to),
  }));
  return Object.assign(Object.create(base) as Program, { tables });
}

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function generate(program: Program, options: Record<string, unknown>): Promise<string> {
  const out = fresh();
  const r = await run(program, { out, rows: {}, ...options }, quiet);
  expect(r.diagnostics).toEqual([]);
  return out;
}

function codes(r: CommandResult): string[] {
  return [...r.diagnostics, ...(r.runDiagnostics ?? [])].map((d) => d.code);
}

function message(r: CommandResult): string {
  return [...r.diagnostics, ...(r.runDiagnostics ?? [])].map((d) => d.message).join("\n");
}

describe("dgen decrypt on run output", () => {
  for (const format of ["csv", "tsv", "json", "jsonl"])
    for (const compression of ["none", "gzip", "brotli"])
      it(`gives the clean run's bytes back: ${format}, ${compression}`, async () => {
        const options = { format, compression, seed: 7n };
        const encrypted = await generate(encryptedProgram(400), options);
        const clean = await generate(makeToyProgram(400), options);
        const out = fresh();
        const r = await decryptCommand(encrypted, out, env);
        expect(message(r)).toBe("");
        expect(r.exitCode).toBe(0);
        expect(listAll(out)).toEqual(listAll(clean));
        for (const f of listAll(clean).filter((p) => !p.startsWith("_manifest"))) {
          const a = readFileSync(join(out, f));
          const b = readFileSync(join(clean, f));
          expect(a.equals(b), f).toBe(true);
          // and the encrypted file really was different
          expect(readFileSync(join(encrypted, f)).equals(b), f).toBe(f.startsWith("faulty"));
        }
        const m = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8"));
        expect(m.decrypted).toBe(true);
        delete m.decrypted;
        expect(m).toEqual(JSON.parse(readFileSync(join(clean, "_manifest.json"), "utf8")));
      });

  it("the encrypted files hold enc:v1: cells, not the plaintext", async () => {
    const dir = await generate(encryptedProgram(50), { format: "jsonl", seed: 7n });
    const rows = readFileSync(join(dir, "customers.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const row of rows) {
      expect(typeof row.id).toBe("number");
      for (const c of ENCRYPT.customers!) if (row[c] !== null) expect(row[c]).toMatch(/^enc:v1:[A-Za-z0-9+/]+=*$/);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8"));
    expect(manifest.tables[0].columns.find((c: { name: string }) => c.name === "name").tags).toEqual([
      "pii",
      "encrypted",
    ]);
  });

  it("decrypts the shards of a sharded run (each with its own manifest)", async () => {
    const encrypted = fresh();
    const clean = fresh();
    for (const shard of [1, 2, 3]) {
      const s = { index: shard, count: 3 };
      expect((await run(encryptedProgram(200), { out: encrypted, rows: {}, shard: s }, quiet)).ok).toBe(true);
      expect((await run(makeToyProgram(200), { out: clean, rows: {}, shard: s }, quiet)).ok).toBe(true);
    }
    const out = fresh();
    const r = await decryptCommand(encrypted, out, env);
    expect(message(r)).toBe("");
    expect(listAll(out)).toEqual(listAll(clean));
    for (const f of listAll(clean).filter((p) => !p.startsWith("_manifest")))
      expect(readFileSync(join(out, f)).equals(readFileSync(join(clean, f))), f).toBe(true);
  });

  it("defaults --out to DIR-decrypted", async () => {
    const dir = await generate(encryptedProgram(20), {});
    const r = await decryptCommand(dir + "/", undefined, env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`wrote ${dir}-decrypted`);
    expect(r.stdout).toContain("customers.csv: 20 rows, decrypted big, score");
    expect(existsSync(join(`${dir}-decrypted`, "customers.csv"))).toBe(true);
  });
});

describe("dgen decrypt refuses", () => {
  async function encryptedCsv(): Promise<string> {
    return generate(encryptedProgram(30), { seed: 7n });
  }

  it("a wrong key, naming file, row and column, and leaves no file under a final name", async () => {
    const dir = await encryptedCsv();
    const out = fresh();
    const r = await decryptCommand(dir, out, { DGEN_KEY: randomBytes(32).toString("base64") });
    expect(r.exitCode).toBe(1);
    expect(codes(r)).toEqual(["DG5042"]);
    expect(message(r)).toContain(`'${join(dir, "customers.csv")}', row 1, column 'big'`);
    expect(existsSync(out) ? listAll(out) : []).toEqual([]);
  });

  it("a tampered cell, and a cell moved to another column", async () => {
    const dir = await encryptedCsv();
    const path = join(dir, "customers.csv");
    const original = readFileSync(path, "utf8");
    const lines = original.split("\n");
    // row 3, column 'uid' (index 8): flip one base64 character of the ciphertext
    const fields = lines[3]!.split(",");
    const cellText = fields[8]!;
    const i = 20;
    fields[8] = cellText.slice(0, i) + (cellText[i] === "A" ? "B" : "A") + cellText.slice(i + 1);
    lines[3] = fields.join(",");
    writeFileSync(path, lines.join("\n"));
    let r = await decryptCommand(dir, fresh(), env);
    expect(codes(r)).toEqual(["DG5042"]);
    expect(message(r)).toContain("row 3, column 'uid'");

    const moved = original.split("\n");
    const f2 = moved[2]!.split(",");
    [f2[8], f2[10]] = [f2[10]!, f2[8]!]; // uid <-> delta: both encrypted, each valid in its own column
    moved[2] = f2.join(",");
    writeFileSync(path, moved.join("\n"));
    r = await decryptCommand(dir, fresh(), env);
    expect(codes(r)).toEqual(["DG5042"]);
    expect(message(r)).toContain("row 2, column 'uid'");
  });

  it("a cell that is not enc:v1:, a truncated file, corrupt gzip", async () => {
    const dir = await encryptedCsv();
    const path = join(dir, "customers.csv");
    const original = readFileSync(path, "utf8");
    const lines = original.split("\n");
    const fields = lines[1]!.split(",");
    fields[10] = "12345";
    lines[1] = fields.join(",");
    writeFileSync(path, lines.join("\n"));
    let r = await decryptCommand(dir, fresh(), env);
    expect(codes(r)).toEqual(["DG5043"]);
    expect(message(r)).toContain("row 1, column 'delta'");

    writeFileSync(path, original.slice(0, original.length - 10));
    r = await decryptCommand(dir, fresh(), env);
    expect(codes(r)).toEqual(["DG5046"]);

    writeFileSync(
      path,
      original
        .split("\n")
        .slice(0, 3)
        .map((l) => l.split(",").slice(0, 5).join(","))
        .join("\n") + "\n",
    );
    r = await decryptCommand(dir, fresh(), env);
    expect(codes(r)).toEqual(["DG5046"]);

    const gz = await generate(encryptedProgram(30), { compression: "gzip" });
    const bytes = readFileSync(join(gz, "customers.csv.gz"));
    writeFileSync(join(gz, "customers.csv.gz"), bytes.subarray(0, bytes.length - 30));
    r = await decryptCommand(gz, fresh(), env);
    expect(codes(r)).toEqual(["DG5046"]);
    expect(message(r)).toContain("gzip");
    // and a good gzip of a bad CSV names the row
    writeFileSync(
      join(gz, "customers.csv.gz"),
      gzipSync(
        gunzipSync(bytes)
          .toString("utf8")
          .replace(/\n[^\n]*\n$/, "\n1\n"),
      ),
    );
    r = await decryptCommand(gz, fresh(), env);
    expect(codes(r)).toEqual(["DG5046"]);
    expect(message(r)).toContain("row 30");
  });

  it("a folder without a manifest, a missing folder, a manifest pointing outside, a missing file", async () => {
    const empty = fresh();
    writeFileSync(join(root, "plain-file"), "x");
    expect(codes(await decryptCommand(join(root, "nope"), undefined, env))).toEqual(["DG5044"]);
    expect(codes(await decryptCommand(join(root, "plain-file"), undefined, env))).toEqual(["DG5044"]);
    const dir = await encryptedCsv();
    rmSync(join(dir, "_manifest.json"));
    const r = await decryptCommand(dir, undefined, env);
    expect(codes(r)).toEqual(["DG5044"]);
    expect(message(r)).toContain("_manifest.json");
    expect(r.exitCode).toBe(1);
    void empty;

    const dir2 = await encryptedCsv();
    const mpath = join(dir2, "_manifest.json");
    const m = JSON.parse(readFileSync(mpath, "utf8"));
    m.tables[0].files[0].path = "../evil.csv";
    writeFileSync(mpath, JSON.stringify(m));
    expect(codes(await decryptCommand(dir2, fresh(), env))).toEqual(["DG5045"]);
    writeFileSync(mpath, "{ not json");
    expect(codes(await decryptCommand(dir2, fresh(), env))).toEqual(["DG5045"]);

    const dir3 = await encryptedCsv();
    rmSync(join(dir3, "orders.csv"));
    const out = fresh();
    const r3 = await decryptCommand(dir3, out, env);
    expect(codes(r3)).toEqual(["DG5001"]);
    expect(existsSync(out) ? listAll(out) : []).toEqual([]);
  });

  it("--out naming the input folder (exit 2), and a missing or malformed DGEN_KEY", async () => {
    const dir = await encryptedCsv();
    const same = await decryptCommand(dir, join(dir, "."), env);
    expect(codes(same)).toEqual(["DG8010"]);
    expect(same.exitCode).toBe(2);
    const missing = await decryptCommand(dir, fresh(), {});
    expect(codes(missing)).toEqual(["DG5040"]);
    expect(missing.exitCode).toBe(1);
    const secret = "c2VjcmV0LWtleS13aXRoLXRoZS13cm9uZy1sZW5n"; // 40 characters
    const bad = await decryptCommand(dir, fresh(), { DGEN_KEY: secret });
    expect(codes(bad)).toEqual(["DG5041"]);
    expect(message(bad)).not.toContain(secret);
  });

  it("copies a folder without encrypted columns, and needs no key for it", async () => {
    const clean = await generate(makeToyProgram(40), { format: "json", compression: "gzip" });
    const out = fresh();
    const r = await decryptCommand(clean, out, {});
    expect(message(r)).toBe("");
    for (const f of ["customers.json.gz", "orders.json.gz"])
      expect(
        createHash("sha256")
          .update(readFileSync(join(out, f)))
          .digest("hex"),
      ).toBe(
        createHash("sha256")
          .update(readFileSync(join(clean, f)))
          .digest("hex"),
      );
  });
});
