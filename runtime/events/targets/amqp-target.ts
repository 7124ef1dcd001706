/**
 * `--to amqp://user:pass@host:5672[/vhost][?queue=NAME]`: each event sent to a durable queue (default
 * `dgen.<dataset>`, declared if missing) through the default exchange, as a persistent message (type:
 * the table; id: run id, sequence number, copy). A publisher confirm acknowledges it: RabbitMQ has
 * written it to the durable queue, so it outlives a broker restart.
 *
 * Client: `amqplib`, the widely used AMQP 0-9-1 client. It does not reconnect by itself: when the
 * connection or channel fails, the batch is sent again on a new connection, with back-off (at least
 * once: a batch confirmed just before the failure was not, as far as the stream knows, so a message
 * may arrive twice). Batches go one after another, so their order holds.
 */
import amqp from "amqplib";
import { param, withoutParams } from "./open-target.js";
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

const CONFIRM_TIMEOUT_MS = 10_000;

export async function openAmqp(to: string, ctx: TargetContext): Promise<EventTarget> {
  const queue = param(to, "queue", `dgen.${ctx.dataset}`);
  const url = withoutParams(to, ["queue"]);
  let conn: amqp.ChannelModel | undefined;
  let ch: amqp.ConfirmChannel | undefined;
  const open = async () => {
    const c = await amqp.connect(url);
    c.on("error", () => undefined);
    c.on("close", () => {
      if (conn === c) ch = undefined;
    });
    const channel = await c.createConfirmChannel();
    channel.on("error", () => undefined);
    channel.on("close", () => {
      if (ch === channel) ch = undefined;
    });
    await channel.assertQueue(queue, { durable: true });
    conn = c;
    ch = channel;
  };
  const drop = async () => {
    const c = conn;
    conn = undefined;
    ch = undefined;
    await c?.close().catch(() => undefined);
  };
  await open();
  let chain: Promise<void> = Promise.resolve();
  const publish = async (batch: readonly Message[]) => {
    if (ch === undefined) await open();
    const channel = ch!;
    for (const m of batch)
      channel.sendToQueue(queue, m.bytes, {
        persistent: true,
        contentType: "application/json",
        type: m.table,
        messageId: `${ctx.runId}.${m.seq}.${m.copy}`,
      });
    await withTimeout(channel.waitForConfirms(), CONFIRM_TIMEOUT_MS);
  };
  return {
    send(batch: readonly Message[]): Promise<void> {
      const p = chain.then(() => retry(() => publish(batch), { giveUpMs: ctx.giveUpMs, onRetry: drop }));
      chain = p.catch(() => undefined);
      return p;
    },
    async close(): Promise<void> {
      await chain;
      await drop();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no publisher confirm within ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
