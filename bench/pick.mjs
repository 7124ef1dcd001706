#!/usr/bin/env node
// `npm run bench:pick`: does reading `pick(parent).id` cost the columns of the parent that are never read?
// Two schemas differ only in the parent: bench/pick-narrow.dgen (A: the parent is just `id`) and
// bench/pick-wide.dgen (B: the parent also has eight slow faker columns). In both, a 200 000-row child
// does `let p = pick(parent)` and `parent_id int @ref(parent.id) = p.id` over a 5 000-row parent. Each
// is bundled once; then only the child is written (`--tables child --workers 1`, CSV), whole process,
// runs interleaved A/B/A/B…, median of 5 each. The goal: B/A ≤ 1.1, and the child files byte-identical.
// Each round also runs A and B at 1 000 child rows (start-up and exit: B's bundle carries faker's code
// and word lists) and at 2 000 000 (where the picks, not start-up, make most of the time), so a fixed
// start-up cost can be told apart from a cost per pick. CPU time (user + sys, from bench/rss-wrapper.mjs) is shown beside wall
// time: on a shared machine it moves less.
//
// A control shows the test can see the difference: writing the parent itself (`--tables parent`, its
// 5 000 rows, one run each) in A and in B. B's extra time there is the least that making the wide columns
// would add to the child — even if each parent row were made only once and kept.
//
//   npm run bench:pick               5 runs each
//   npm run bench:pick -- --runs 9   more runs
//   npm run bench:pick -- --write    also write the result into docs/benchmarks.md (pick markers)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const DOC = join(ROOT, "docs", "benchmarks.md");
const GOAL = 1.1;

