#!/usr/bin/env node
// `npm run bench:tpch`: the v2 TPC-H example (examples/tpch.dgen) at scale factor 1, to CSV. The bundle is
// built once with `dgen build --param sf=…`, then run as a whole process (start-up, generation, writing,
// exit) with --workers 1 and with --workers 2, each under /usr/bin/time -v (wall time, CPU time, peak RSS;
// bench/rss-wrapper.mjs where /usr/bin/time is missing). The two runs must write the same bytes: every
// file's sha256 in the two manifests is compared.
//
//   npm run bench:tpch                       sf=1 (≈ 8.66 M rows, ≈ 0.9 GB of CSV per run, deleted after each run)
//   npm run bench:tpch -- --sf 0.1           a quick run (the dbgen ratio is printed only at sf=1)
//   npm run bench:tpch -- --runs 3           median of 3 runs per worker count (runs interleaved 1/2/1/2…)
//   npm run bench:tpch -- --profile          also one --workers 1 run under node --cpu-prof: top self time
//   npm run bench:tpch -- --write            also write the results into docs/benchmarks.md (tpch markers)
//   npm run bench:tpch -- --keep             keep the temp folder (bundle, profile; never the CSV)
//
// Time per table is derived from the one-worker run, not from a run per table. The runtime writes the
// tables one after the other, each into `<table>.csv.tmp-…` until the end, so watching the output folder
// (fs.watch) gives the moment each table's file is opened. With one worker each chunk is made just before
// the previous one is written, so the span between two openings holds the next table's first chunk
// instead of the table's own; correctedTimes() moves it back, assuming a table's rows cost alike (exact
// for the big tables' share, approximate for tables of one or two chunks). With two workers up to four
// chunks are in flight across a table boundary, made in parallel, so only the total is reported.
// A run per table (`--tables t`) would answer another question: it pays start-up again each time and,
// for a table that reads others (orders sums its lineitems, lineitem reads orders, part and partsupp
// rows), the rows it reads; the per-table figures would not add up to the run.
//
// The one baseline not measured here: TPC-H's C dbgen (`dbgen -s 1`) writes the same eight tables in
// 13.2 s on one core of this machine (1.10 GB, 0.66 M rows/s), measured by the project earlier; dbgen is
// not installed, so the ratio against it is against that fixed figure.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = join(ROOT, "examples", "tpch.dgen");
const DGEN_BIN = join(ROOT, "bin", "dgen.mjs");
const RSS_WRAPPER = join(ROOT, "bench", "rss-wrapper.mjs");
const DOC = join(ROOT, "docs", "benchmarks.md");
const TIME = "/usr/bin/time";
const MiB = 1024 * 1024;
const MB = 1e6;

const DBGEN_SF1_S = 13.2; // TPC-H dbgen -s 1, one core of this machine (not re-measured here)
const V1_SF1_S = 58.7; // the v1 .dgen of TPC-H (not re-measured here)
const TPCH_TABLES = ["region", "nation", "supplier", "part", "partsupp", "customer", "orders", "lineitem"];

