#!/usr/bin/env node
// `npm run bench:scale`: does Parquet scale with workers, and does memory stay flat with the row count?
// On the users table of bench/users.dgen, each run a separate child process timed whole, with its peak
// RSS and CPU from /usr/bin/time -v (or process.resourceUsage() through bench/rss-wrapper.mjs):
//
//   1. Parquet, BIG rows, --workers 1 and --workers 2: speed-up (wall and CPU), byte-identical files;
//   2. Parquet and XLSX, SMALL and BIG rows, one worker: peak RSS of BIG against SMALL.
//
//   npm run bench:scale                          10 M against 1 M rows (≈ 5 minutes on 2 idle cores)
//   npm run bench:scale -- --big 2000000         a shorter run
//   npm run bench:scale -- --quick               200 000 against 100 000 rows (smoke test)
//
// Ratios are taken within one run, so a busy machine slows both sides; the load average is printed.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = join(ROOT, "bench", "users.dgen");
const RSS_WRAPPER = join(ROOT, "bench", "rss-wrapper.mjs");
const DGEN_BIN = join(ROOT, "bin", "dgen.mjs");
const TIME = "/usr/bin/time";
const MiB = 1024 * 1024;

const { values: opt } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    big: { type: "string" },
    small: { type: "string" },
  },
});
const SMALL = Number(opt.small ?? (opt.quick ? 100_000 : 1_000_000));
const BIG = Number(opt.big ?? (opt.quick ? 200_000 : 10_000_000));

const log = (...a) => console.error(...a);
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMiB = (b) => (b == null ? "n/a" : `${(b / MiB).toFixed(0)} MiB`);
const fmtInt = (n) => Math.round(n).toLocaleString("en-US");

const haveTime = (() => {
  if (process.env.DGEN_BENCH_NO_TIME || !existsSync(TIME)) return false;
  const r = spawnSync(TIME, ["-v", "true"], { encoding: "utf8" });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
})();

const TMP = mkdtempSync(join(os.tmpdir(), "dgen-scale-"));

/**
 * CPU time (ms) of each thread of process `pid` so far, from /proc (Linux); {} elsewhere. The busiest
 * thread is the run's critical path: what its wall time would be if every thread had a core of its own.
 */
function threadCpu(pid) {
  const out = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out[tid] = ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in 1/100 s
    }
  } catch {
    // the process is gone, or no /proc
  }
  return out;
}

/** The node process under `pid` (/usr/bin/time's child), or `pid` itself. */
function nodePid(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
    return kids[0] ? Number(kids[0]) : pid;
  } catch {
    return pid;
  }
}

