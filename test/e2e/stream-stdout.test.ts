/**
 * `dgen stream --to stdout`, driven as a user does: the events equal `dgen generate --format jsonl`'s rows
 * for the same seed, in event time (ticks of a time-series table, or an --event-time column); delivery
 * faults are deterministic and the truth file accounts for every one; the rate is kept (short runs,
 * loose bounds: the 10-second accuracy runs are bench/stream.mjs); Ctrl-C stops cleanly; bad usage gets
 * its diagnostic and never a password.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, repoRoot, shopSchema, tempDir } from "../helpers/cli.js";
import { type Event, parseEvent } from "../helpers/brokers.js";

const sensors = join(repoRoot, "examples", "sensors.dgen");
const SENSORS = ["--rows", "sensors=3"];
const SERIES = 2016; // 5-minute readings for a week
const dir = tempDir("stream");

let sensorRows: string[];
let readingRows: string[];
/** The events `stream` must send for SENSORS, in order: [table, index]. */
let expected: [string, number][];

function lines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
}

function events(stdout: string): Event[] {
  return stdout
    .split("\n")
    .filter((l) => l !== "")
    .map(parseEvent);
}

function rowOf(e: Event): string {
  return e.table === "sensors" ? sensorRows[e.index]! : readingRows[e.index]!;
}

beforeAll(async () => {
  const out = join(dir, "gen");
  const r = await dgen(["generate", sensors, ...SENSORS, "--format", "jsonl", "--partition", "none", "--out", out, "--quiet"]);
  expect(r.stderr).toBe("");
  sensorRows = lines(join(out, "sensors.jsonl"));
  readingRows = lines(join(out, "readings.jsonl"));
  expected = sensorRows.map((_, i): [string, number] => ["sensors", i]);
  for (let k = 0; k < SERIES; k++) for (let p = 0; p < 3; p++) expected.push(["readings", p * SERIES + k]);
}, 60_000);