const { values: opt } = parseArgs({
  options: {
    sf: { type: "string", default: "1" },
    runs: { type: "string", default: "1" },
    profile: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const SF = Number(opt.sf);
const RUNS = Math.max(1, Number.parseInt(opt.runs, 10) || 1);
if (!(SF > 0)) throw new Error(`--sf must be a positive number, got ${opt.sf}`);

const log = (...a) => console.error(...a);
const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(0)} K`);
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMiB = (b) => (b == null ? "n/a" : `${(b / MiB).toFixed(0)} MiB`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ------------------------------------------------------------------------------------------- dist/
function newestMtime(dir, pick) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p, pick));
    else if (pick(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
function oldestMtime(dir, pick) {
  let t = Infinity;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.min(t, oldestMtime(p, pick));
    else if (pick(e.name)) t = Math.min(t, statSync(p).mtimeMs);
  }
  return t;
}
/** Rebuilds dist/ when it is older than the sources (as bench/run.mjs does); says what it measured. */
function ensureDist() {
  const srcDirs = ["compiler", "runtime", "grammar"].map((d) => join(ROOT, d)).filter(existsSync);
  const entry = join(ROOT, "dist", "compiler", "cli", "bin.js");
  const isTs = (n) => n.endsWith(".ts") && !n.endsWith(".d.ts");
  const isJs = (n) => n.endsWith(".js");
  let reason = null;
  if (!existsSync(entry)) reason = "dist/ is missing";
  else {
    const src = Math.max(...srcDirs.map((d) => newestMtime(d, isTs)));
    const built = Math.min(
      ...srcDirs
        .map((d) => join(ROOT, "dist", relative(ROOT, d)))
        .filter(existsSync)
        .map((d) => oldestMtime(d, isJs)),
    );
    if (src > built) reason = "dist/ is older than the sources";
  }
  if (!reason) return "up to date";
  log(`${reason}: npm run build …`);
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status === 0) return "rebuilt";
  if (!existsSync(entry)) throw new Error("npm run build failed and there is no dist/ to fall back on.");
  log("WARNING: npm run build failed (sources being edited?); measuring the existing, older dist/.");
  return "stale (build failed)";
}

function sourceState() {
  const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const head = git(["rev-parse", "--short", "HEAD"]) || "unknown";
  const dirty = git(["status", "--porcelain", "--", "compiler", "runtime", "grammar"]);
  return dirty ? `${head} + uncommitted changes in compiler/runtime/grammar` : head;
}

// ------------------------------------------------------------------------------------- measuring
const haveTime = (() => {
  if (process.env.DGEN_BENCH_NO_TIME || !existsSync(TIME)) return false;
  const r = spawnSync(TIME, ["-v", "true"], { encoding: "utf8" });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
})();

function parseRusage(report) {
  if (!existsSync(report)) return { rss: null, cpuMs: null };
  const text = readFileSync(report, "utf8");
  rmSync(report, { force: true });
  if (/^\{/.test(text.trim())) return JSON.parse(text);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const user = /User time \(seconds\): ([\d.]+)/.exec(text);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
  return {
    rss: rss ? Number(rss[1]) * 1024 : null,
    cpuMs: user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : null,
  };
}

/**
 * Runs `node nodeArgs…` (the bundle writing into `out`) as a child process. Returns wall time, CPU time,
 * peak RSS and, from watching `out`, the time (ms after spawn) at which each output file was opened.
 */
async function measure(label, nodeArgs, out) {
  const report = join(TMP, `rusage-${Math.random().toString(36).slice(2)}.txt`);
  const [cmd, args] = haveTime
    ? [TIME, ["-v", "-o", report, process.execPath, ...nodeArgs]]
    : (() => {
        const k = nodeArgs.findIndex((a) => !a.startsWith("-"));
        return [process.execPath, [...nodeArgs.slice(0, k), RSS_WRAPPER, report, ...nodeArgs.slice(k)]];
      })();
  mkdirSync(out, { recursive: true });
  const opened = new Map(); // file name (without .tmp-…) → ms after spawn
  const t0 = performance.now();
  const seen = (name) => {
    const m = /^(.+)\.tmp-\d+-[0-9a-f]+$/.exec(name ?? "");
    if (m && !opened.has(m[1])) opened.set(m[1], performance.now() - t0);
  };
  const watcher = watch(out, (_event, name) => seen(name));
  const { code, output } = await new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, output: text }));
  });
  const ms = performance.now() - t0;
  watcher.close();
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${output}`);
  const { rss, cpuMs } = parseRusage(report);
  const cpu = cpuMs == null ? "" : `  cpu ${fmtS(cpuMs)} (${((cpuMs / ms) * 100).toFixed(0)}%)`;
  log(`  ${label.padEnd(28)} ${fmtS(ms).padStart(8)}  ${fmtMiB(rss).padStart(8)}${cpu}`);
  return { ms, rss, cpuMs, opened };
}

/** Raw per-table spans: from a table's file opening to the next one's (the last: to the manifest's). */
function tableSpans(run, manifest) {
  const paths = manifest.tables.map((t) => t.files[0].path);
  const starts = paths.map((p) => run.opened.get(p));
  const end = run.opened.get("_manifest.json");
  return paths.map((_, i) => {
    const next = i + 1 < paths.length ? starts[i + 1] : end;
    return starts[i] == null || next == null ? NaN : next - starts[i];
  });
}

/** Rows per chunk of a table with `columns` columns: the same rule as runtime/workers/chunks.ts. */
function chunkRows(columns) {
  let rows = 32_768;
  while (rows > 256 && rows * columns > 32_768 * 16) rows /= 2;
  return rows;
}

