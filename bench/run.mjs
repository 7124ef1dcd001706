#!/usr/bin/env node
// `npm run bench`: measures the code dgen emits against a hand-written @faker-js/faker + csv-stringify
// script, on the users table of bench/users.dgen. Every measurement is a separate child process, timed
// whole (start-up, generation, writing the file, exit), with its peak RSS.
//
//   npm run bench                    full run (≈ 1 minute on 2 idle cores, ≈ 2 on busy ones)
//   npm run bench -- --quick         100 000 rows everywhere, one run each (smoke test)
//   npm run bench -- --write         also write the results into docs/benchmarks.md
//   npm run bench -- --no-profile    skip the CPU profile of the 1 M-row run
//   npm run bench -- --keep          keep the temp folder (bundle, profile) and print its path
//
// Output files go to os.tmpdir() and are deleted as soon as they have been hashed.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = join(ROOT, "bench", "users.dgen");
const BASELINE = join(ROOT, "bench", "baseline-faker.mjs");
const RSS_WRAPPER = join(ROOT, "bench", "rss-wrapper.mjs");
const DOC = join(ROOT, "docs", "benchmarks.md");
const DGEN_BIN = join(ROOT, "bin", "dgen.mjs");
const TIME = "/usr/bin/time";
const MiB = 1024 * 1024;

// Targets from the brief.
const TARGET_ROWS_PER_S = 1_300_000;
const HAND_WRITTEN_ROWS_PER_S = 1_600_000;
const TARGET_VS_FAKER = 15;
const TARGET_RSS_MIB = 150;

const { values: opt } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    "no-profile": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const quick = opt.quick;
const doProfile = !opt["no-profile"];

const N = quick
  ? { baseline: 100_000, small: 100_000, smallRuns: 1, big: 100_000, cli: 100_000, profile: 100_000, profileRuns: 1 }
  : {
      baseline: 200_000,
      small: 1_000_000,
      smallRuns: 3,
      big: 10_000_000,
      cli: 1_000_000,
      profile: 1_000_000,
      profileRuns: 2,
    };

