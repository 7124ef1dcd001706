#!/usr/bin/env node
// `npm run bench:sql`: loading TPC-H (examples/tpch.dgen) into a database with `dgen generate --to URL`
// against the two-step path a user has without it — `dgen generate --format csv` and the database's
// own bulk load of the same files — as a ratio of wall times measured in one run, for PostgreSQL
// (`psql \copy`), SQLite (`sqlite3 .import`) and MariaDB/MySQL (`LOAD DATA LOCAL INFILE`). The tables
// are created before the baseline's clock starts (from `--format sql`'s _schema.sql); the direct load
// creates its own inside its time. MariaDB's direct load (LOAD DATA LOCAL INFILE streamed from memory)
// is timed a second time with the server's local_infile OFF, which makes it fall back to INSERTs
// (DG5350; the bench sets it back after). Then the peak RSS of each direct load at two scales.
//
// Needs the servers of the tests: PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and MariaDB at
// 127.0.0.1:3306 (root, empty password), and the psql, mariadb and sqlite3 clients.
//
//   npm run bench:sql                              sf 0.1; RSS at sf 0.01 and 0.1
//   npm run bench:sql -- --sf 1 --rss 0.1,1
//   npm run bench:sql -- --only postgres
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const SCHEMA = join(ROOT, "examples", "tpch.dgen");
const { values: opt } = parseArgs({
  options: { sf: { type: "string", default: "0.1" }, rss: { type: "string", default: "0.01,0.1" }, only: { type: "string" } },
});
const ENGINES = opt.only ? opt.only.split(",") : ["postgres", "sqlite", "mariadb"];
const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-sql-"));
const PG = ["-h", "127.0.0.1", "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1"];
const MY = ["-h", "127.0.0.1", "-u", "root", "--local-infile=1"];

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: "utf8", input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r;
}
function seconds(f) {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}
/** Peak RSS (KiB) of `dgen …` through GNU time. */
function peak(args) {
  const r = run("/usr/bin/time", ["-f", "%M", process.execPath, DGEN, ...args, "--quiet"]);
  return Number(r.stderr.trim().split("\n").at(-1));
}
const dgen = (...args) => run(process.execPath, [DGEN, ...args, "--quiet"]);

/** The tables in load order, from `_load.sql` of a `--format sql` run; its `_schema.sql` text. */
function schema(dialect, sf) {
  const out = join(dir, `sql-${dialect}-${sf}`);
  dgen("generate", SCHEMA, "--param", `sf=${sf}`, "--format", "sql", "--dialect", dialect, "--out", out);
  const load = readFileSync(join(out, "_load.sql"), "utf8");
  const order = [...load.matchAll(/([A-Za-z_]\w*)\.(sql|copy)\b/g)].map((m) => m[1]).filter((n) => !n.startsWith("_"));
  return { order: [...new Set(order)], text: readFileSync(join(out, "_schema.sql"), "utf8") };
}

