/**
 * `dgen validate` on hostile data: a field past the documented row limit (read from /dev/zero, or from a
 * ~1 MB gzip bomb), a gzip file that inflates past the documented ratio, JSON nested past the documented
 * depth, and a full $TMPDIR. Each is one clear diagnostic (DG5085, DG5010), exit 1, no stack trace —
 * never DG9001. Nothing here writes more than a few megabytes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { dgen, stackLines, tempDir, type Ran } from "../helpers/cli.js";

const root = tempDir("validate-limits");
const schema = join(root, "s.dgen");
writeFileSync(
  schema,
  `dataset lim { seed: 1 }
table t {
  rows: 3
  id   int @pk = sequence(1)
  name string = one_of("a", "b")
  meta json = { n: id }
}
`,
);

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

/** A gzip file of `members` copies of one gzip member (gunzip reads concatenated members): a bomb in ~1 MB. */
function gzipMembers(head: string, unit: Buffer, members: number): Buffer {
  const member = gzipSync(unit, { level: 9 });
  return Buffer.concat([gzipSync(Buffer.from(head)), ...Array.from({ length: members }, () => member)]);
}

function refused(r: Ran, code: string): void {
  expect(r.stderr).toContain(`error[${code}]`);
  expect(r.stderr).not.toContain("DG9001");
  expect(stackLines(r.stderr + r.stdout)).toEqual([]);
  expect(r.code).toBe(1);
}

describe("dgen validate refuses data past its limits", { timeout: 60_000 }, () => {
  it("/dev/zero as a CSV file: DG5085, a row longer than 64 MiB", async () => {
    const dir = folder("zero");
    symlinkSync("/dev/zero", join(dir, "t.csv"));
    const r = await dgen(["validate", schema, join(dir, "t.csv")]);
    refused(r, "DG5085");
    expect(r.stderr).toContain("a row is longer than 64 MiB");
  });

  it("a 1 MB .csv.gz bomb of one endless field: DG5085", async () => {
    const dir = folder("bomb");
    const file = join(dir, "t.csv.gz");
    writeFileSync(file, gzipMembers("id,name,meta\n1,", Buffer.alloc(1 << 20, 0x61), 1000));
    const r = await dgen(["validate", schema, file]);
    refused(r, "DG5085");
    expect(r.stderr).toContain("t.csv.gz");
  });

  it("a .csv.gz that inflates past 500 times its size (blank lines only): DG5085, the ratio", async () => {
    const dir = folder("ratio");
    const file = join(dir, "t.csv.gz");
    writeFileSync(file, gzipMembers("id,name,meta\n", Buffer.alloc(1 << 20, 0x0a), 40));
    const r = await dgen(["validate", schema, file]);
    refused(r, "DG5085");
    expect(r.stderr).toContain("500 times");
  });

  it("a JSON Lines row nested 100 000 deep: DG5085, the nesting depth", async () => {
    const dir = folder("deep-jsonl");
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    writeFileSync(join(dir, "t.jsonl"), `{"id":1,"name":"a","meta":${deep}}\n`);
    const r = await dgen(["validate", schema, join(dir, "t.jsonl")]);
    refused(r, "DG5085");
    expect(r.stderr).toContain("nested more than 512 levels deep");
    expect(r.stderr).toContain("t.jsonl:1");
  });

  it("a .json array whose row is nested 100 000 deep: DG5085", async () => {
    const dir = folder("deep-json");
    const deep = '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000);
    writeFileSync(join(dir, "t.json"), `[\n{"id":1,"name":"a","meta":${deep}}\n]\n`);
    const r = await dgen(["validate", schema, join(dir, "t.json")]);
    refused(r, "DG5085");
  });

  it("a CSV json cell nested 100 000 deep is a violation of that cell, and the rest is checked", async () => {
    const dir = folder("deep-csv");
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    writeFileSync(join(dir, "t.csv"), `id,name,meta\n1,a,${deep}\n2,b,"{""n"":2}"\n2,a,[]\n`);
    const r = await dgen(["validate", schema, join(dir, "t.csv")]);
    expect(r.stderr).not.toContain("DG9001");
    expect(stackLines(r.stderr + r.stdout)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/t: row 1, column meta: nested more than 512 levels deep/);
    expect(r.stdout).toMatch(/t: row 3, column id: duplicate primary key/);
  });
});

// A full $TMPDIR: a real 64 KiB tmpfs (needs root and mount; skipped where neither is allowed).
const mountPoint = mkdtempSync(join(tmpdir(), "dgen-fulltmp-"));
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], { stdio: "ignore" });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint], { stdio: "ignore" });
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)("a full $TMPDIR", () => {
  it("is DG5010, exit 1, no stack trace", async () => {
    const dir = folder("tmpfull");
    writeFileSync(join(dir, "t.csv"), 'id,name,meta\n1,a,"{""n"":1}"\n');
    // --no-cache: the bundle then goes to $TMPDIR, the place this test fills
    const r = await dgen(["validate", schema, dir, "--no-cache"], { env: { TMPDIR: mountPoint } });
    refused(r, "DG5010");
  });
});
