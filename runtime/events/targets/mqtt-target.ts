/**
 * `--to mqtt://host:1883[/topic/prefix]`: each event published with QoS 1 on `<prefix>/<table>`
 * (default prefix `dgen/<dataset>`); the broker's PUBACK acknowledges it. MQTT keeps no message for a
 * topic nobody subscribes to (unless retained), so subscribe before streaming.
 *
 * Client: `mqtt` (MQTT.js). It reconnects by itself and sends unacknowledged QoS 1 messages again;
 * a publish that fails is tried again with back-off (QoS 1 is at least once: a copy may arrive twice).
 */
import mqtt from "mqtt";
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

export async function openMqtt(to: string, ctx: TargetContext): Promise<EventTarget> {
  const url = new URL(to);
  const prefix = url.pathname.replace(/^\/+|\/+$/g, "") || `dgen/${topicLevel(ctx.dataset)}`;
  url.pathname = "";
  const client = await mqtt.connectAsync(url.toString(), {
    clientId: `dgen-${ctx.runId}`,
    reconnectPeriod: 250,
    connectTimeout: 5000,
    clean: true,
  });
  return {
    async send(batch: readonly Message[]): Promise<void> {
      await Promise.all(
        batch.map((m) =>
          retry(() => client.publishAsync(`${prefix}/${topicLevel(m.table)}`, m.bytes, { qos: 1 }), { giveUpMs: ctx.giveUpMs }),
        ),
      );
    },
    async close(): Promise<void> {
      await client.endAsync();
    },
  };
}

/** A topic level: no `/`, `+` or `#`. */
function topicLevel(name: string): string {
  return name.replace(/[/+#]/g, "_");
}
