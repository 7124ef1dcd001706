/**
 * `--to TARGET` → the target, by the URL's scheme. Each target's file, and with it its client package,
 * is imported only here, when a stream goes there: other commands never load a broker client.
 *
 *   targetKind("nats://127.0.0.1:4222")   // "nats"
 *   await openTarget("redis://127.0.0.1:6379", ctx)
 */
import { messages } from "../../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../../generate-options.js";
import { hide, reason, safeUrl } from "../../db/url-text.js";
import type { EventTarget, TargetContext } from "./target.js";

export type TargetKind = "stdout" | "http" | "nats" | "redis" | "mqtt" | "amqp" | "kafka";

const SCHEMES: Readonly<Record<string, TargetKind>> = {
  "http:": "http",
  "https:": "http",
  "nats:": "nats",
  "redis:": "redis",
  "rediss:": "redis",
  "mqtt:": "mqtt",
  "mqtts:": "mqtt",
  "amqp:": "amqp",
  "amqps:": "amqp",
  "kafka:": "kafka",
};

/** The client package of each broker target (for DG5202). */
export const CLIENT_PACKAGES: Readonly<Record<Exclude<TargetKind, "stdout" | "http">, string>> = {
  nats: "@nats-io/transport-node",
  redis: "redis",
  mqtt: "mqtt",
  amqp: "amqplib",
  kafka: "@platformatic/kafka",
};

/** The kind of target a `--to` value names, or why it names none. */
export function targetKind(to: string): TargetKind | { problem: string } {
  if (to === "stdout" || to === "-") return "stdout";
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    return { problem: "expected stdout or a URL: http(s)://, nats://, redis://, mqtt://, amqp://, kafka://" };
  }
  const kind = SCHEMES[url.protocol];
  if (kind === undefined)
    return { problem: `'${url.protocol}' is not a target; expected stdout, http(s), nats, redis, mqtt, amqp or kafka` };
  if (url.hostname === "") return { problem: "the URL names no host" };
  return kind;
}

/** Opens (connects) the target; a RunError with DG5200, DG5202 or DG8101 when it cannot. */
export async function openTarget(to: string, ctx: TargetContext): Promise<EventTarget> {
  const kind = targetKind(to);
  if (typeof kind !== "string") throw new RunError(runtimeDiag(messages.streamBadTarget, [safeUrl(to), kind.problem]));
  if (kind === "stdout") {
    const { StdoutTarget } = await import("./stdout-target.js");
    return new StdoutTarget(ctx.stdout ?? process.stdout);
  }
  if (kind === "http") {
    const { HttpTarget } = await import("./http-target.js");
    return new HttpTarget(to, ctx);
  }
  let open: (to: string, ctx: TargetContext) => Promise<EventTarget>;
  try {
    open = await loadOpener(kind);
  } catch (e) {
    throw new RunError(runtimeDiag(messages.streamClientMissing, [CLIENT_PACKAGES[kind], kind]));
  }
  try {
    return await open(to, ctx);
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw new RunError(runtimeDiag(messages.streamConnect, [safeUrl(to), hide(reason(e), to)]));
  }
}

async function loadOpener(kind: Exclude<TargetKind, "stdout" | "http">) {
  switch (kind) {
    case "nats":
      return (await import("./nats-target.js")).openNats;
    case "redis":
      return (await import("./redis-target.js")).openRedis;
    case "mqtt":
      return (await import("./mqtt-target.js")).openMqtt;
    case "amqp":
      return (await import("./amqp-target.js")).openAmqp;
    case "kafka":
      return (await import("./kafka-target.js")).openKafka;
  }
}

/** A URL's own parameter (`?stream=…`), or the default. */
export function param(to: string, name: string, fallback: string): string {
  const v = new URL(to).searchParams.get(name);
  return v === null || v === "" ? fallback : v;
}

/** The URL without the parameters dgen reads itself (so the client sees only its own). */
export function withoutParams(to: string, names: readonly string[]): string {
  const url = new URL(to);
  for (const n of names) url.searchParams.delete(n);
  return url.toString();
}
