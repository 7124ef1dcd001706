#!/usr/bin/env node
// `npm run bench:s3`: `dgen generate --out s3://…` against a local S3-compatible server (s3rver, the
// tests' server, started in this process on a free port of 127.0.0.1) versus the same run into a
// local folder, as a ratio of wall times measured in one run, runs alternated; and the upload's own
// throughput: the bytes of the run over the extra time. Both sides include generation; the s3 side
// adds staging, the SDK's load, the bucket check and the upload (multipart from 8 MiB).
//
//   npm run bench:s3                        TPC-H sf 0.05, 3 runs each
//   npm run bench:s3 -- --sf 0.1 --runs 5
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import S3rver from "s3rver";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const SCHEMA = join(ROOT, "examples", "tpch.dgen");
const { values: opt } = parseArgs({ options: { sf: { type: "string", default: "0.05" }, runs: { type: "string", default: "3" } } });
const dir = mkdtempSync(join(os.tmpdir(), "dgen-bench-s3-"));
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: join(dir, "server"), configureBuckets: [{ name: "bench" }] });
const { port } = await server.run();
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
  AWS_REGION: "us-east-1",
  AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
  AWS_EC2_METADATA_DISABLED: "true",
};

/** Runs dgen in a child (the server answers in this process meanwhile); wall seconds. */
async function timed(out) {
  const { spawn } = await import("node:child_process");
  const t = process.hrtime.bigint();
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DGEN, "generate", SCHEMA, "--param", `sf=${opt.sf}`, "--out", out, "--quiet"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (b) => (err += b));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`dgen --out ${out}: ${err}`))));
  });
  return Number(process.hrtime.bigint() - t) / 1e9;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function folderBytes(d) {
  return readdirSync(d, { recursive: true }).reduce((n, f) => n + (statSync(join(d, f)).isFile() ? statSync(join(d, f)).size : 0), 0);
}

try {
  // warm the compile cache
  spawnSync(process.execPath, [DGEN, "generate", SCHEMA, "--param", `sf=${opt.sf}`, "--out", join(dir, "warm"), "--quiet", "--tables", "region"], { env });
  const local = [];
  const s3 = [];
  for (let i = 0; i < Number(opt.runs); i++) {
    local.push(await timed(join(dir, `local-${i}`)));
    s3.push(await timed(`s3://bench/tpch-${i}`));
  }
  const bytes = folderBytes(join(dir, "local-0"));
  const [l, s] = [median(local), median(s3)];
  const mib = bytes / 1024 / 1024;
  console.log(`TPC-H sf ${opt.sf}: ${mib.toFixed(1)} MiB in ${readdirSync(join(dir, "local-0")).length} files, ${opt.runs} runs each, medians`);
  console.log(`  --out DIR           ${l.toFixed(2)} s   (runs: ${local.map((x) => x.toFixed(2)).join(", ")})`);
  console.log(`  --out s3://bench/…  ${s.toFixed(2)} s   (runs: ${s3.map((x) => x.toFixed(2)).join(", ")})`);
  console.log(`  ratio s3 / local    ${(s / l).toFixed(2)}`);
  console.log(`  upload throughput   ${(mib / Math.max(s - l, 1e-3)).toFixed(0)} MiB/s (bytes over the extra time)`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
