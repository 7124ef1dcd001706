/**
 * The commit protocol (docs/guarantees.md), driven through built bundles and `dgen generate`: a run
 * into a folder holding an older run is interrupted at every step of its commit — killed as `kill -9`
 * would, sent a real SIGINT, failed with ENOSPC or EIO (through the runtime's documented test seam
 * DGEN_TEST_COMMIT_STEP), blocked by a folder, filled up for real on a small tmpfs, and signalled from
 * outside at random moments. After each, the folder is the complete old run with its manifest, the
 * complete new run with its manifest, or has no manifest at all — never files that a manifest
 * vouches for but does not describe. Leftovers of killed runs are removed by the next run.
 */
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, repoRoot, stackLines, tempDir, usedCpu, type Ran } from "../helpers/cli.js";

const root = tempDir("commit");
const TABLES = 4;
const schemaText = (n: number) =>
  `dataset c { seed: 1 }\n` +
  Array.from(
    { length: n },
    (_, i) => `table t${i} {\n  rows: 30\n  id int @pk = sequence(1)\n  v int = uniform(0, 1000000)\n}\n`,
  ).join("");
const schema = join(root, "c.dgen");
const many = join(root, "many.dgen");
const bundle = join(root, "c.mjs");
const oldRef = join(root, "ref-old");
const newRef = join(root, "ref-new");

function ok(r: Ran, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
}

beforeAll(async () => {
  writeFileSync(schema, schemaText(TABLES));
  writeFileSync(many, schemaText(300));
  ok(await dgen(["build", schema, "-o", bundle]), "build");
  ok(await node(bundle, ["--out", oldRef, "--seed", "1"]), "old run");
  ok(await node(bundle, ["--out", newRef, "--seed", "2"]), "new run");
}, 120_000);

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/**
 * "old" or "new" when the folder's manifest is that run's and every file it lists has the listed
 * hash; "incomplete" without a manifest; "mixed" when a manifest vouches for a file it does not describe.
 */
function state(dir: string): "old" | "new" | "incomplete" | "mixed" {
  const path = join(dir, "_manifest.json");
  if (!existsSync(path)) return "incomplete";
  const text = readFileSync(path, "utf8");
  const manifest = JSON.parse(text) as { tables: { files: { path: string; sha256: string }[] }[] };
  for (const t of manifest.tables)
    for (const f of t.files) if (!existsSync(join(dir, f.path)) || sha(join(dir, f.path)) !== f.sha256) return "mixed";
  if (text === readFileSync(join(oldRef, "_manifest.json"), "utf8")) return "old";
  if (text === readFileSync(join(newRef, "_manifest.json"), "utf8")) return "new";
  return "mixed";
}

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.includes(".tmp-"));

let trial = 0;
/** A copy of the old run, ready to be overwritten by the new one. */
function oldCopy(): string {
  const dir = join(root, `trial-${trial++}`);
  cpSync(oldRef, dir, { recursive: true });
  return dir;
}

/** The new run into `dir`, with the test seam at `step`. */
function newRun(dir: string, step: string): Promise<Ran> {
  return node(bundle, ["--out", dir, "--seed", "2"], { env: { DGEN_TEST_COMMIT_STEP: step } });
}

// steps: 0 the manifest's temporary file, 1 removing the old manifest, 2..TABLES+1 the renames, TABLES+2 the manifest's rename
const STEPS = Array.from({ length: TABLES + 3 }, (_, k) => k);

