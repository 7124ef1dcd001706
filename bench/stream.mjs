#!/usr/bin/env node
// `npm run bench:stream`: `dgen stream` — (1) the rate error of 10-second runs at 1 000, 10 000 and
// 50 000 events/s, measured at the reader (stdout: the time of the first and last line), and (2) the
// events/s each target sustains with `--rate max`, against a baseline measured in the same run:
// `dgen generate --format jsonl --out -` of the same rows (what the events' content costs to make).
// The brokers are those on 127.0.0.1 (see .ci/run); a target that does not answer is reported as such.
//
//   npm run -s build && npm run bench:stream
//   npm run bench:stream -- --seconds 5 --max-events 100000
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { createConnection } from "node:net";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DGEN = join(ROOT, "bin", "dgen.mjs");
const SCHEMA = join(ROOT, "examples", "sensors.dgen");
const ROWS = ["--rows", "sensors=400"]; // 400 + 806 400 events
const { values: opt } = parseArgs({
  options: { seconds: { type: "string", default: "10" }, "max-events": { type: "string", default: "200000" } },
});
const SECONDS = Number(opt.seconds);
const MAX_EVENTS = Number(opt["max-events"]);

/** Runs a command; per line of stdout, when it came (ms); and the command's stdout text when `keep`. */
function run(args, { keep = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DGEN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let first = 0;
    let last = 0;
    let lines = 0;
    let text = "";
    let err = "";
    child.stdout.on("data", (b) => {
      const now = performance.now();
      if (keep) text += b.toString();
      for (const c of b)
        if (c === 10) {
          if (lines === 0) first = now;
          last = now;
          lines++;
        }
    });
    child.stderr.on("data", (b) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve({ first, last, lines, text }) : reject(new Error(`${args.join(" ")}: ${err}`))));
  });
}

const open = (port) =>
  new Promise((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

console.log(`dgen bench:stream — node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
await run(["stream", SCHEMA, ...ROWS, "--rate", "max", "--count", "10", "--to", "stdout", "--quiet"]); // fills the compile cache

console.log(`\nRate error over ${SECONDS} s (stdout, measured at the reader)`);
for (const rate of [1000, 10000, 50000]) {
  const count = rate * SECONDS;
  const r = await run(["stream", SCHEMA, ...ROWS, "--rate", `${rate}/s`, "--count", String(count), "--to", "stdout", "--quiet"]);
  const achieved = ((r.lines - 1) * 1000) / (r.last - r.first);
  const error = ((achieved - rate) / rate) * 100;
  console.log(`  ${String(rate).padStart(6)}/s: ${r.lines} events in ${((r.last - r.first) / 1000).toFixed(2)} s → ${achieved.toFixed(0)}/s, error ${error >= 0 ? "+" : ""}${error.toFixed(2)} %`);
}

console.log(`\n--rate max, ${MAX_EVENTS} events each`);
const base = await run(["generate", SCHEMA, ...ROWS, "--tables", "readings", "--format", "jsonl", "--partition", "none", "--out", "-", "--quiet"]);
const baseRate = ((base.lines - 1) * 1000) / (base.last - base.first);
console.log(`  baseline: generate --format jsonl --out - (readings): ${baseRate.toFixed(0)} rows/s`);
const tag = Date.now().toString(36);
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(204).end());
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const targets = [
  ["stdout", "stdout", undefined],
  ["http", `http://127.0.0.1:${server.address().port}/`, undefined],
  ["nats", `nats://127.0.0.1:4222/dgenbench.${tag}?stream=DGENBENCH_${tag}`, 4222],
  ["redis", `redis://127.0.0.1:6379?stream=dgenbench:${tag}`, 6379],
  ["mqtt", `mqtt://127.0.0.1:1883/dgenbench/${tag}`, 1883],
  ["amqp", `amqp://guest:guest@127.0.0.1:5672?queue=dgenbench.${tag}`, 5672],
];
for (const [name, to, port] of targets) {
  if (port !== undefined && !(await open(port))) {
    console.log(`  ${name.padEnd(6)}: not running`);
    continue;
  }
  const args = ["stream", SCHEMA, ...ROWS, "--rate", "max", "--count", String(MAX_EVENTS), "--to", to, "--quiet"];
  let rate;
  if (name === "stdout") {
    const r = await run(args);
    rate = ((r.lines - 1) * 1000) / (r.last - r.first);
  } else {
    const r = await run(args, { keep: true });
    rate = Number(/\((\d+) events\/s\)/.exec(r.text)?.[1]);
  }
  console.log(`  ${name.padEnd(6)}: ${rate.toFixed(0)} events/s (${(rate / baseRate).toFixed(2)}× the baseline)`);
}
server.close();

// What the brokers hold of this run is removed.
try {
  const { connect } = await import("@nats-io/transport-node");
  const { jetstreamManager } = await import("@nats-io/jetstream");
  const nc = await connect({ servers: "127.0.0.1:4222" });
  await (await jetstreamManager(nc)).streams.delete(`DGENBENCH_${tag}`).catch(() => undefined);
  await nc.close();
} catch {}
try {
  const { createClient } = await import("redis");
  const c = await createClient({ url: "redis://127.0.0.1:6379" }).connect();
  await c.del(`dgenbench:${tag}`);
  await c.close();
} catch {}
try {
  const amqp = (await import("amqplib")).default;
  const conn = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
  await (await conn.createChannel()).deleteQueue(`dgenbench.${tag}`);
  await conn.close();
} catch {}