/**
 * Per-table time of a one-worker run from its raw spans. With one worker the runtime makes each chunk
 * just before the previous one is written (runtime/workers/ordered.ts, window 1), so a table's span
 * holds the next table's first chunk and not its own. With f = (rows of the first chunk) / rows and the
 * assumption that a table's rows cost alike, span(T) = time(T)·(1 − f(T)) + time(T+1)·f(T+1); solved
 * from the last table backwards. A one-chunk table (f = 1) shows up whole in the span before it:
 * time(T+1) = span(T) / f(T+1) when f(T) = 1. The first table's first chunk is made during start-up.
 */
function correctedTimes(spans, manifest) {
  const tables = manifest.tables;
  const f = tables.map((t) => (t.rows === 0 ? 1 : Math.min(t.rows, chunkRows(t.columns.length)) / t.rows));
  const n = tables.length;
  const time = new Array(n).fill(NaN);
  for (let i = 0; i + 1 < n; i++) if (f[i] >= 1) time[i + 1] = spans[i] / f[i + 1];
  for (let i = n - 1; i >= 0; i--) {
    if (f[i] >= 1) continue;
    const ahead = i + 1 < n ? time[i + 1] * f[i + 1] : 0;
    time[i] = Math.max(0, (spans[i] - ahead) / (1 - f[i]));
  }
  return time; // NaN: the first table (made during start-up), or two unknowns in one span
}