describe("interrupted at every step of the commit", () => {
  it("kill -9: before the old manifest goes, the old run; after, no manifest; the next run removes the leftovers", async () => {
    for (const k of STEPS) {
      const dir = oldCopy();
      const r = await newRun(dir, `${k}:kill`);
      expect(r.code, `step ${k}`).toBe(null);
      expect(state(dir), `step ${k}`).toBe(k <= 1 ? "old" : "incomplete");
      expect(temporaries(dir).length, `step ${k}: a killed run leaves temporaries`).toBeGreaterThan(0);
      ok(await node(bundle, ["--out", dir, "--seed", "2"]), `the run after step ${k}`);
      expect(state(dir), `after step ${k}`).toBe("new");
      expect(temporaries(dir), `after step ${k}`).toEqual([]);
    }
  }, 120_000);

  it("a real SIGINT: before the commit, DG7005 and the old run; inside it, the commit finishes first", async () => {
    for (const k of STEPS) {
      const dir = oldCopy();
      const r = await newRun(dir, `${k}:SIGINT`);
      // inside the commit the signal waits for its end: the run is then complete, and the process
      // ends as it would have, or says DG7005 — never Node's silent 130
      if (k === 0 || r.code !== 0) {
        expect(r.code, `step ${k}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toBe("error[DG7005]: Interrupted; no partial file was left under a final name.\n");
      }
      expect(state(dir), `step ${k}`).toBe(k === 0 ? "old" : "new");
      expect(temporaries(dir), `step ${k}`).toEqual([]);
    }
  }, 120_000);

  it("ENOSPC and EIO: before the old manifest goes, the old run; after, no manifest and DG5061 says so", async () => {
    for (const error of ["ENOSPC", "EIO"])
      for (const k of STEPS) {
        const dir = oldCopy();
        const r = await newRun(dir, `${k}:${error}`);
        expect(r.code, `${error} at step ${k}`).toBe(1);
        expect(r.stderr).toMatch(error === "ENOSPC" ? /error\[DG5010\]/ : /error\[DG5009\].*input\/output error/);
        expect(r.stderr.includes("warning[DG5061]"), `${error} at step ${k}: ${r.stderr}`).toBe(k >= 2);
        expect(state(dir), `${error} at step ${k}`).toBe(k <= 1 ? "old" : "incomplete");
        expect(temporaries(dir), `${error} at step ${k}`).toEqual([]);
      }
  }, 120_000);

  it("a folder in the way of a data file: DG5009 before anything is touched, the old run stays", async () => {
    const dir = join(root, "blocked");
    ok(await node(bundle, ["--out", dir, "--seed", "1", "--tables", "t0,t1"]), "old run of two tables");
    const manifest = readFileSync(join(dir, "_manifest.json"));
    mkdirSync(join(dir, "t3.csv"));
    const r = await node(bundle, ["--out", dir, "--seed", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[DG5009\]: Cannot write to '.*t3\.csv': it is a folder/);
    expect(r.stderr).not.toContain("DG5061");
    expect(readFileSync(join(dir, "_manifest.json")).equals(manifest)).toBe(true);
    for (const t of ["t0", "t1"]) expect(sha(join(dir, `${t}.csv`))).toBe(sha(join(oldRef, `${t}.csv`)));
    expect(temporaries(dir)).toEqual([]);
  }, 60_000);
});

describe("real signals from outside, on a 300-table run", () => {
  const manyBundle = join(root, "many.mjs");
  const manyOld = join(root, "many-old");
  beforeAll(async () => {
    ok(await dgen(["build", many, "-o", manyBundle]), "build 300 tables");
    ok(await node(manyBundle, ["--out", manyOld, "--seed", "1"]), "old 300-table run");
  }, 120_000);

  /** The folder holds the old run or the new one, each whole, or no manifest; never a manifest over a mix. */
  function expectOneOfThree(dir: string, what: string): void {
    const path = join(dir, "_manifest.json");
    if (existsSync(path)) {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as {
        tables: { files: { path: string; sha256: string }[] }[];
      };
      for (const t of manifest.tables)
        for (const f of t.files) expect(sha(join(dir, f.path)), `${what}: ${f.path}`).toBe(f.sha256);
    }
    expect(temporaries(dir), what).toEqual([]);
  }

  it("sent the moment the first data file gets its final name, inside the commit: the new run, whole", async () => {
    const oldManifest = readFileSync(join(manyOld, "_manifest.json"), "utf8");
    for (let i = 0; i < 4; i++) {
      const dir = join(root, `many-commit-${i}`);
      cpSync(manyOld, dir, { recursive: true });
      const first = join(dir, "t0.csv");
      const before = statSync(first).ino;
      const child = spawn(process.execPath, [manyBundle, "--out", dir, "--seed", "2"], { stdio: "ignore" });
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      // watch (busily: the renames take milliseconds) for t0.csv to be replaced, then signal at once
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && statSync(first).ino === before);
      child.kill(i % 2 === 0 ? "SIGINT" : "SIGTERM");
      await closed;
      expectOneOfThree(dir, `trial ${i}`);
      expect(readFileSync(join(dir, "_manifest.json"), "utf8"), `trial ${i}`).not.toBe(oldManifest);
    }
  }, 180_000);

  it("sent at other moments: the old run, the new run, or no manifest", async () => {
    const oldManifest = readFileSync(join(manyOld, "_manifest.json"), "utf8");
    for (let i = 0; i < 4; i++) {
      const dir = join(root, `many-${i}`);
      cpSync(manyOld, dir, { recursive: true });
      const child = spawn(process.execPath, [manyBundle, "--out", dir, "--seed", "2"], { stdio: "ignore" });
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      await new Promise((r) => setTimeout(r, 700 + i * 150));
      child.kill(i % 2 === 0 ? "SIGINT" : "SIGTERM");
      const code = await closed;
      // a signal before node has run any of the bundle (a loaded machine) is node's: nothing was touched
      if (code === null) expect(readFileSync(join(dir, "_manifest.json"), "utf8"), `trial ${i}`).toBe(oldManifest);
      else expect([0, 1], `trial ${i}`).toContain(code);
      expectOneOfThree(dir, `trial ${i}`);
    }
  }, 180_000);
});

describe("leftovers and signals of dgen generate", () => {
  it("a SIGINT while compiling (300 tables) is DG7005, exit 1, and leaves no bundle folder in $TMPDIR", async () => {
    const tmp = mkdtempSync(join(root, "tmpdir-"));
    const child = spawn(
      process.execPath,
      // --no-cache: always compile, the moment this test interrupts
      [join(repoRoot, "bin", "dgen.mjs"), "generate", many, "--out", join(root, "sigint-out"), "--no-cache"],
      {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    // After 0.8 s of CPU dgen has long been catching SIGINT, and is compiling its 300 tables.
    await usedCpu(child.pid!, 0.8);
    child.kill("SIGINT");
    expect(await closed, stderr).toBe(1);
    expect(stderr).toContain("error[DG7005]");
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(root, "sigint-out", "_manifest.json"))).toBe(false);
  }, 60_000);

  it("the bundle folder and data temporaries of a killed dgen generate are removed by the next one", async () => {
    const tmp = mkdtempSync(join(root, "tmpdir-"));
    const out = join(root, "killed-generate");
    const env = { TMPDIR: tmp };
    // --no-cache: the bundle is then a temporary folder in $TMPDIR, the leftover this test is about
    const killed = await dgen(["generate", schema, "--out", out, "--quiet", "--no-cache"], {
      env: { ...env, DGEN_TEST_COMMIT_STEP: "3:kill" },
    });
    expect(killed.code).toBe(null);
    expect(readdirSync(tmp).filter((n) => n.startsWith("dgen-bundle-"))).toHaveLength(1);
    expect(temporaries(out).length).toBeGreaterThan(0);
    // a temporary of a live process, and a file that only looks like ours, are kept
    const alive = join(out, `t0.csv.tmp-dgen-${process.pid}-0000-000000`);
    writeFileSync(alive, "");
    writeFileSync(join(out, "notes.tmp-1"), "");
    ok(await dgen(["generate", schema, "--out", out, "--quiet", "--no-cache"], { env }), "the next run");
    expect(readdirSync(tmp)).toEqual([]);
    expect(temporaries(out).sort()).toEqual([`t0.csv.tmp-dgen-${process.pid}-0000-000000`, "notes.tmp-1"].sort());
    expect(listFiles(out).filter((f) => f.endsWith(".csv"))).toHaveLength(TABLES);
  }, 60_000);
});

describe("a disk that fills during the new run", () => {
  // a real 512 KiB tmpfs, mounted inside the test so that no filter leaves it mounted; needs root
  it("is DG5010, and the old run stays whole with its manifest", async (ctx) => {
    const mountPoint = mkdtempSync(join(tmpdir(), "dgen-commit-full-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mountPoint], { stdio: "ignore" });
    } catch {
      rmSync(mountPoint, { recursive: true, force: true });
      ctx.skip();
      return;
    }
    try {
      const dir = join(mountPoint, "out");
      ok(await node(bundle, ["--out", dir, "--seed", "1"]), "old run");
      const r = await node(bundle, ["--out", dir, "--seed", "2", "--rows", "t2=200000"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error\[DG5010\]/);
      expect(state(dir)).toBe("old");
      expect(temporaries(dir)).toEqual([]);
    } finally {
      execFileSync("umount", [mountPoint], { stdio: "ignore" });
      rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 60_000);
});
