/**
 * `--to nats://host:4222[/subject.prefix][?stream=NAME]`: each event published to JetStream on the
 * subject `<prefix>.<table>` (default prefix `dgen.<dataset>`) and acknowledged by its PubAck, so it
 * is stored in the stream (in the file store, it outlives a server restart). When no stream takes the
 * subjects, one is made: NAME (default `DGEN_<dataset>`), file storage, subjects `<prefix>.>`.
 *
 * Client: the official `@nats-io/transport-node` with `@nats-io/jetstream` (v3). It reconnects by
 * itself; a publish that fails (the server restarting) is tried again with back-off under the same
 * message id (`Nats-Msg-Id`: run id, sequence number, copy), so the stream's duplicate window stores
 * it once even when the first try had arrived.
 */
import { connect } from "@nats-io/transport-node";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { param } from "./open-target.js";
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

export async function openNats(to: string, ctx: TargetContext): Promise<EventTarget> {
  const url = new URL(to);
  const prefix = url.pathname.replace(/^\/+|\/+$/g, "").replace(/\//g, ".") || `dgen.${token(ctx.dataset)}`;
  const streamName = param(to, "stream", `DGEN_${token(ctx.dataset)}`);
  const nc = await connect({
    servers: `${url.hostname}:${url.port || 4222}`,
    ...(url.username !== "" ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    name: "dgen stream",
    // Without it the client makes two Errors (stack traces) per publish to report where a request
    // came from: a fifth of the CPU of a stream. Our messages use the error's text, not its stack.
    noAsyncTraces: true,
  });
  try {
    const jsm = await jetstreamManager(nc);
    const subjects = ctx.tables.map((t) => `${prefix}.${token(t)}`);
    const found = await jsm.streams.find(subjects[0] ?? `${prefix}.x`).catch(() => undefined);
    if (found === undefined) await jsm.streams.add({ name: streamName, subjects: [`${prefix}.>`], storage: "file" as never });
    const js = jetstream(nc, { timeout: 5000 });
    return {
      async send(batch: readonly Message[]): Promise<void> {
        await Promise.all(
          batch.map((m) =>
            retry(
              () =>
                js.publish(`${prefix}.${token(m.table)}`, m.bytes, {
                  msgID: `${ctx.runId}.${m.seq}.${m.copy}`,
                  timeout: 5000,
                }),
              { giveUpMs: ctx.giveUpMs },
            ),
          ),
        );
      },
      async close(): Promise<void> {
        await nc.drain();
      },
    };
  } catch (e) {
    await nc.close().catch(() => undefined);
    throw e;
  }
}

/** A subject token: no dots, wildcards or white space. */
function token(name: string): string {
  return name.replace(/[.*>\s]/g, "_");
}
