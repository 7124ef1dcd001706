#!/usr/bin/env node
// `npm run bench:cache`: how close does `dgen generate` of a cached schema start to the bundle itself?
// For bench/users.dgen at 10 rows (start-up is all there is) and at 1 000 000 rows: `node users.mjs`
// (the bundle `dgen build` writes) against `dgen generate` with a warm compile cache, and a cold one
// (`--no-cache`: compile + bundle every time). Runs interleaved, median of N each, one worker, CSV.
// The goal (issue 11): cached generate within 0.1 s of the bundle, and ≥ 0.95× its speed at 1 M rows.
//
//   npm run bench:cache               5 runs each
//   npm run bench:cache -- --runs 9
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const SCHEMA = join(ROOT, "bench", "users.dgen");
const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Math.max(1, Number.parseInt(opt.runs, 10) || 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-cache-"));
const cache = join(dir, "cache");
const env = { ...process.env, DGEN_CACHE_DIR: cache };
const bundle = join(dir, "users.mjs");
const built = spawnSync(process.execPath, [DGEN, "build", SCHEMA, "-o", bundle], { encoding: "utf8" });
if (built.status !== 0) throw new Error(built.stderr);

function time(args) {
  const out = join(dir, "out");
  rmSync(out, { recursive: true, force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args, "--out", out, "--workers", "1", "--quiet"], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

console.log(`dgen bench:cache — ${RUNS} runs each, interleaved; node ${process.version}, ${os.cpus().length} CPUs`);
time([DGEN, "generate", SCHEMA, "--rows", "users=10"]); // fills the cache
for (const rows of [10, 1_000_000]) {
  const r = { bundle: [], cached: [], cold: [] };
  for (let i = 0; i < RUNS; i++) {
    r.bundle.push(time([bundle, "--rows", `users=${rows}`]));
    r.cached.push(time([DGEN, "generate", SCHEMA, "--rows", `users=${rows}`]));
    if (rows === 10) r.cold.push(time([DGEN, "generate", SCHEMA, "--rows", `users=${rows}`, "--no-cache"]));
  }
  const b = median(r.bundle);
  const c = median(r.cached);
  console.log(`\n${rows.toLocaleString("en-US")} rows`);
  console.log(`  node users.mjs                  ${b.toFixed(3)} s`);
  console.log(`  dgen generate (cached)          ${c.toFixed(3)} s   +${(c - b).toFixed(3)} s, ${(b / c).toFixed(2)}× the bundle's speed`);
  if (r.cold.length) {
    const k = median(r.cold);
    console.log(`  dgen generate --no-cache        ${k.toFixed(3)} s   +${(k - b).toFixed(3)} s`);
  }
}
rmSync(dir, { recursive: true, force: true });
