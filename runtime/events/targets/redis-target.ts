/**
 * `--to redis://host:6379[/db][?stream=KEY]`: every event appended to one Redis stream (default key
 * `dgen:<dataset>`) with `XADD key * table T seq N event JSON`, so the stream keeps the events' order
 * across tables. The XADD reply acknowledges it: it is in the server's memory — and on disk only as
 * far as the server's own persistence (RDB, AOF) says.
 *
 * Client: `redis` (node-redis, the client Redis itself maintains). Commands of a batch go out pipelined;
 * it reconnects by itself, and a command that failed is sent again with back-off (after a lost reply
 * that can store an event twice: Redis has no idempotent XADD).
 */
import { createClient } from "redis";
import { param, withoutParams } from "./open-target.js";
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

export async function openRedis(to: string, ctx: TargetContext): Promise<EventTarget> {
  const key = param(to, "stream", `dgen:${ctx.dataset}`);
  const client = createClient({
    url: withoutParams(to, ["stream"]),
    socket: { reconnectStrategy: (retries: number) => Math.min(5000, 100 * 2 ** Math.min(retries, 6)), connectTimeout: 5000 },
  });
  let lastError: unknown;
  client.on("error", (e: unknown) => (lastError = e));
  try {
    await client.connect();
  } catch (e) {
    await client.destroy();
    throw lastError ?? e;
  }
  return {
    async send(batch: readonly Message[]): Promise<void> {
      await Promise.all(
        batch.map((m) =>
          retry(() => client.xAdd(key, "*", { table: m.table, seq: String(m.seq), event: m.bytes }), { giveUpMs: ctx.giveUpMs }),
        ),
      );
    },
    async close(): Promise<void> {
      await client.close();
    },
  };
}