describe("dgen stream --to stdout", () => {
  it("sends every row of generate, byte for byte, in event time (the reference table first, then by tick)", async () => {
    const r = await dgen(["stream", sensors, ...SENSORS, "--rate", "max", "--to", "stdout", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const got = events(r.stdout);
    expect(got.length).toBe(expected.length);
    got.forEach((e, i) => {
      expect([e.seq, e.table, e.index]).toEqual([i, ...expected[i]!]);
      expect(e.data).toBe(rowOf(e));
    });
    const readings = got.filter((e) => e.table === "readings");
    // The tick is the reading's own `at`; the times never go back.
    for (const e of readings) expect(e.time).toBe((JSON.parse(e.data) as { at: string }).at);
    expect(readings.map((e) => e.time)).toEqual([...readings.map((e) => e.time!)].sort());
  }, 60_000);

  it("orders a table by --event-time (ties by row index), with the rows of generate", async () => {
    const out = join(dir, "shop");
    const args = ["--scale", "0.01", "--tables", "orders"];
    const g = await dgen(["generate", shopSchema, ...args, "--format", "jsonl", "--out", out, "--quiet"]);
    expect(g.code, g.stderr).toBe(0);
    const rows = lines(join(out, "orders.jsonl"));
    const at = rows.map((l) => Date.parse((JSON.parse(l) as { placed_at: string }).placed_at));
    const order = rows.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
    const r = await dgen(["stream", shopSchema, ...args, "--event-time", "orders.placed_at", "--rate", "max", "--to", "stdout", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const got = events(r.stdout);
    expect(got.map((e) => e.index)).toEqual(order);
    for (const e of got) expect(e.data).toBe(rows[e.index]);
    expect(got.map((e) => e.time)).toEqual(order.map((i) => (JSON.parse(rows[i]!) as { placed_at: string }).placed_at));
  }, 60_000);

  it("applies drop, duplicate, delay and reorder deterministically, and the truth file accounts for each", async () => {
    const faults = ["--drop", "5%", "--duplicate", "3%", "--delay", "2%:200ms", "--reorder", "4%"];
    const run = (truth: string) =>
      dgen(["stream", sensors, ...SENSORS, "--rate", "max", "--count", "3000", ...faults, "--truth", truth, "--to", "stdout", "--quiet"]);
    const [a, b] = [join(dir, "a.jsonl"), join(dir, "b.jsonl")];
    const r = await run(a);
    expect(r.code, r.stderr).toBe(0);
    expect((await run(b)).code).toBe(0);
    const truth = lines(a).map((l) => JSON.parse(l) as { seq: number; table: string; index: number; fault: string; after?: number | null; ms?: number });
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8")); // same seed, same faults
    const by = (fault: string) => new Set(truth.filter((t) => t.fault === fault).map((t) => t.seq));
    const [drop, dup, delay, reorder] = [by("drop"), by("duplicate"), by("delay"), by("reorder")];
    // Shares near the asked ones (3000 events), each event at most one fault.
    expect(drop.size).toBeGreaterThan(90);
    expect(drop.size).toBeLessThan(220);
    expect(dup.size).toBeGreaterThan(45);
    expect(delay.size).toBeGreaterThan(25);
    expect(reorder.size).toBeGreaterThan(65);
    expect(new Set(truth.map((t) => t.seq)).size).toBe(truth.length);
    const got = events(r.stdout);
    const copies = new Map<number, number>();
    for (const e of got) copies.set(e.seq, (copies.get(e.seq) ?? 0) + 1);
    for (let seq = 0; seq < 3000; seq++) expect(copies.get(seq) ?? 0, `seq ${seq}`).toBe(drop.has(seq) ? 0 : dup.has(seq) ? 2 : 1);
    // After the truth is applied (second copies out, sorted by seq), the stream is generate's rows.
    const once = [...new Map(got.map((e) => [e.seq, e])).values()].sort((x, y) => x.seq - y.seq);
    for (const e of once) {
      expect([e.table, e.index]).toEqual(expected[e.seq]);
      expect(e.data).toBe(rowOf(e));
    }
    // A reordered event comes right after the event the truth file names; without the delayed and
    // reordered ones the order is the stream's.
    const position = new Map<number, number>();
    got.forEach((e, i) => position.has(e.seq) || position.set(e.seq, i));
    for (const t of truth.filter((x) => x.fault === "reorder" && x.after !== null))
      expect(position.get(t.seq)!).toBeGreaterThan(position.get(t.after!)!);
    const rest = got.filter((e) => !delay.has(e.seq) && !reorder.has(e.seq)).map((e) => e.seq);
    expect(rest).toEqual([...rest].sort((x, y) => x - y));
    // A delayed event arrives after events that came later in the stream.
    const late = [...delay].filter((s) => got.slice(0, position.get(s)).some((e) => e.seq > s + 1));
    expect(late.length).toBe(delay.size);
  }, 120_000);

  it("keeps the rate at 200, 1000 and 4000 events/s (measured at the reader)", async () => {
    for (const [rate, count] of [
      [200, 200],
      [1000, 1000],
      [4000, 4000],
    ] as const) {
      const times = await readerTimes(["stream", sensors, ...SENSORS, "--rate", `${rate}/s`, "--count", String(count), "--to", "stdout", "--quiet"]);
      expect(times.length).toBe(count);
      const span = times[count - 1]! - times[0]!;
      // Never ahead of the clock: the last event no sooner than (count − 1) / rate after the first, less
      // 0.1 s for the reader's own delays (the bucket's promise); slower only as far as a loaded machine
      // makes it.
      expect(span, `rate ${rate}/s`).toBeGreaterThan(((count - 1) * 1000) / rate - 100);
      expect(((count - 1) * 1000) / span, `rate ${rate}/s`).toBeGreaterThan(rate * 0.7);
    }
  }, 60_000);

  it("stops cleanly on a real SIGINT: every event taken is sent, the delayed ones too, and the truth file is written", async () => {
    const truth = join(dir, "stop.jsonl");
    const child = spawn(process.execPath, [join(repoRoot, "bin", "dgen.mjs"), "stream", sensors, ...SENSORS, "--rate", "300/s", "--delay", "10%:1h", "--truth", truth, "--to", "stdout"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        if (out.split("\n").length > 200) resolve();
      }),
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(err).toMatch(/warning\[DG5205\]: Stopped by a signal after (\d+) events/);
    const taken = Number(/after (\d+) events/.exec(err)![1]);
    const got = events(out);
    expect(taken).toBeGreaterThan(200);
    expect(taken).toBeLessThan(expected.length);
    expect(got.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: taken }, (_, i) => i));
    const delayed = lines(truth).map((l) => JSON.parse(l) as { seq: number; fault: string });
    expect(delayed.length).toBeGreaterThan(5);
    expect(delayed.every((t) => t.fault === "delay" && t.seq < taken)).toBe(true);
  }, 60_000);

  it("refuses bad usage with its diagnostic (exit 2), and names a target without its password", async () => {
    // Usage is checked before anything is compiled: every problem of the command line at once.
    const usage = await dgen(["stream", sensors, "--rate", "fast", "--to", "ftp://x", "--out", "x", "--count", "0", "--drop", "60%", "--reorder", "50%"]);
    expect(usage.code).toBe(2);
    for (const m of [/DG8100.*--rate 'fast'/, /DG8101.*'ftp:\/\/x'/, /DG8103.*--out/, /DG8100.*--count '0'/, /DG8100.*add up to 110%/])
      expect(usage.stderr).toMatch(m);
    const noTo = await dgen(["stream", sensors, "--rate", "10/s"]);
    expect([noTo.code, noTo.stderr]).toEqual([2, expect.stringMatching(/DG8100.*--to/)]);
    const column = await dgen(["stream", sensors, "--rate", "10/s", "--to", "stdout", "--event-time", "readings.nope"]);
    expect([column.code, column.stderr]).toEqual([2, expect.stringMatching(/DG8102.*table 'readings' has no column 'nope'/)]);
    const r = await dgen(["stream", sensors, "--rate", "10/s", "--to", "amqp://dgen:s3cret-pw@127.0.0.1:1/", "--count", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DG5200.*amqp:\/\/127\.0\.0\.1:1\//);
    expect(r.stderr + r.stdout).not.toContain("s3cret-pw");
  }, 60_000);
});

/** Runs dgen and returns, per line of its stdout, when the reader got it (ms, steady clock). */
function readerTimes(args: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, "bin", "dgen.mjs"), ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
    const times: number[] = [];
    child.stdout.on("data", (b: Buffer) => {
      const now = performance.now();
      for (const c of b) if (c === 10) times.push(now);
    });
    child.on("error", reject);
    child.on("close", () => resolve(times));
  });
}