const log = (...a) => console.error(...a);
const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(0)} K`);
const fmtMiB = (b) => (b == null ? "n/a" : `${(b / MiB).toFixed(0)} MiB`);
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A failure that ends the run with a message (after the temp folder is removed). */
class BenchFailure extends Error {}

// ------------------------------------------------------------------------------------------- dist/
function newestMtime(dir, exts) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, exts));
    else if (exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith(".d.ts"))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}
function oldestMtime(dir, ext) {
  let oldest = Infinity;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) oldest = Math.min(oldest, oldestMtime(p, ext));
    else if (e.name.endsWith(ext)) oldest = Math.min(oldest, statSync(p).mtimeMs);
  }
  return oldest;
}
function ensureDist() {
  const srcDirs = ["compiler", "runtime", "grammar"].map((d) => join(ROOT, d)).filter(existsSync);
  const entry = join(ROOT, "dist", "compiler", "cli", "bin.js");
  let reason = null;
  if (!existsSync(entry)) reason = "dist/ is missing";
  else {
    const src = Math.max(...srcDirs.map((d) => newestMtime(d, [".ts"])));
    const built = Math.min(
      ...srcDirs
        .map((d) => join(ROOT, "dist", relative(ROOT, d)))
        .filter(existsSync)
        .map((d) => oldestMtime(d, ".js")),
    );
    if (src > built) reason = "dist/ is older than the sources";
  }
  if (!reason) {
    log("dist/ is up to date.");
    return "up to date";
  }
  log(`${reason}: npm run build …`);
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status === 0) return "rebuilt";
  if (!existsSync(entry)) {
    throw new BenchFailure("npm run build failed and there is no dist/ to fall back on.");
  }
  log("WARNING: npm run build failed (sources being edited?); measuring the existing, older dist/.");
  return "stale (build failed)";
}

// ------------------------------------------------------------------------------------- measuring
const haveTime = (() => {
  if (process.env.DGEN_BENCH_NO_TIME || !existsSync(TIME)) return false;
  const r = spawnSync(TIME, ["-v", "true"], { encoding: "utf8" });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
})();

/** Runs `node args…` as a child process; wall time (ms) and peak RSS (bytes). */
async function measure(label, nodeArgs, { env } = {}) {
  const report = join(TMP, `rusage-${Math.random().toString(36).slice(2)}.txt`);
  const [cmd, args] = haveTime
    ? [TIME, ["-v", "-o", report, process.execPath, ...nodeArgs]]
    : (() => {
        // Node flags (written --flag=value) stay in front of the wrapper.
        const k = nodeArgs.findIndex((a) => !a.startsWith("-"));
        return [process.execPath, [...nodeArgs.slice(0, k), RSS_WRAPPER, report, ...nodeArgs.slice(k)]];
      })();
  const t0 = process.hrtime.bigint();
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) throw new BenchFailure(`${label} failed (exit ${code}):\n${stdout}${stderr}`);
  let rss = null;
  let cpuMs = null;
  if (existsSync(report)) {
    const text = readFileSync(report, "utf8");
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
    const user = /User time \(seconds\): ([\d.]+)/.exec(text);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
    if (m) rss = Number(m[1]) * 1024;
    if (user && sys) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
    if (!m && /^\{/.test(text.trim())) ({ rss, cpuMs } = JSON.parse(text));
    rmSync(report, { force: true });
  }
  const cpu = cpuMs == null ? "" : `  cpu ${fmtS(cpuMs)} (${((cpuMs / ms) * 100).toFixed(0)}%)`;
  log(`  ${label.padEnd(44)} ${fmtS(ms).padStart(8)}  ${fmtMiB(rss).padStart(8)}${cpu}`);
  return { ms, rss, cpuMs };
}

async function sha256(path) {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) h.update(chunk);
  return h.digest("hex");
}

function outDir(name) {
  const d = join(TMP, name);
  rmSync(d, { recursive: true, force: true });
  return d;
}

// --------------------------------------------------------------------------------------- profile
/** Top self-time functions over .cpuprofile files (summed); bundle lines are mapped to the module esbuild marks. */
function topSelf(profilePaths, bundlePath, n) {
  const modules = [];
  readFileSync(bundlePath, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const m = /^\/\/ ((?:dist|node_modules|dgen-schema)\S*)$/.exec(line);
      if (m) modules.push([i + 1, m[1].replace(/^dist\//, "").replace(/^dgen-schema:/, "emitted ")]);
    });
  const moduleAt = (line) => {
    let lo = 0;
    let hi = modules.length - 1;
    let best = "";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (modules[mid][0] <= line) {
        best = modules[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  const bundleName = bundlePath.split("/").pop();
  const self = new Map();
  let total = 0;
  for (const profilePath of profilePaths) {
    const p = JSON.parse(readFileSync(profilePath, "utf8"));
    const byId = new Map(p.nodes.map((x) => [x.id, x]));
    for (let k = 0; k < p.samples.length; k++) {
      const node = byId.get(p.samples[k]);
      const dt = p.timeDeltas[k] ?? 0;
      total += dt;
      const cf = node.callFrame;
      const url = cf.url || "";
      const line = cf.lineNumber + 1;
      let where;
      if (url.endsWith(bundleName)) where = moduleAt(line);
      else if (url) where = url.replace(/^.*\//, "");
      else where = "";
      const name = cf.functionName || (url ? "(anonymous)" : "");
      const key = `${name.startsWith("RegExp: ") ? "RegExp (EMAIL)" : name}\u0000${where}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    }
  }
  const rows = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => {
      const [fn, where] = k.split("\u0000");
      return { fn, where, ms: us / 1000, share: us / total };
    });
  const areas = new Map();
  for (const [k, us] of self) {
    const [fn, where] = k.split("\u0000");
    const area = areaOf(fn, where);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const byArea = [...areas]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]) => ({ area, ms: us / 1000, share: us / total }));
  return { rows, byArea, totalMs: total / 1000 };
}

