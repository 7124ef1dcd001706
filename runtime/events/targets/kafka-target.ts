/**
 * `--to kafka://host:9092[,host2:9092][/topic]`: each event produced to the topic (default
 * `dgen.<dataset>`) with the table as its key, `acks: all` — acknowledged once the partition's leader
 * and its in-sync replicas have it. Untested here: no Kafka broker runs on this machine (docs/cli.md).
 *
 * Client: `@platformatic/kafka`, a maintained pure-JavaScript client (kafkajs is no longer maintained;
 * the librdkafka bindings need a native build). It retries within the client; a send that still fails
 * is tried again with back-off.
 */
import { Producer, ProduceAcks, stringSerializers } from "@platformatic/kafka";
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

export async function openKafka(to: string, ctx: TargetContext): Promise<EventTarget> {
  // `kafka://a:9092,b:9092/topic`: the host part may list brokers, which URL parsing does not take.
  const m = /^kafka:\/\/(?:[^@/]*@)?([^/?#]+)(?:\/([^?#]*))?/i.exec(to);
  const brokers = (m?.[1] ?? "").split(",").filter((b) => b !== "");
  const topic = decodeURIComponent(m?.[2] ?? "") || `dgen.${ctx.dataset}`;
  const producer = new Producer({
    clientId: `dgen-${ctx.runId}`,
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
  });
  return {
    async send(batch: readonly Message[]): Promise<void> {
      const messages = batch.map((e) => ({ topic, key: e.table, value: e.text }));
      await retry(() => producer.send({ messages, acks: ProduceAcks.ALL }), { giveUpMs: ctx.giveUpMs });
    },
    async close(): Promise<void> {
      await producer.close();
    },
  };
}
