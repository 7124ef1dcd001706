/**
 * `--compression zstd`: `.zst` files that the `zstd` command line (Debian package zstd) decompresses to
 * exactly the uncompressed run's bytes, also when a file is several frames and when it is partitioned;
 * the same bytes for 1 and 2 workers.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, truncateSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, repoRoot, tempDir } from "../helpers/cli.js";

const schema = join(repoRoot, "examples", "sensors.dgen");
const dir = tempDir("zstd");
const bundle = join(dir, "sensors.mjs");
const out = (name: string) => join(dir, name);
const base = ["--rows", "sensors=100", "--quiet", "--format", "csv"];

async function ok(args: string[]): Promise<void> {
  const r = await node(bundle, [...base, ...args], { timeoutMs: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

/** The `zstd` command line's reading of a file (it reads concatenated frames as one stream). */
function unzstd(path: string): Buffer {
  return execFileSync("zstd", ["-d", "-c", "-q", path], { maxBuffer: 1 << 30 });
}

beforeAll(async () => {
  expect(await dgen(["build", schema, "-o", bundle]).then((r) => r.stderr)).toBe("");
  await Promise.all([
    ok(["--out", out("z1"), "--compression", "zstd", "--partition", "none", "--workers", "1"]),
    ok(["--out", out("z2"), "--compression", "zstd", "--partition", "none", "--workers", "2"]),
    ok(["--out", out("plain"), "--partition", "none"]),
  ]);
  await Promise.all([ok(["--out", out("zp"), "--compression", "zstd"]), ok(["--out", out("pp")])]);
}, 180_000);

describe("zstd", () => {
  it("writes .zst files that the zstd command line reads as the uncompressed run's bytes", () => {
    expect(listFiles(out("z1")).sort()).toEqual(["_manifest.json", "readings.csv.zst", "sensors.csv.zst"]);
    for (const t of ["readings", "sensors"]) {
      const want = readFileSync(join(out("plain"), `${t}.csv`));
      expect(unzstd(join(out("z1"), `${t}.csv.zst`)).equals(want), t).toBe(true);
    }
    // More than one frame: the readings file is more than one frame of 4 MB.
    expect(readFileSync(join(out("plain"), "readings.csv")).length).toBeGreaterThan(4 << 20);
    const manifest = JSON.parse(readFileSync(join(out("z1"), "_manifest.json"), "utf8")) as { compression: string };
    expect(manifest.compression).toBe("zstd");
  });

  it("writes the same bytes with 1 and 2 workers", () => {
    for (const f of listFiles(out("z1")))
      expect(readFileSync(join(out("z2"), f)).equals(readFileSync(join(out("z1"), f))), f).toBe(true);
  });

  it("compresses partitioned files too", () => {
    const files = listFiles(out("pp")).filter((f) => f.startsWith("readings/"));
    expect(files.length).toBe(7);
    for (const f of files)
      expect(unzstd(join(out("zp"), `${f}.zst`)).equals(readFileSync(join(out("pp"), f))), f).toBe(true);
  });

  it("dgen validate reads the .zst files, and says when one is cut short", async () => {
    const good = await dgen(["validate", schema, out("z1")]);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    cpSync(out("z1"), out("cut"), { recursive: true });
    const cut = join(out("cut"), "readings.csv.zst");
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const bad = await dgen(["validate", schema, out("cut")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not valid zstd data");
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it("dgen decrypt reads and writes .zst files: the same cells as a run without compression", async () => {
    const people = join(repoRoot, "examples", "people.dgen");
    const env = { DGEN_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" };
    const gen = (o: string, more: string[]) =>
      dgen(["generate", people, "--out", out(o), "--rows", "persons=300", "--quiet", "--format", "csv", ...more], { env });
    const made = await Promise.all([gen("pz", ["--compression", "zstd"]), gen("pn", [])]);
    expect(made.map((m) => m.stderr)).toEqual(["", ""]);
    const dec = await Promise.all([
      dgen(["decrypt", out("pz"), "-o", out("pz-clean")], { env }),
      dgen(["decrypt", out("pn"), "-o", out("pn-clean")], { env }),
    ]);
    expect(dec.map((d) => d.code)).toEqual([0, 0]);
    const clean = readFileSync(join(out("pn-clean"), "persons.csv"));
    expect(unzstd(join(out("pz-clean"), "persons.csv.zst")).equals(clean)).toBe(true);
    expect(clean.toString("utf8")).not.toContain("enc:v1:");
  }, 90_000);
});