const engines = {
  postgres: {
    create: (db) => run("psql", [...PG, "-d", "postgres", "-c", `CREATE DATABASE ${db}`]),
    drop: (db) => run("psql", [...PG, "-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]),
    url: (db) => `postgresql://postgres@127.0.0.1:5432/${db}`,
    prepare: (db, s) => run("psql", [...PG, "-d", db], s.text),
    bulk: (db, csv, s) =>
      run("psql", [...PG, "-1", "-d", db], s.order.map((t) => `\\copy ${t} FROM '${join(csv, t + ".csv")}' WITH (FORMAT csv, HEADER true)`).join("\n") + "\n"),
  },
  sqlite: {
    create: () => {},
    drop: (db) => rmSync(join(dir, `${db}.db`), { force: true }),
    url: (db) => `sqlite:${join(dir, `${db}.db`)}`,
    prepare: (db, s) => run("sqlite3", [join(dir, `${db}.db`)], s.text),
    bulk: (db, csv, s) =>
      run("sqlite3", [join(dir, `${db}.db`)], ["BEGIN;", ...s.order.map((t) => `.import --csv --skip 1 ${join(csv, t + ".csv")} ${t}`), "COMMIT;"].join("\n") + "\n"),
  },
  mariadb: {
    create: (db) => run("mariadb", [...MY, "-e", `CREATE DATABASE ${db} CHARACTER SET utf8mb4`]),
    drop: (db) => run("mariadb", [...MY, "-e", `DROP DATABASE IF EXISTS ${db}`]),
    url: (db) => `mysql://root@127.0.0.1:3306/${db}`,
    prepare: (db, s) => run("mariadb", [...MY, db], s.text),
    bulk: (db, csv, s) =>
      run(
        "mariadb",
        [...MY, db],
        [
          "START TRANSACTION;",
          ...s.order.map(
            (t) =>
              `LOAD DATA LOCAL INFILE '${join(csv, t + ".csv")}' INTO TABLE ${t} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES;`,
          ),
          "COMMIT;",
        ].join("\n") + "\n",
      ),
  },
};
const DIALECT = { postgres: "postgres", sqlite: "sqlite", mariadb: "mysql" };

console.log(`TPC-H sf ${opt.sf}, ${os.cpus().length} cores, node ${process.version}`);
console.log("engine    direct (--to)   csv + bulk load   ratio (csv+bulk / direct)");
for (const name of ENGINES) {
  const e = engines[name];
  const s = schema(DIALECT[name], opt.sf);
  const a = `dgen_bench_${name}_a`;
  const b = `dgen_bench_${name}_b`;
  for (const db of [a, b]) {
    e.drop(db);
    e.create(db);
  }
  try {
    const direct = seconds(() => dgen("generate", SCHEMA, "--param", `sf=${opt.sf}`, "--to", e.url(a)));
    e.prepare(b, s);
    const csv = join(dir, `csv-${name}`);
    const twoStep = seconds(() => {
      dgen("generate", SCHEMA, "--param", `sf=${opt.sf}`, "--format", "csv", "--out", csv);
      e.bulk(b, csv, s);
    });
    console.log(`${name.padEnd(9)} ${direct.toFixed(2).padStart(8)} s   ${twoStep.toFixed(2).padStart(10)} s      ${(twoStep / direct).toFixed(2)}×`);
    if (name === "mariadb") {
      // The fallback path (DG5350): the same load with the server's local_infile OFF, so by INSERTs.
      const c = `dgen_bench_${name}_c`;
      e.drop(c);
      e.create(c);
      const was = run("mariadb", [...MY, "-N", "-e", "SELECT @@GLOBAL.local_infile"]).stdout.trim();
      run("mariadb", [...MY, "-e", "SET GLOBAL local_infile = 0"]);
      let inserts;
      try {
        inserts = seconds(() => dgen("generate", SCHEMA, "--param", `sf=${opt.sf}`, "--to", e.url(c)));
      } finally {
        run("mariadb", [...MY, "-e", `SET GLOBAL local_infile = ${was === "1" ? 1 : 0}`]);
        e.drop(c);
      }
      console.log(`${"  INSERTs".padEnd(9)} ${inserts.toFixed(2).padStart(8)} s   ${twoStep.toFixed(2).padStart(10)} s      ${(twoStep / inserts).toFixed(2)}×   (local_infile OFF: DG5350)`);
    }
  } finally {
    for (const db of [a, b]) e.drop(db);
  }
}
console.log("\npeak RSS of the direct load (MiB)");
const scales = opt.rss.split(",");
console.log(`engine    ${scales.map((x) => `sf ${x}`.padStart(10)).join(" ")}`);
for (const name of ENGINES) {
  const e = engines[name];
  const row = [];
  for (const sf of scales) {
    const db = `dgen_bench_${name}_rss`;
    e.drop(db);
    e.create(db);
    try {
      row.push((peak(["generate", SCHEMA, "--param", `sf=${sf}`, "--to", e.url(db)]) / 1024).toFixed(0).padStart(10));
    } finally {
      e.drop(db);
    }
  }
  console.log(`${name.padEnd(9)} ${row.join(" ")}`);
}
rmSync(dir, { recursive: true, force: true });
