/**
 * Worker threads cannot load .ts, so the toy program is bundled with the runtime into one .mjs, as
 * `dgen build` does, and run with `node` (the bundle's `main`) or imported (as `dgen generate` does).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Program } from "../../runtime/contract.js";
import type { run as runFn } from "../../runtime/run.js";
import { usedCpu } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "dgen-workers-"));
const bundle = join(root, "toy.mjs");
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const here = resolve(import.meta.dirname);
  const entry = join(root, "entry.ts");
  writeFileSync(
    entry,
    [
      `import { program } from ${JSON.stringify(join(here, "fixtures/toy-program.ts"))};`,
      `import { main } from ${JSON.stringify(join(here, "../../runtime/main.ts"))};`,
      `import { run } from ${JSON.stringify(join(here, "../../runtime/run.ts"))};`,
      `main(program, import.meta.url);`,
      `export { program, run };`,
    ].join("\n"),
  );
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: bundle,
    logLevel: "silent",
    // As `dgen build` does: CommonJS packages of the runtime (avsc) require node's modules.
    banner: {
      js: `import { createRequire as __dgenRequire } from "node:module"; const require = __dgenRequire(import.meta.url);`,
    },
  });
}, 60_000);

let n = 0;
function node(...args: string[]) {
  const out = join(root, `o${n++}`);
  const r = spawnSync(process.execPath, [bundle, "--out", out, ...args], { encoding: "utf8", timeout: 60_000 });
  return { out, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

describe("worker threads", () => {
  it("write the same bytes with 1, 2 and 3 workers", () => {
    const runs = ["1", "2", "3"].map((w) => node("--rows", "customers=100000", "--workers", w, "--format", "jsonl"));
    for (const r of runs) expect(r.stderr).toBe("");
    for (const r of runs) expect(r.status).toBe(0);
    for (const name of ["customers.jsonl", "orders.jsonl", "_manifest.json"]) {
      const first = readFileSync(join(runs[0].out, name));
      for (const r of runs.slice(1)) expect(readFileSync(join(r.out, name)).equals(first)).toBe(true);
    }
    expect(files(runs[2].out)).toEqual(["_manifest.json", "customers.jsonl", "faulty.jsonl", "orders.jsonl"]);
  }, 120_000);

  it("report a failure in a worker as a diagnostic, exit 1, and leave no files", () => {
    const r = node("--rows", "faulty=100000", "--tables", "faulty,customers", "--workers", "2");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "error[DG7004]: Generating row 5 of table 'faulty' failed: the toy program fails at row 5.\n",
    );
    expect(files(r.out)).toEqual([]);
  }, 60_000);

  it("on SIGINT remove every temporary file and report DG7005", async () => {
    const out = join(root, "interrupted");
    const child = spawn(process.execPath, [bundle, "--out", out, "--rows", "customers=3000000", "--workers", "2"]);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await usedCpu(child.pid!, 0.3); // the bundle catches SIGINT from its first module, however busy the machine
    child.kill("SIGINT");
    const status = await new Promise((r) => child.on("close", r));
    expect(status).toBe(1);
    expect(stderr).toBe("error[DG7005]: Interrupted; no partial file was left under a final name.\n");
    expect(files(out)).toEqual([]);
  }, 60_000);

  it("exit 2 on usage errors, with a did-you-mean", () => {
    const r = node("--rows", "custmers=5");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "error[DG8002]: --rows names unknown table 'custmers'.\n  = help: did you mean 'customers'?\n",
    );
  });

  it("serve `run` when the bundle is imported, as dgen generate does", async () => {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(bundle).href)) as {
      program: Program;
      run: typeof runFn;
    };
    const out = join(root, "imported");
    const r = await mod.run(
      mod.program,
      { out, rows: { customers: 70_000 }, workers: 2, format: "csv" },
      { workerEntry: pathToFileURL(bundle), isTTY: false },
    );
    expect(r.diagnostics).toEqual([]);
    const single = node("--rows", "customers=70000", "--workers", "1");
    expect(readFileSync(join(out, "orders.csv")).equals(readFileSync(join(single.out, "orders.csv")))).toBe(true);
  }, 60_000);
});
