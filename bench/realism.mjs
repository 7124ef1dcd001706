#!/usr/bin/env node
// `npm run bench:realism`: what the issue-3 features cost. One people-like table is built in variants
// that differ by one feature each (a correlate group, noise with --truth, masks, encryption) and in a
// time-series table; every variant is bundled with `dgen build` and run as its own `node` process
// (whole process, one worker, CSV), median of three runs. Figures are ratios against the plain
// variant measured in the same run.
//
//   npm run bench:realism               200 000 rows per variant
//   npm run bench:realism -- --write    also write the table into docs/benchmarks.md
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const DOC = join(ROOT, "docs", "benchmarks.md");
const ROWS = 200_000;
const RUNS = 3;
const SENSORS = Math.ceil(ROWS / 2016);
const write = process.argv.includes("--write");

const BASE = (extra, annotations = {}) => `dataset people { seed: 7  epoch: 2025-06-30 }
enum Employment { employed: 0.62, self_employed: 0.1, unemployed: 0.06, retired: 0.17, student: 0.05 }
table persons {
  rows: ${ROWS}
  id            int      @pk = sequence(1)
  ssn           string   ${annotations.ssn ?? ""} = pattern("[1-8][0-9]{2}-[0-9]{2}-[0-9]{4}")
  first_name    string   = faker.person.firstName()
  last_name     string   ${annotations.last_name ?? ""} = faker.person.lastName()
  birth_date    date     = between(1940-01-01, 2006-12-31)
  age           int      = year(epoch) - year(birth_date)
  phone         string   ${annotations.phone ?? ""} = pattern("[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}")
  employment    Employment
  income        decimal(12, 2) = round(lognormal(10.6, 0.6), 2)
  credit_score  int      = clamp(round(normal(690, 70)), 300, 850)
  card_number   string   ${annotations.card_number ?? ""} = pattern("4[0-9]{15}")
${extra}
}
`;

const VARIANTS = [
  { name: "plain", text: BASE("") },
  {
    name: "correlate (3 members)",
    text: BASE(`  correlate age, income, credit_score {
    age ~ income: 0.4
    income ~ credit_score: 0.5
    age ~ credit_score: 0.3
  }`),
  },
  {
    name: "noise on 3 columns, --truth",
    text: BASE("", { last_name: "@noise(typo: 2%)", phone: "@noise(format: 5%)", ssn: "@noise(missing: 1%)" }),
    flags: ["--truth", "TRUTH"],
  },
  { name: "@mask(partial) + @mask(hash)", text: BASE("", { ssn: "@mask(partial)", phone: "@mask(hash)" }) },
  { name: "@encrypt on 1 column", text: BASE("", { card_number: "@encrypt" }) },
  { name: "@encrypt on 3 columns", text: BASE("", { card_number: "@encrypt", ssn: "@encrypt", phone: "@encrypt" }) },
];

const TIME_SERIES = `dataset sensors { seed: 2024 }
table sensors {
  rows: ${SENSORS}
  id int @pk = sequence(1)
}
table readings {
  rows: per sensors every 5m from 2024-01-01 to 2024-01-08
  sensor_id int @ref(sensors.id) = parent.id
  at        timestamp = tick
  value     float = round(20 + normal(0, 0.3), 3)
}
`;
const SERIES = [
  { name: "time series, no terms", text: TIME_SERIES },
  {
    name: "time series, seasonal + trend + walk",
    text: TIME_SERIES.replace(
      "round(20 + normal(0, 0.3), 3)",
      "round(20 + seasonal(period: 1d, amplitude: 4) + trend(0.2 / 1d) + walk(sd: 0.05) + normal(0, 0.3), 3)",
    ),
  },
  {
    name: "time series, gbm",
    text: TIME_SERIES.replace("round(20 + normal(0, 0.3), 3)", "round(gbm(s0: 100, mu: 0.05, sigma: 0.2), 3)"),
  },
];

const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-realism-"));
const env = {
  ...process.env,
  DGEN_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
  DGEN_MASK_KEY: "00112233445566778899aabbccddeeff",
};

function bundle(name, text) {
  const schema = join(dir, `${name}.dgen`);
  const out = join(dir, `${name}.mjs`);
  writeFileSync(schema, text);
  const r = spawnSync(process.execPath, [DGEN, "build", schema, "-o", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`dgen build ${name} failed:\n${r.stderr}`);
  return out;
}

function timeRun(bundlePath, flags) {
  const out = join(dir, "out");
  const args = [bundlePath, "--out", out, "--format", "csv", "--workers", "1", "--quiet"];
  for (const f of flags ?? []) args.push(f === "TRUTH" ? join(dir, "truth.csv") : f);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8", env });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`run failed:\n${r.stderr}`);
    rmSync(out, { recursive: true, force: true });
    times.push(s);
  }
  return times.sort((a, b) => a - b)[1];
}

const rows = [];
function measureGroup(list, rowsEach) {
  let base;
  list.forEach((v, i) => {
    const seconds = timeRun(bundle(`v${rows.length}`, v.text), v.flags);
    base ??= seconds;
    rows.push({ name: v.name, rows: rowsEach, seconds, ratio: seconds / base, first: i === 0 });
    console.log(
      `${v.name.padEnd(40)} ${seconds.toFixed(2)} s  ${(rowsEach / seconds / 1000).toFixed(0)} K rows/s  ×${(seconds / base).toFixed(2)}`,
    );
  });
}

try {
  measureGroup(VARIANTS, ROWS);
  measureGroup(SERIES, SENSORS * 2016);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:realism\` (node ${process.version}, ${os.cpus().length} cores; whole process, one worker, CSV, median of ${RUNS}). Time is relative to the first variant of its group, measured in the same run.`,
  "",
  "| variant | rows | wall time | rows/s | time vs. first of its group |",
  "|---|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.rows.toLocaleString("en-US")} | ${r.seconds.toFixed(2)} s | ${Math.round(r.rows / r.seconds / 1000)} K | ${r.first ? "1 (baseline)" : `${r.ratio.toFixed(2)}×`} |`,
  ),
].join("\n");

if (write) {
  const doc = readFileSync(DOC, "utf8");
  const begin = "<!-- realism:begin -->";
  const end = "<!-- realism:end -->";
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/benchmarks.md has no ${begin} … ${end} markers`);
  writeFileSync(DOC, doc.slice(0, a + begin.length) + "\n" + table + "\n" + doc.slice(b));
  console.log("wrote docs/benchmarks.md");
} else console.log("\n" + table);