function areaOf(fn, where) {
  if (where.startsWith("emitted ")) return "emitted code (fill0/write0 and what V8 inlined into them)";
  if (where.startsWith("runtime/rng/")) return "runtime/rng (hashing, uniforms, normals, alias table)";
  if (where === "runtime/validators.js" || fn === "RegExp (EMAIL)") return "@email validator (isEmail + its RegExp)";
  if (where.startsWith("runtime/writers/file-output") || fn === "update" || fn === "writeBuffer" || fn === "(idle)")
    return "file output (sha256, fs writes, idle)";
  if (where.startsWith("runtime/writers/")) return "runtime/writers (CSV sink, byte buffer)";
  if (where.startsWith("runtime/faker/")) return "lowered faker pickers (names)";
  if (where.startsWith("runtime/text/")) return "runtime/text (roundHalfEven …)";
  if (where.startsWith("runtime/workers/")) return "runtime/workers (chunk loop, take)";
  if (fn === "(garbage collector)") return "garbage collector";
  if (
    where.startsWith("node_modules/") ||
    fn === "compileSourceTextModule" ||
    fn === "compileForInternalLoader" ||
    where === "" ||
    where === "utils" ||
    where === "encoding"
  )
    return "start-up (module compile/evaluate, faker locale data) and VM";
  return "other Node internals (streams, fs promises, …)";
}