// --------------------------------------------------------------------------------------- profile
/** Top self-time functions of one .cpuprofile; bundle lines mapped to the module esbuild marks. */
function topSelf(profilePath, bundlePath, n) {
  const marks = [];
  readFileSync(bundlePath, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const m = /^\/\/ ((?:dist|node_modules|dgen-schema)\S*)$/.exec(line);
      if (m) marks.push([i + 1, m[1].replace(/^dist\//, "").replace(/^dgen-schema:/, "emitted ")]);
    });
  const moduleAt = (line) => {
    let best = "";
    for (const [start, name] of marks) if (start <= line) best = name;
    return best;
  };
  const bundleName = bundlePath.split("/").pop();
  const p = JSON.parse(readFileSync(profilePath, "utf8"));
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map();
  let total = 0;
  for (let k = 0; k < p.samples.length; k++) {
    const cf = byId.get(p.samples[k]).callFrame;
    const dt = p.timeDeltas[k] ?? 0;
    total += dt;
    const url = cf.url || "";
    const where = url.endsWith(bundleName) ? moduleAt(cf.lineNumber + 1) : url.replace(/^.*\//, "");
    const key = `${cf.functionName || (url ? "(anonymous)" : "(program)")}\u0000${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const rows = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => {
      const [fn, where] = k.split("\u0000");
      return { fn, where, ms: us / 1000, share: us / total };
    });
  return { totalMs: total / 1000, rows };
}

// ------------------------------------------------------------------------------------------- run
const TMP = mkdtempSync(join(os.tmpdir(), "dgen-bench-tpch-"));
let exitCode = 0;
try {
  const started = new Date();
  const load = os.loadavg()[0];
  const distState = ensureDist();
  const source = sourceState();
  const free = spawnSync("df", ["-Pk", TMP], { encoding: "utf8" }).stdout.split("\n")[1]?.split(/\s+/)[3];
  if (free && Number(free) * 1024 < 2.5e9 * SF) log(`WARNING: ${TMP} has ${fmtInt(Number(free) / 1024)} MiB free`);
  if (load > os.availableParallelism() * 0.5)
    log(
      `WARNING: 1-min load average is ${load.toFixed(2)} on ${os.availableParallelism()} cores; figures will be low.`,
    );

  const bundle = join(TMP, "tpch.mjs");
  log(`building examples/tpch.dgen at sf=${SF} (dist/ ${distState}; source ${source})`);
  const b0 = performance.now();
  const built = spawnSync(process.execPath, [DGEN_BIN, "build", SCHEMA, "--param", `sf=${SF}`, "-o", bundle], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`dgen build failed:\n${built.stdout}${built.stderr}`);
  const buildMs = performance.now() - b0;

  log(`\nrunning the bundle to CSV, ${RUNS} run(s) per worker count, interleaved`);
  const runs = { 1: [], 2: [] };
  const manifests = {};
  const allManifests = [];
  for (let k = 0; k < RUNS; k++) {
    for (const w of [1, 2]) {
      const out = join(TMP, `out-w${w}`);
      rmSync(out, { recursive: true, force: true });
      const r = await measure(
        `tpch sf=${SF} --workers ${w} #${k + 1}`,
        [bundle, "--out", out, "--format", "csv", "--workers", String(w), "--quiet"],
        out,
      );
      const manifest = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8"));
      manifests[w] ??= manifest;
      allManifests.push(manifest);
      r.spans = tableSpans(r, manifests[w]);
      r.tables = w === 1 ? correctedTimes(r.spans, manifests[w]) : null;
      log(`    spans: ${manifests[w].tables.map((t, i) => `${t.name} ${(r.spans[i] / 1000).toFixed(2)}`).join(", ")}`);
      runs[w].push(r);
      rmSync(out, { recursive: true, force: true });
    }
  }

  // Same bytes with 1 and 2 workers (and in every run): every file's sha256 in the manifests.
  const hashes = (m) => m.tables.flatMap((t) => t.files.map((f) => `${f.path} ${f.sha256}`));
  const h1 = hashes(manifests[1]);
  const differing = new Set();
  for (const m of allManifests) {
    const h = new Set(hashes(m));
    for (const x of h1) if (!h.has(x)) differing.add(x.split(" ")[0]);
    if (h.size !== h1.length) differing.add("(file list)");
  }
  const identical = differing.size === 0;
  if (!identical) exitCode = 1;

  let profile = null;
  if (opt.profile) {
    log(`\nCPU profile: one --workers 1 run under node --cpu-prof`);
    const pd = join(TMP, "prof");
    const out = join(TMP, "out-prof");
    await measure(
      `tpch sf=${SF} --workers 1 --cpu-prof`,
      ["--cpu-prof", `--cpu-prof-dir=${pd}`, bundle, "--out", out, "--workers", "1", "--quiet"],
      out,
    );
    rmSync(out, { recursive: true, force: true });
    const file = readdirSync(pd).find((f) => f.endsWith(".cpuprofile"));
    profile = topSelf(join(pd, file), bundle, 15);
  }

  // ----------------------------------------------------------------------------------- report
  const summary = (w) => {
    const rs = runs[w];
    const first = manifests[w].tables[0].files[0].path;
    return {
      ms: median(rs.map((r) => r.ms)),
      cpuMs: median(rs.map((r) => r.cpuMs ?? NaN)),
      rss: Math.max(...rs.map((r) => r.rss ?? 0)) || null,
      // spawn → first table file opened, plus manifest opened → exit
      edgesMs: median(rs.map((r) => (r.opened.get(first) ?? NaN) + r.ms - (r.opened.get("_manifest.json") ?? NaN))),
    };
  };
  const s1 = summary(1);
  const s2 = summary(2);
  const perTable = manifests[1].tables.map((t, i) => ({
    name: t.name,
    rows: t.rows,
    bytes: t.files.reduce((n, f) => n + f.bytes, 0),
    ms: median(runs[1].map((r) => r.tables[i])),
    spanMs: median(runs[1].map((r) => r.spans[i])),
  }));
  const tpch = perTable.filter((t) => TPCH_TABLES.includes(t.name));
  const rows = tpch.reduce((n, t) => n + t.rows, 0);
  const bytes = tpch.reduce((n, t) => n + t.bytes, 0);
  const ok = (ms) => !Number.isNaN(ms) && ms > 0;
  const rate = (ms, n) => (ok(ms) ? fmtRate(n / (ms / 1000)) : "n/a");
  const mbps = (ms, b) => (ok(ms) ? `${(b / MB / (ms / 1000)).toFixed(1)}` : "n/a");
  const fmtT = (ms) => (Number.isNaN(ms) ? "n/a" : fmtS(ms));
  const cpuCell = (cpu, ms) =>
    cpu == null || Number.isNaN(cpu) ? "n/a" : `${fmtS(cpu)} (${((cpu / ms) * 100).toFixed(0)}%)`;

  const perTableRows = perTable.map((t) => {
    const name = TPCH_TABLES.includes(t.name) ? t.name : `${t.name} (word list of p_name, not a TPC-H table)`;
    const share = Number.isNaN(t.ms) ? "n/a" : `${((t.ms / s1.ms) * 100).toFixed(0)}%`;
    return `| ${name} | ${fmtInt(t.rows)} | ${(t.bytes / MB).toFixed(1)} | ${fmtT(t.ms)} | ${share} | ${rate(t.ms, t.rows)} | ${mbps(t.ms, t.bytes)} | ${fmtT(t.spanMs)} |`;
  });
  const totalRow = (s, w) =>
    `| ${w} | ${fmtS(s.ms)} | ${cpuCell(s.cpuMs, s.ms)} | ${fmtRate(rows / (s.ms / 1000))} | ${(bytes / MB / (s.ms / 1000)).toFixed(1)} | ${fmtMiB(s.rss)} | ${fmtT(s.edgesMs)} |`;
  const atSf1 = SF === 1;
  const flags = [atSf1 ? "" : `--sf ${SF}`, RUNS > 1 ? `--runs ${RUNS}` : "", opt.profile ? "--profile" : ""]
    .filter(Boolean)
    .join(" ");
  const lines = [
    `- date: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC; \`npm run bench:tpch${flags ? ` -- ${flags}` : ""}\`${RUNS > 1 ? ` (median of ${RUNS})` : " (one run each)"}`,
    `- machine: ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM; shared and noisy: 1-min load average at start ${load.toFixed(2)}`,
    `- node ${process.version}; dgen ${source}; dist/ ${distState}; \`dgen build --param sf=${SF}\` ${fmtS(buildMs)}; peak RSS from ${haveTime ? "\`/usr/bin/time -v\`" : "\`process.resourceUsage().maxRSS\`"}`,
    `- the eight TPC-H tables: ${fmtInt(rows)} rows, ${(bytes / MB).toFixed(0)} MB of CSV (MB = 10⁶ bytes); rows/s and MB/s below count these`,
    "",
    "| workers | wall time | CPU time (user+sys) | rows/s | MB/s | peak RSS | start-up + exit |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    totalRow(s1, 1),
    totalRow(s2, 2),
    "",
    `- 2 workers over 1: **${(s1.ms / s2.ms).toFixed(2)}×** (same run)`,
    `- same bytes with 1 and 2 workers: **${identical ? "yes" : `NO (${[...differing].join(", ")})`}** (sha256 of all ${h1.length} files in the manifests of all ${allManifests.length} runs)`,
    atSf1
      ? `- against TPC-H dbgen (\`dbgen -s 1\`, 13.2 s on one core of this machine — a figure given by the project, **not re-measured in this run**; dbgen is not installed here): dgen with one worker takes ${(s1.ms / 1000 / DBGEN_SF1_S).toFixed(2)}× dbgen's time, i.e. runs at **${(DBGEN_SF1_S / (s1.ms / 1000)).toFixed(2)}× dbgen's speed** (the v1 .dgen: 58.7 s, ${(DBGEN_SF1_S / V1_SF1_S).toFixed(2)}×); with two workers ${(DBGEN_SF1_S / (s2.ms / 1000)).toFixed(2)}×`
      : `- no dbgen ratio: the 13.2 s reference is for sf=1 only`,
    "",
    "Per table, one worker, derived from the same run: the span from a table's file opening to the next one's, corrected for the one chunk the runtime makes ahead (see the top of bench/tpch.mjs); tables in the order written:",
    "",
    "| table | rows | MB | time | share of wall | rows/s | MB/s | raw span |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...perTableRows,
  ];
  if (profile) {
    lines.push(
      "",
      `Top self time, \`node --cpu-prof\`, one --workers 1 run at sf=${SF} (${fmtS(profile.totalMs)} sampled):`,
      "",
      "| # | function | module | self | share |",
      "|---:|---|---|---:|---:|",
      ...profile.rows.map(
        (r, i) =>
          `| ${i + 1} | \`${r.fn}\` | ${r.where || "(VM)"} | ${r.ms.toFixed(0)} ms | ${(r.share * 100).toFixed(1)}% |`,
      ),
    );
  }
  const section = lines.join("\n");
  console.log(`\n${section}\n`);

  if (opt.write) {
    const begin = "<!-- tpch:begin -->";
    const end = "<!-- tpch:end -->";
    const doc = readFileSync(DOC, "utf8");
    const a = doc.indexOf(begin);
    const b = doc.indexOf(end);
    if (a < 0 || b < a) {
      log(`docs/benchmarks.md has no ${begin} … ${end} section; not written.`);
      exitCode = 1;
    } else {
      writeFileSync(DOC, `${doc.slice(0, a + begin.length)}\n${section}\n${doc.slice(b)}`);
      log("wrote the results into docs/benchmarks.md");
    }
  }
} finally {
  if (opt.keep) log(`kept ${TMP}`);
  else rmSync(TMP, { recursive: true, force: true });
}
process.exitCode = exitCode;
