#!/usr/bin/env node
// `npm run bench:lake`: Delta Lake and Iceberg write speed against plain Parquet, measured in one run.
// TPC-H (examples/tpch.dgen) is built once into a bundle at a scale factor; then, interleaved, the
// bundle writes `--format parquet`, `--format delta` and `--format iceberg` into fresh folders (and the
// same three partitioned by `lineitem by year(l_shipdate)`); the median wall time of each is reported
// as a speed ratio against parquet's (parquet time / lake time: 1.0 = as fast, goal ≥ 0.9).
//
//   npm run bench:lake                       sf 0.1, 3 runs each, 1 worker
//   npm run bench:lake -- --sf 0.2 --runs 5 --workers 2
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const SCHEMA = join(ROOT, "examples", "tpch.dgen");
const { values: opt } = parseArgs({
  options: {
    sf: { type: "string", default: "0.1" },
    runs: { type: "string", default: "3" },
    workers: { type: "string", default: "1" },
  },
});
const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-lake-"));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r;
}

const bundle = join(dir, "tpch.mjs");
run(process.execPath, [DGEN, "build", SCHEMA, "--param", `sf=${opt.sf}`, "-o", bundle]);

const formats = ["parquet", "delta", "iceberg"];
const layouts = { flat: [], "partitioned by year(l_shipdate)": ["--partition", "lineitem by year(l_shipdate)"] };
const times = {};
let n = 0;
try {
  for (let i = 0; i < Number(opt.runs); i++) {
    for (const [layout, extra] of Object.entries(layouts)) {
      for (const format of formats) {
        const out = join(dir, `out-${n++}`);
        const t = process.hrtime.bigint();
        run(process.execPath, [
          bundle,
          "--format",
          format,
          "--out",
          out,
          "--workers",
          opt.workers,
          "--quiet",
          ...extra,
        ]);
        const s = Number(process.hrtime.bigint() - t) / 1e9;
        rmSync(out, { recursive: true, force: true });
        ((times[layout] ??= {})[format] ??= []).push(s);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `TPC-H sf ${opt.sf}, ${opt.runs} runs each (median), --workers ${opt.workers}, load ${os.loadavg()[0].toFixed(1)}\n`,
);
console.log("| layout | parquet | delta | iceberg | delta ÷ parquet speed | iceberg ÷ parquet speed |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const [layout, t] of Object.entries(times)) {
  const [p, d, ic] = formats.map((f) => median(t[f]));
  console.log(
    `| ${layout} | ${p.toFixed(2)} s | ${d.toFixed(2)} s | ${ic.toFixed(2)} s | ${(p / d).toFixed(2)} | ${(p / ic).toFixed(2)} |`,
  );
}