/** Runs `node args…`; wall time (ms), peak RSS (bytes), CPU (ms) and the busiest thread's CPU (ms). */
async function measure(label, nodeArgs) {
  const report = join(TMP, `rusage-${Math.random().toString(36).slice(2)}.txt`);
  const [cmd, args] = haveTime
    ? [TIME, ["-v", "-o", report, process.execPath, ...nodeArgs]]
    : [process.execPath, [RSS_WRAPPER, report, ...nodeArgs]];
  const load = os.loadavg()[0];
  let busiest = 0;
  const t0 = process.hrtime.bigint();
  const { code, out } = await new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const threads = {};
    const sample = setInterval(() => Object.assign(threads, threadCpu(haveTime ? nodePid(child.pid) : child.pid)), 200);
    child.on("close", () => {
      clearInterval(sample);
      busiest = Math.max(0, ...Object.values(threads));
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, out: text }));
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${out}`);
  let rss = null;
  let cpuMs = null;
  const text = readFileSync(report, "utf8");
  rmSync(report, { force: true });
  if (/^\{/.test(text.trim())) ({ rss, cpuMs } = JSON.parse(text));
  else {
    rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)[1]) * 1024;
    const user = Number(/User time \(seconds\): ([\d.]+)/.exec(text)[1]);
    const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(text)[1]);
    cpuMs = (user + sys) * 1000;
  }
  const busy = fmtS(busiest).padStart(9);
  log(`  ${label.padEnd(30)} ${fmtS(ms).padStart(9)}  cpu ${fmtS(cpuMs).padStart(9)}  busiest thread ${busy}  ${fmtMiB(rss).padStart(8)}  load ${load.toFixed(1)}`);
  return { ms, rss, cpuMs, busiest, load };
}

async function sha256(path) {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) h.update(chunk);
  return h.digest("hex");
}

async function gen(label, bundle, rows, workers, format, file) {
  const d = join(TMP, label.replace(/\W+/g, "-"));
  const r = await measure(label, [bundle, "--out", d, "--rows", `users=${rows}`, "--workers", String(workers), "--quiet", "--format", format]);
  r.bytes = statSync(join(d, file)).size;
  r.hash = await sha256(join(d, file));
  rmSync(d, { recursive: true, force: true });
  return r;
}

try {
  if (!existsSync(join(ROOT, "dist", "compiler", "cli", "bin.js"))) throw new Error("run `npm run build` first");
  log(`node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  log(`peak RSS from ${haveTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS"}\n`);
  const bundle = join(TMP, "users.mjs");
  const b = spawnSync(process.execPath, [DGEN_BIN, "build", SCHEMA, "-o", bundle], { encoding: "utf8" });
  if (b.status !== 0) throw new Error(`dgen build failed:\n${b.stdout}${b.stderr}`);

  const pq1 = await gen(`parquet ${fmtInt(BIG)} w1`, bundle, BIG, 1, "parquet", "users.parquet");
  const pq2 = await gen(`parquet ${fmtInt(BIG)} w2`, bundle, BIG, 2, "parquet", "users.parquet");
  const pqSmall = await gen(`parquet ${fmtInt(SMALL)} w1`, bundle, SMALL, 1, "parquet", "users.parquet");
  const xlSmall = await gen(`xlsx ${fmtInt(SMALL)} w1`, bundle, SMALL, 1, "xlsx", "users.xlsx");
  const xlBig = await gen(`xlsx ${fmtInt(BIG)} w1`, bundle, BIG, 1, "xlsx", "users.xlsx");

  const same = pq1.hash === pq2.hash;
  const rows = [
    ["Parquet speed-up, 2 workers against 1, wall", `${(pq1.ms / pq2.ms).toFixed(2)}× (${fmtS(pq1.ms)} → ${fmtS(pq2.ms)})`, "≥ 1.5×"],
    ["Parquet speed-up, 2 workers against 1, busiest thread's CPU", pq1.busiest && pq2.busiest ? `${(pq1.busiest / pq2.busiest).toFixed(2)}× (${fmtS(pq1.busiest)} → ${fmtS(pq2.busiest)})` : "n/a (no /proc)", "≥ 1.5×"],
    ["Parquet CPU, 2 workers against 1", `${(pq2.cpuMs / pq1.cpuMs).toFixed(2)}× (${fmtS(pq1.cpuMs)} → ${fmtS(pq2.cpuMs)})`, ""],
    ["Parquet file, 1 and 2 workers", same ? `byte-identical (${fmtInt(pq1.bytes)} bytes)` : "DIFFERENT", "identical"],
    ["Parquet peak RSS, big / small rows", `${(pq1.rss / pqSmall.rss).toFixed(2)}× (${fmtMiB(pqSmall.rss)} → ${fmtMiB(pq1.rss)})`, "≤ 1.3×"],
    ["Parquet peak RSS, 2 workers", fmtMiB(pq2.rss), ""],
    ["XLSX peak RSS, big / small rows", `${(xlBig.rss / xlSmall.rss).toFixed(2)}× (${fmtMiB(xlSmall.rss)} → ${fmtMiB(xlBig.rss)})`, "≤ 1.3×"],
  ];
  console.log(`\n${fmtInt(BIG)} rows against ${fmtInt(SMALL)} rows of bench/users.dgen\n`);
  console.log("| measure | result | target |\n|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  if (!same) process.exitCode = 1;
} finally {
  rmSync(TMP, { recursive: true, force: true });
}
