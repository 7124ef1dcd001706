#!/usr/bin/env node
// `npm run bench:names`: what names and places cost against faker (issue 13, items 1–2). One table
// (a key, a sex and a birth date) is built in variants that differ by their name or place columns;
// each is bundled with `dgen build` and run as its own `node` process (whole process, one worker, CSV),
// median of three runs. Figures are ratios against the `faker.person.firstName()` variant measured
// in the same run, of CPU time (user + system, from /usr/bin/time when it is there: on a machine
// shared with other work the wall time says more about the neighbours than about dgen); the bundle
// sizes show what each variant embeds.
//
//   npm run bench:names               500 000 rows per variant
//   npm run bench:names -- --write    also write the table into docs/benchmarks.md
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const DOC = join(ROOT, "docs", "benchmarks.md");
const ROWS = Number(process.env.ROWS ?? 500_000);
const RUNS = 3;
const write = process.argv.includes("--write");

const BASE = (columns) => `dataset people { seed: 7 }
enum Sex { F, M }
table persons {
  rows: ${ROWS}
  id    int  @pk = sequence(1)
  sex   Sex  = weighted({"F": 0.5, "M": 0.5})
  birth date = between(1940-01-01, 2006-12-31)
${columns}
}
`;

const VARIANTS = [
  { name: "faker.person.firstName()", text: BASE(`  first string = faker.person.firstName()`) },
  { name: "first_name()", text: BASE(`  first string = first_name()`) },
  { name: "first_name(sex: sex, born: birth)", text: BASE(`  first string = first_name(sex: sex, born: birth)`) },
  { name: "faker.person.lastName()", text: BASE(`  last string = faker.person.lastName()`) },
  { name: "last_name()", text: BASE(`  last string = last_name()`) },
  {
    name: "faker city, state, zipCode (3 calls)",
    text: BASE(`  city string = faker.location.city()
  state string = faker.location.state({ abbreviated: true })
  zip string = faker.location.zipCode()`),
  },
  {
    name: 'place(country: "US"): city, state, zip',
    text: BASE(`  let p = place(country: "US")
  city string = p.city
  state string = p.state
  zip string = p.zip`),
  },
  {
    name: 'place(country: "US"): 7 fields',
    text: BASE(`  let p = place(country: "US")
  city string = p.city
  state string = p.state
  zip string = p.zip
  lat float = p.lat
  lon float = p.lon
  tz string = p.tz
  country string = p.country`),
  },
];

const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-names-"));

function bundle(name, text) {
  const schema = join(dir, `${name}.dgen`);
  const out = join(dir, `${name}.mjs`);
  writeFileSync(schema, text);
  const r = spawnSync(process.execPath, [DGEN, "build", schema, "-o", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`dgen build ${name} failed:\n${r.stderr}`);
  return out;
}

const TIME = "/usr/bin/time";
const CPU = existsSync(TIME);

/** Median wall and CPU seconds of RUNS runs (CPU = wall when /usr/bin/time is missing). */
function timeRun(bundlePath) {
  const out = join(dir, "out");
  const args = [bundlePath, "--out", out, "--format", "csv", "--workers", "1", "--quiet"];
  const walls = [];
  const cpus = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = CPU
      ? spawnSync(TIME, ["-f", "CPU %U %S", process.execPath, ...args], { encoding: "utf8" })
      : spawnSync(process.execPath, args, { encoding: "utf8" });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`run failed:\n${r.stderr}`);
    rmSync(out, { recursive: true, force: true });
    walls.push(s);
    const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
    cpus.push(m ? Number(m[1]) + Number(m[2]) : s);
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(walls), cpu: median(cpus) };
}

const rows = [];
try {
  let base;
  VARIANTS.forEach((v, i) => {
    const path = bundle(`v${i}`, v.text);
    const { wall, cpu } = timeRun(path);
    base ??= cpu;
    const kb = statSync(path).size / 1024;
    rows.push({ name: v.name, wall, cpu, ratio: cpu / base, first: i === 0, kb });
    console.log(`${v.name.padEnd(42)} wall ${wall.toFixed(2)} s  CPU ${cpu.toFixed(2)} s  ×${(cpu / base).toFixed(2)}  ${kb.toFixed(0)} KiB`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:names\` (node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end; ${ROWS.toLocaleString("en-US")} rows, whole process, one worker, CSV, median of ${RUNS}). ${CPU ? "CPU time is user + system of the process" : "No /usr/bin/time here: CPU time is the wall time"}; the ratio is of CPU time against the first variant, measured in the same run.`,
  "",
  "| variant | CPU time | wall time | CPU vs. faker.person.firstName() | bundle |",
  "|---|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.name.replace(/\|/g, "\\|")} | ${r.cpu.toFixed(2)} s | ${r.wall.toFixed(2)} s | ${r.first ? "1 (baseline)" : `${r.ratio.toFixed(2)}×`} | ${r.kb.toFixed(0)} KiB |`,
  ),
].join("\n");

if (write) {
  const doc = readFileSync(DOC, "utf8");
  const begin = "<!-- realism-names:begin -->";
  const end = "<!-- realism-names:end -->";
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/benchmarks.md has no ${begin} … ${end} markers`);
  writeFileSync(DOC, doc.slice(0, a + begin.length) + "\n" + table + "\n" + doc.slice(b));
  console.log("wrote docs/benchmarks.md");
} else console.log("\n" + table);
