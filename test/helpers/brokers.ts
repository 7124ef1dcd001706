/**
 * The message brokers of the stream tests, on 127.0.0.1 at their default ports — NATS with JetStream
 * (4222), Redis (6379), Mosquitto (1883), RabbitMQ (5672, guest/guest) — and independent readers of
 * what a stream left there: each broker read back through its own consumer API or command-line tool,
 * never through dgen's targets. Like databases.ts: a broker that does not answer skips its tests
 * loudly, or fails them under `CI=true` (`.ci/run` starts the brokers first).
 *
 *   if (await broker("redis")) expect(await redisEvents("dgen:sensors")).toHaveLength(100);
 */
import { execFileSync, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { runProcess } from "./cli.js";

export type Broker = "nats" | "redis" | "mqtt" | "rabbitmq";

const PORTS: Record<Broker, number> = { nats: 4222, redis: 6379, mqtt: 1883, rabbitmq: 5672 };

/** Whether a TCP connection to the port opens within `ms`. */
export function portOpen(port: number, ms = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port });
    const timer = setTimeout(() => done(false), ms);
    function done(ok: boolean) {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    }
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/** Whether `name` answers; otherwise a loud skip notice, or under `CI=true` an error. */
export async function broker(name: Broker): Promise<boolean> {
  if (await portOpen(PORTS[name])) return true;
  const text = `${name} at 127.0.0.1:${PORTS[name]} is needed by these tests, but it does not answer`;
  if (process.env.CI === "true") throw new Error(`${text} (CI=true: a broker that does not answer is a failure)`);
  process.stderr.write(`\n*** SKIPPED: ${text}. Start it (see .ci/run) to run them. ***\n\n`);
  return false;
}

/** Waits until the port opens (or closes, with `open` false), at most `ms`. */
export async function waitPort(port: number, open: boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if ((await portOpen(port, 1000)) === open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`port ${port} did not ${open ? "open" : "close"} within ${ms / 1000} s`);
}

/** The pid of the process listening on 127.0.0.1:`port` (from `ss`). */
export function listenerPid(port: number): number | undefined {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : undefined;
}

/** Stops the NATS server (by the pid listening on 4222) and starts it again as .ci/run does. */
export async function restartNats(downMs: number): Promise<void> {
  const pid = listenerPid(4222);
  if (pid !== undefined) process.kill(pid, "SIGTERM");
  await waitPort(4222, false);
  await new Promise((r) => setTimeout(r, downMs));
  execFileSync("start-stop-daemon", [
    "--start", "--oknodo", "--background", "--exec", "/usr/sbin/nats-server", "--",
    "-a", "127.0.0.1", "-p", "4222", "-js", "-sd", "/var/lib/nats-server",
  ]);
  await waitPort(4222, true);
}

/** Stops RabbitMQ (`rabbitmqctl stop`) and starts it again (`rabbitmq-server -detached`), waiting until it answers. */
export async function restartRabbit(): Promise<void> {
  await runProcess("rabbitmqctl", ["stop"], { timeoutMs: 60_000 });
  await waitPort(5672, false);
  spawn("rabbitmq-server", ["-detached"], { stdio: "ignore", detached: true }).unref();
  await waitPort(5672, true, 120_000);
  await runProcess("rabbitmqctl", ["await_startup"], { timeoutMs: 120_000 });
}

/** An event as the stream wrote it (the envelope, runtime/events/event-text.ts). */
export interface Event {
  readonly seq: number;
  readonly table: string;
  readonly index: number;
  readonly time?: string;
  /** The `data` member's exact text. */
  readonly data: string;
}

/** Parses an event's text, keeping `data` as the exact text it was sent as. */
export function parseEvent(text: string): Event {
  const at = text.indexOf(',"data":');
  const head = JSON.parse(text.slice(0, at) + "}") as Omit<Event, "data">;
  return { ...head, data: text.slice(at + 8, -1) };
}

/** Every message of a JetStream stream, through an ordered consumer of `@nats-io/jetstream`. */
export async function natsEvents(stream: string): Promise<string[]> {
  const { connect } = await import("@nats-io/transport-node");
  const { jetstream, jetstreamManager } = await import("@nats-io/jetstream");
  const nc = await connect({ servers: "127.0.0.1:4222" });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const total = info.state.messages;
    const out: string[] = [];
    if (total === 0) return out;
    const consumer = await jetstream(nc).consumers.get(stream);
    const messages = await consumer.consume();
    for await (const m of messages) {
      out.push(m.string());
      if (out.length >= total) break;
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Deletes a JetStream stream if it exists. */
export async function natsDelete(stream: string): Promise<void> {
  const { connect } = await import("@nats-io/transport-node");
  const { jetstreamManager } = await import("@nats-io/jetstream");
  const nc = await connect({ servers: "127.0.0.1:4222" });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** The `event` field of every entry of a Redis stream, read with `redis-cli` (XRANGE, then DEL). */
export async function redisEvents(key: string): Promise<string[]> {
  const r = await runProcess("redis-cli", ["--raw", "XRANGE", key, "-", "+"]);
  const lines = r.stdout.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] === "event") out.push(lines[i + 1]!);
  await runProcess("redis-cli", ["DEL", key]);
  return out;
}

/** A `mosquitto_sub` on `topic` that collects `count` payloads (start it before the stream). */
export function mqttSubscribe(topic: string, count: number): { ready: Promise<void>; messages: Promise<string[]> } {
  // Line-buffered (stdbuf), so its SUBACK line shows when it comes, not when it exits.
  const child = spawn("stdbuf", ["-oL", "mosquitto_sub", "-h", "127.0.0.1", "-t", topic, "-q", "1", "-C", String(count), "-W", "60", "-d"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // With -d the client's log lines go to stdout too: the payloads are the lines that are JSON.
  let out = "";
  const ready = new Promise<void>((resolve) => {
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString("utf8");
      if (out.includes("SUBACK")) resolve();
    });
  });
  const messages = new Promise<string[]>((resolve) =>
    child.on("close", () => resolve(out.split("\n").filter((l) => l.startsWith("{")))),
  );
  return { ready, messages };
}

/** Every message of a RabbitMQ queue, taken with amqplib's basic.get, then the queue deleted. */
export async function rabbitEvents(queue: string): Promise<string[]> {
  const amqp = (await import("amqplib")).default;
  const conn = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
  try {
    const ch = await conn.createChannel();
    const out: string[] = [];
    for (;;) {
      const m = await ch.get(queue, { noAck: true });
      if (m === false) break;
      out.push(m.content.toString("utf8"));
    }
    await ch.deleteQueue(queue);
    return out;
  } finally {
    await conn.close();
  }
}

/** Deletes a RabbitMQ queue if it exists. */
export async function rabbitDelete(queue: string): Promise<void> {
  const amqp = (await import("amqplib")).default;
  const conn = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
  try {
    const ch = await conn.createChannel();
    await ch.deleteQueue(queue);
  } finally {
    await conn.close();
  }
}