const { values: opt } = parseArgs({
  options: { runs: { type: "string", default: "5" }, write: { type: "boolean", default: false } },
});
const RUNS = Math.max(1, Number.parseInt(opt.runs, 10) || 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-pick-"));

function bundle(name) {
  const out = join(dir, `${name}.mjs`);
  const r = spawnSync(process.execPath, [DGEN, "build", join(ROOT, "bench", `pick-${name}.dgen`), "-o", out], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`dgen build bench/pick-${name}.dgen failed:\n${r.stdout}${r.stderr}`);
  return out;
}

const RSS_WRAPPER = join(ROOT, "bench", "rss-wrapper.mjs");

/** One whole run of `bundle`; wall and CPU (user + sys) seconds, and the sha256 of the file of `table`. */
function run(bundlePath, table, extra = []) {
  const out = join(dir, "out");
  const report = join(dir, "rusage.json");
  rmSync(out, { recursive: true, force: true });
  const args = [bundlePath, "--out", out, "--format", "csv", "--tables", table, "--workers", "1", "--quiet", ...extra];
  // bench/rss-wrapper.mjs runs the bundle in its own process and reports its CPU time in µs.
  const [cmd, argv] = [process.execPath, [RSS_WRAPPER, report, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stderr}`);
  const { cpuMs } = JSON.parse(readFileSync(report, "utf8"));
  const sha = createHash("sha256")
    .update(readFileSync(join(out, `${table}.csv`)))
    .digest("hex");
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpu: cpuMs / 1000, sha };
}

let section;
let ok;
try {
  const load = os.loadavg()[0];
  const A = bundle("narrow");
  const B = bundle("wide");
  run(A, "child"); // warm the file cache for both bundles before timing
  run(B, "child");
  // Each round: A, B (the child, 200 000 rows), then A and B at 1 000 and at 2 000 000 child rows.
  const kinds = [
    ["A", A, []],
    ["B", B, []],
    ["A0", A, ["--rows", "child=1000"]],
    ["B0", B, ["--rows", "child=1000"]],
    ["A2", A, ["--rows", "child=2000000"]],
    ["B2", B, ["--rows", "child=2000000"]],
  ];
  const times = Object.fromEntries(kinds.map(([k]) => [k, { wall: [], cpu: [] }]));
  const shas = new Set();
  for (let i = 0; i < RUNS; i++) {
    for (const [name, path, extra] of kinds) {
      const r = run(path, "child", extra);
      times[name].wall.push(r.seconds);
      times[name].cpu.push(r.cpu);
      if (extra.length === 0) shas.add(r.sha);
      console.error(`  ${name.padEnd(2)} #${i + 1}  ${r.seconds.toFixed(3)} s wall  ${r.cpu.toFixed(2)} s cpu`);
    }
  }
  const m = (k, what) => median(times[k][what]);
  const ratio = m("B", "wall") / m("A", "wall");
  const cpuRatio = m("B", "cpu") / m("A", "cpu");
  const ms = (x) => `${(x * 1000).toFixed(0)} ms`;
  const identical = shas.size === 1;
  const ctlA = run(A, "parent").seconds;
  const ctlB = run(B, "parent").seconds;
  ok = identical;
  const fmt = (k) =>
    `${m(k, "wall").toFixed(3)} s | ${m(k, "cpu").toFixed(3)} s | ${times[k].wall.map((t) => t.toFixed(2)).join(", ")}`;
  section = [
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:pick\` (node ${process.version}, ${os.availableParallelism()} cores, shared; 1-min load average at start ${load.toFixed(2)}; whole process, one worker, CSV, \`--tables child\`, median of ${RUNS}, runs interleaved A/B/A/B…).`,
    "",
    "| schema | parent (5,000 rows) | child rows written | median wall | median CPU (user+sys) | wall of each run |",
    "|---|---|---:|---:|---:|---|",
    `| A (bench/pick-narrow.dgen) | \`id\` only | 200,000 | ${fmt("A")} |`,
    `| B (bench/pick-wide.dgen) | \`id\` + 8 faker columns | 200,000 | ${fmt("B")} |`,
    `| A, start-up + exit | | 1,000 | ${fmt("A0")} |`,
    `| B, start-up + exit | | 1,000 | ${fmt("B0")} |`,
    `| A, many picks | | 2,000,000 | ${fmt("A2")} |`,
    `| B, many picks | | 2,000,000 | ${fmt("B2")} |`,
    "",
    `- **B/A = ${ratio.toFixed(2)}** whole process, wall (goal ≤ ${GOAL}: ${ratio <= GOAL ? "met" : "**missed**"}); CPU time: ${cpuRatio.toFixed(2)}`,
    `- start-up and exit (1,000 child rows): B − A = ${ms(m("B0", "wall") - m("A0", "wall"))} wall, ${ms(m("B0", "cpu") - m("A0", "cpu"))} CPU (B's bundle is ${(statSync(B).size / 1024).toFixed(0)} KiB against ${(statSync(A).size / 1024).toFixed(0)} KiB: faker's code and word lists for the parent's columns)`,
    `- at 2,000,000 child rows: B/A = ${(m("B2", "wall") / m("A2", "wall")).toFixed(2)} wall, ${(m("B2", "cpu") / m("A2", "cpu")).toFixed(2)} CPU — the cost per pick`,
    `- child files ${identical ? "byte-identical" : "**DIFFERENT**"} in all ${2 * RUNS} 200,000-row runs (sha256 ${[...shas][0].slice(0, 12)}…)`,
    `- control, one run each: writing the 5,000-row parent itself takes ${ctlA.toFixed(2)} s in A and ${ctlB.toFixed(2)} s in B; had the child made each wide parent row even once, B/A would be about ${((m("B", "wall") + ctlB - ctlA) / m("A", "wall")).toFixed(1)}`,
  ].join("\n");
  console.log(`\n${section}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (opt.write) {
  const doc = readFileSync(DOC, "utf8");
  const begin = "<!-- pick:begin -->";
  const end = "<!-- pick:end -->";
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/benchmarks.md has no ${begin} … ${end} markers`);
  writeFileSync(DOC, `${doc.slice(0, a + begin.length)}\n${section}\n${doc.slice(b)}`);
  console.error("wrote docs/benchmarks.md");
}
process.exitCode = ok ? 0 : 1;