// ------------------------------------------------------------------------------------------- run
const TMP = mkdtempSync(join(os.tmpdir(), "dgen-bench-"));
let exitCode = 0;
try {
  const started = new Date();
  const load = os.loadavg()[0];
  const distState = ensureDist();
  log(`peak RSS from ${haveTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS (bench/rss-wrapper.mjs)"}`);
  if (load > os.availableParallelism() * 0.5)
    log(
      `WARNING: 1-min load average is ${load.toFixed(2)} on ${os.availableParallelism()} cores; figures will be low.`,
    );

  const bundle = join(TMP, "users.mjs");
  log(`\nbuilding the bundle of bench/users.dgen`);
  const build = await measure("dgen build users.dgen", [DGEN_BIN, "build", SCHEMA, "-o", bundle]);

  // 1. baseline
  log(`\nbaseline: @faker-js/faker + csv-stringify, ${fmtInt(N.baseline)} rows`);
  const baseOut = join(TMP, "faker.csv");
  const base = await measure(`faker ${fmtInt(N.baseline)}`, [BASELINE, "--rows", String(N.baseline), "--out", baseOut]);
  rmSync(baseOut, { force: true });
  const baseRate = N.baseline / (base.ms / 1000);

  // 2a. start-up and exit alone: the same bundle at 1 000 rows
  log(`\ndgen bundle, 1,000 rows (start-up + exit)`);
  const dStart = outDir("startup");
  const startup = await measure("bundle 1,000 w1", [
    bundle,
    "--out",
    dStart,
    "--rows",
    "users=1000",
    "--workers",
    "1",
    "--quiet",
  ]);
  rmSync(dStart, { recursive: true, force: true });

  // 2. dgen bundle, 1 M rows, one worker, median of 3
  log(`\ndgen bundle, ${fmtInt(N.small)} rows, --workers 1, ${N.smallRuns} run(s)`);
  const small = [];
  for (let k = 0; k < N.smallRuns; k++) {
    const d = outDir("small");
    small.push(
      await measure(`bundle ${fmtInt(N.small)} w1 #${k + 1}`, [
        bundle,
        "--out",
        d,
        "--rows",
        `users=${N.small}`,
        "--workers",
        "1",
        "--quiet",
      ]),
    );
    rmSync(d, { recursive: true, force: true });
  }
  const smallMs = median(small.map((r) => r.ms));

  // 2b. the block formats against the CSV runs above: Parquet and XLSX, same rows, one worker, one run
  // each; sizes against the CSV file and CSV+gzip (written once more here).
  log(`\ndgen bundle, ${fmtInt(N.small)} rows, --workers 1: parquet, xlsx, csv+gzip (sizes)`);
  const formats = {};
  for (const [name, args, file] of [
    ["parquet", ["--format", "parquet"], "users.parquet"],
    ["xlsx", ["--format", "xlsx"], "users.xlsx"],
    ["csv+gzip", ["--compression", "gzip"], "users.csv.gz"],
    ["csv", [], "users.csv"],
  ]) {
    const d = outDir(`fmt-${name}`);
    formats[name] = await measure(`bundle ${fmtInt(N.small)} w1 ${name}`, [
      bundle,
      "--out",
      d,
      "--rows",
      `users=${N.small}`,
      "--workers",
      "1",
      "--quiet",
      ...args,
    ]);
    formats[name].bytes = statSync(join(d, file)).size;
    rmSync(d, { recursive: true, force: true });
  }
  const smallRate = N.small / (smallMs / 1000);
  const smallRss = Math.max(...small.map((r) => r.rss ?? 0)) || null;
  const smallCpu = median(small.map((r) => r.cpuMs ?? NaN));

  // 3. dgen bundle, 10 M rows, 1 and 2 workers, byte-identical
  log(`\ndgen bundle, ${fmtInt(N.big)} rows, --workers 1 and 2`);
  const big = {};
  const hashes = {};
  for (const w of [1, 2]) {
    const d = outDir(`big-w${w}`);
    big[w] = await measure(`bundle ${fmtInt(N.big)} w${w}`, [
      bundle,
      "--out",
      d,
      "--rows",
      `users=${N.big}`,
      "--workers",
      String(w),
      "--quiet",
    ]);
    hashes[w] = await sha256(join(d, "users.csv"));
    big[w].bytes = statSync(join(d, "users.csv")).size;
    rmSync(d, { recursive: true, force: true });
  }
  const identical = hashes[1] === hashes[2];
  log(
    `  sha256 w1 ${hashes[1].slice(0, 16)}…  w2 ${hashes[2].slice(0, 16)}…  ${identical ? "identical" : "DIFFERENT"}`,
  );
  if (!identical) exitCode = 1;

  // 4. the CLI: compile + bundle + generate
  log(`\ndgen generate (CLI: compile + bundle + run), ${fmtInt(N.cli)} rows`);
  const dc = outDir("cli");
  const cli = await measure(`dgen generate ${fmtInt(N.cli)} w1`, [
    DGEN_BIN,
    "generate",
    SCHEMA,
    "--out",
    dc,
    "--rows",
    `users=${N.cli}`,
    "--workers",
    "1",
    "--quiet",
  ]);
  rmSync(dc, { recursive: true, force: true });

  // 5. profile
  let profile = null;
  if (doProfile) {
    log(`\nCPU profile: bundle, ${fmtInt(N.profile)} rows, --workers 1, ${N.profileRuns} run(s), samples summed`);
    const pd = join(TMP, "prof");
    for (let k = 0; k < N.profileRuns; k++) {
      const d = outDir("prof-out");
      await measure(`bundle ${fmtInt(N.profile)} w1 --cpu-prof #${k + 1}`, [
        "--cpu-prof",
        `--cpu-prof-dir=${pd}`,
        bundle,
        "--out",
        d,
        "--rows",
        `users=${N.profile}`,
        "--workers",
        "1",
        "--quiet",
      ]);
      rmSync(d, { recursive: true, force: true });
    }
    const files = readdirSync(pd)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => join(pd, f));
    profile = topSelf(files, bundle, 15);
  }

  // ----------------------------------------------------------------------------------- report
  const rate = (rows, ms) => rows / (ms / 1000);
  const bigRate1 = rate(N.big, big[1].ms);
  const bigRate2 = rate(N.big, big[2].ms);
  const cliRate = rate(N.cli, cli.ms);
  const rows = [
    [
      "@faker-js/faker + csv-stringify (bench/baseline-faker.mjs)",
      N.baseline,
      "1",
      base.ms,
      base.cpuMs,
      baseRate,
      base.rss,
    ],
    ["dgen bundle: start-up + exit only", 1000, "1", startup.ms, startup.cpuMs, null, startup.rss],
    [`dgen bundle, median of ${N.smallRuns}`, N.small, "1", smallMs, smallCpu, smallRate, smallRss],
    ["dgen bundle", N.big, "1", big[1].ms, big[1].cpuMs, bigRate1, big[1].rss],
    ["dgen bundle", N.big, "2", big[2].ms, big[2].cpuMs, bigRate2, big[2].rss],
    ["`dgen generate` (compile + bundle + run)", N.cli, "1", cli.ms, cli.cpuMs, cliRate, cli.rss],
    ...["parquet", "xlsx", "csv+gzip"].map((f) => [
      `dgen bundle, --format ${f}`,
      N.small,
      "1",
      formats[f].ms,
      formats[f].cpuMs,
      N.small / (formats[f].ms / 1000),
      formats[f].rss,
    ]),
  ];
  const cpuCell = (cpu, ms) =>
    cpu == null || Number.isNaN(cpu) ? "n/a" : `${fmtS(cpu)} (${((cpu / ms) * 100).toFixed(0)}%)`;
  const table = [
    "| run | rows | workers | wall time | CPU time (user+sys) | rows/s (wall) | vs faker | rows per CPU-second | peak RSS |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      ([what, n, w, ms, cpu, r, rss]) =>
        `| ${what} | ${fmtInt(n)} | ${w} | ${fmtS(ms)} | ${cpuCell(cpu, ms)} | ${r == null ? "–" : fmtRate(r)} | ${r == null ? "–" : `${(r / baseRate).toFixed(1)}×`} | ${r == null || cpu == null || Number.isNaN(cpu) ? "–" : fmtRate(n / (cpu / 1000))} | ${fmtMiB(rss)} |`,
    ),
  ];
  const perRowUs = ((smallMs - startup.ms) * 1000) / (N.small - 1000);
  const perRowCpuUs = ((smallCpu - (startup.cpuMs ?? NaN)) * 1000) / (N.small - 1000);
  const check = (ok) => (ok ? "met" : "**missed**");
  const targets = [
    "| target | measured | |",
    "|---|---|---|",
    `| ≥ ${fmtRate(TARGET_ROWS_PER_S)} rows/s, one core, whole process, ${fmtInt(N.small)} rows | ${fmtRate(smallRate)} rows/s wall, ${fmtRate(N.small / (smallCpu / 1000))} rows per CPU-second (${((smallRate / TARGET_ROWS_PER_S) * 100).toFixed(0)}% of target, ${((smallRate / HAND_WRITTEN_ROWS_PER_S) * 100).toFixed(0)}% of the hand-written 1.6 M) | ${check(smallRate >= TARGET_ROWS_PER_S)} |`,
    `| ≥ ${TARGET_VS_FAKER}× the faker script | ${(smallRate / baseRate).toFixed(1)}× (per CPU-second: ${(N.small / smallCpu / (N.baseline / base.cpuMs)).toFixed(1)}×) | ${check(smallRate / baseRate >= TARGET_VS_FAKER)} |`,
    `| more with workers at ${fmtInt(N.big)} rows | 2 workers / 1 worker = ${(bigRate2 / bigRate1).toFixed(2)}× (CPU use ${cpuCell(big[1].cpuMs, big[1].ms).replace(/^.*\(/, "").replace(")", "")} → ${cpuCell(big[2].cpuMs, big[2].ms).replace(/^.*\(/, "").replace(")", "")}) | ${check(bigRate2 > bigRate1 * 1.05)} |`,
    `| identical bytes with 1 and 2 workers | ${identical ? "identical" : "different"} (sha256 ${hashes[1].slice(0, 12)}…, ${fmtInt(big[1].bytes)} bytes) | ${check(identical)} |`,
    `| Parquet ≥ 0.4× the CSV speed, ${fmtInt(N.small)} rows, one worker | ${(smallMs / formats.parquet.ms).toFixed(2)}× (${fmtS(formats.parquet.ms)} against ${fmtS(smallMs)}); ${fmtInt(formats.parquet.bytes)} bytes = ${(formats.parquet.bytes / formats.csv.bytes).toFixed(2)}× the CSV, ${(formats.parquet.bytes / formats["csv+gzip"].bytes).toFixed(2)}× CSV+gzip | ${check(smallMs / formats.parquet.ms >= 0.4)} |`,
    `| XLSX ≥ 0.15× the CSV speed, ${fmtInt(N.small)} rows, one worker | ${(smallMs / formats.xlsx.ms).toFixed(2)}× (${fmtS(formats.xlsx.ms)} against ${fmtS(smallMs)}); ${fmtInt(formats.xlsx.bytes)} bytes = ${(formats.xlsx.bytes / formats.csv.bytes).toFixed(2)}× the CSV, ${(formats.xlsx.bytes / formats["csv+gzip"].bytes).toFixed(2)}× CSV+gzip | ${check(smallMs / formats.xlsx.ms >= 0.15)} |`,
    `| peak RSS ≤ ${TARGET_RSS_MIB} MiB at ${fmtInt(N.big)} rows | ${fmtMiB(big[1].rss)} (1 worker), ${fmtMiB(big[2].rss)} (2 workers) | ${check(Math.max(big[1].rss ?? Infinity, big[2].rss ?? Infinity) <= TARGET_RSS_MIB * MiB)} |`,
  ];
  const machine = [
    `- date: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC${quick ? " (**--quick**: 100 000 rows everywhere, not comparable)" : ""}`,
    `- machine: ${os.availableParallelism()} cores (\`nproc\`), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, 1-min load average at start ${load.toFixed(2)}`,
    ...(load > os.availableParallelism() * 0.5
      ? [
          "- **busy machine** (load above half the cores): wall-clock figures are pessimistic; compare rows per CPU-second",
        ]
      : []),
    `- node ${process.version}, ${os.type()} ${os.release()}; dist/ ${distState}; peak RSS from ${haveTime ? "`/usr/bin/time -v`" : "`process.resourceUsage().maxRSS`"}`,
    `- \`dgen build users.dgen\` took ${fmtS(build.ms)}; the bundle is ${fmtInt(statSync(bundle).size)} bytes`,
    `- per row, start-up taken out: ${perRowUs.toFixed(2)} µs wall (${fmtRate(1e6 / perRowUs)} rows/s), ${perRowCpuUs.toFixed(2)} µs CPU (${fmtRate(1e6 / perRowCpuUs)} rows per CPU-second); 1.3 M rows/s whole-process at ${fmtInt(N.small)} rows leaves ${(1e6 / TARGET_ROWS_PER_S).toFixed(2)} µs per row *including* start-up`,
  ];
  const prof = profile
    ? [
        `Top self time, \`node --cpu-prof\` of the bundle at ${fmtInt(N.profile)} rows, one worker, ${N.profileRuns} run(s) summed (${fmtS(profile.totalMs)} sampled):`,
        "",
        "| # | function | module | self | share |",
        "|---:|---|---|---:|---:|",
        ...profile.rows.map(
          (r, i) =>
            `| ${i + 1} | \`${r.fn || "(program)"}\` | ${r.where || "(VM)"} | ${r.ms.toFixed(0)} ms | ${(r.share * 100).toFixed(1)}% |`,
        ),
        "",
        "The same profile by area:",
        "",
        "| area | self | share |",
        "|---|---:|---:|",
        ...profile.byArea.map((a) => `| ${a.area} | ${a.ms.toFixed(0)} ms | ${(a.share * 100).toFixed(1)}% |`),
      ]
    : [];
  const section = [...machine, "", ...table, "", ...targets, ...(prof.length ? ["", ...prof] : [])].join("\n");

  console.log(`\n${section}\n`);
  console.log(
    `dgen 1 core vs faker: ${(smallRate / baseRate).toFixed(1)}×   workers 2 vs 1 at ${fmtInt(N.big)} rows: ${(bigRate2 / bigRate1).toFixed(2)}×   vs 1.3 M target: ${((smallRate / TARGET_ROWS_PER_S) * 100).toFixed(0)}%`,
  );

  if (opt.write) {
    const begin = "<!-- bench:begin -->";
    const end = "<!-- bench:end -->";
    const doc = readFileSync(DOC, "utf8");
    const a = doc.indexOf(begin);
    const b = doc.indexOf(end);
    if (a < 0 || b < a) {
      log(`docs/benchmarks.md has no ${begin} … ${end} section; not written.`);
      exitCode = 1;
    } else {
      writeFileSync(DOC, `${doc.slice(0, a + begin.length)}\n${section}\n${doc.slice(b)}`);
      log(`wrote the results into docs/benchmarks.md`);
    }
  }
} catch (e) {
  if (!(e instanceof BenchFailure)) throw e;
  log(`\n${e.message}`);
  exitCode = 1;
} finally {
  if (opt.keep) log(`kept ${TMP}`);
  else rmSync(TMP, { recursive: true, force: true });
}
process.exitCode = exitCode;
