/**
 * `dgen stream` to real targets on this machine — an HTTP endpoint (here, in the test), NATS JetStream,
 * Redis, Mosquitto (MQTT) and RabbitMQ — each read back by an independent consumer (test/helpers/
 * brokers.ts): what arrives equals `dgen generate --format jsonl` for the same seed, in order. And a
 * broker restarted mid-stream (NATS with its file store, RabbitMQ with a durable queue) loses nothing
 * the stream had acknowledged: the command ends with exit 0 only when every event was acknowledged,
 * and every one of them is there afterwards.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, shopSchema, tempDir } from "../helpers/cli.js";
import {
  broker,
  mqttSubscribe,
  natsDelete,
  natsEvents,
  parseEvent,
  rabbitDelete,
  rabbitEvents,
  redisEvents,
  restartNats,
  restartRabbit,
} from "../helpers/brokers.js";

// The shop's customers: no time-series table, so no second look at the schema for ticks (the order in
// event time is test/e2e/stream-stdout.test.ts's); 10 000 rows, streamed in row order.
const ROWS = ["--tables", "customers"];
const COUNT = 600;
const dir = tempDir("stream-brokers");
let customers: string[];

function lines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
}

beforeAll(async () => {
  const r = await dgen(["generate", shopSchema, ...ROWS, "--format", "jsonl", "--out", dir, "--quiet"]);
  expect(r.stderr).toBe("");
  customers = lines(join(dir, "customers.jsonl"));
}, 60_000);

/** The received texts are the stream's first `count` events, exactly generate's rows, each once. */
function expectGenerated(texts: readonly string[], count: number): void {
  const got = texts.map(parseEvent).sort((a, b) => a.seq - b.seq);
  expect(got.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i));
  for (const e of got) {
    expect([e.table, e.index]).toEqual(["customers", e.seq]);
    expect(e.data).toBe(customers[e.index]);
  }
}

const tag = () => randomBytes(4).toString("hex");
const stream = (to: string, more: string[] = []) =>
  dgen(["stream", shopSchema, ...ROWS, "--rate", "max", "--count", String(COUNT), ...more, "--to", to, "--quiet"], { timeoutMs: 120_000 });

describe("dgen stream to targets", () => {
  it("HTTP: batched POSTs of JSON Lines, a 503 retried, Basic auth from the URL", async () => {
    const bodies: string[] = [];
    const auth: (string | undefined)[] = [];
    let failed = false;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (b: Buffer) => (body += b.toString()));
      req.on("end", () => {
        auth.push(req.headers.authorization);
        if (!failed) {
          failed = true;
          res.writeHead(503).end();
          return;
        }
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await stream(`http://ingest:pw-123@127.0.0.1:${port}/events`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${COUNT} events, ${COUNT} messages acknowledged by http://127.0.0.1:${port}/events`);
      expect(r.stdout + r.stderr).not.toContain("pw-123");
    } finally {
      server.close();
    }
    expect(failed).toBe(true);
    expect(bodies.length).toBeGreaterThan(1); // batched, not one request
    expect(auth.every((a) => a === `Basic ${Buffer.from("ingest:pw-123").toString("base64")}`)).toBe(true);
    expectGenerated(bodies.flatMap((b) => b.split("\n").filter((l) => l !== "")), COUNT);
  }, 120_000);

  it("NATS JetStream: every event stored once, in order", async () => {
    if (!(await broker("nats"))) return;
    const t = tag();
    const name = `DGENTEST_${t}`;
    try {
      const r = await stream(`nats://127.0.0.1:4222/dgentest.${t}?stream=${name}`);
      expect(r.code, r.stderr).toBe(0);
      const texts = await natsEvents(name);
      expect(texts.map((x) => parseEvent(x).seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
      expectGenerated(texts, COUNT);
    } finally {
      await natsDelete(name);
    }
  }, 120_000);

  it("Redis: one stream (XADD), in order", async () => {
    if (!(await broker("redis"))) return;
    const key = `dgentest:${tag()}`;
    const r = await stream(`redis://127.0.0.1:6379?stream=${key}`);
    expect(r.code, r.stderr).toBe(0);
    const texts = await redisEvents(key);
    expect(texts.map((x) => parseEvent(x).seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expectGenerated(texts, COUNT);
  }, 120_000);

  it("MQTT (Mosquitto): QoS 1 on a topic per table", async () => {
    if (!(await broker("mqtt"))) return;
    const t = tag();
    const sub = mqttSubscribe(`dgentest/${t}/#`, COUNT);
    await sub.ready;
    const r = await stream(`mqtt://127.0.0.1:1883/dgentest/${t}`);
    expect(r.code, r.stderr).toBe(0);
    expectGenerated(await sub.messages, COUNT);
  }, 120_000);

  it("RabbitMQ: a durable queue, publisher confirms", async () => {
    if (!(await broker("rabbitmq"))) return;
    const queue = `dgentest.${tag()}`;
    const r = await stream(`amqp://guest:guest@127.0.0.1:5672?queue=${queue}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain("guest:guest");
    expectGenerated(await rabbitEvents(queue), COUNT);
  }, 120_000);

  it("a NATS restart mid-stream loses nothing acknowledged", async () => {
    if (!(await broker("nats"))) return;
    const t = tag();
    const name = `DGENTEST_${t}`;
    const count = 2000;
    try {
      const run = dgen(["stream", shopSchema, ...ROWS, "--rate", "1000/s", "--count", String(count), "--to", `nats://127.0.0.1:4222/dgentest.${t}?stream=${name}`, "--quiet"], { timeoutMs: 120_000 });
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the stream is under way
      await restartNats(500);
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      expectGenerated(await natsEvents(name), count);
    } finally {
      await natsDelete(name);
    }
  }, 180_000);

  it("a RabbitMQ restart mid-stream loses nothing acknowledged (durable queue, persistent messages)", async () => {
    if (!(await broker("rabbitmq"))) return;
    const queue = `dgentest.${tag()}`;
    const count = 2000;
    try {
      const run = dgen(["stream", shopSchema, ...ROWS, "--rate", "500/s", "--count", String(count), "--give-up", "4m", "--to", `amqp://guest:guest@127.0.0.1:5672?queue=${queue}`, "--quiet"], { timeoutMs: 280_000 });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await restartRabbit();
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      // At least once: a batch whose confirm was lost in the restart is sent again.
      const texts = await rabbitEvents(queue);
      expectGenerated([...new Map(texts.map((x) => [parseEvent(x).seq, x])).values()], count);
    } finally {
      await rabbitDelete(queue).catch(() => undefined);
    }
  }, 300_000);
});
