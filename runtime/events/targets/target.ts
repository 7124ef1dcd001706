/**
 * Where a stream's events go: one interface, one file per kind of target (`open-target.ts` picks it by
 * the URL's scheme and imports its client package only then, so no other command ever loads one).
 *
 * A target takes batches of messages in stream order. `send` resolves once the target has
 * acknowledged every message of the batch — what "acknowledged" means differs per target (docs/cli.md,
 * "dgen stream"): written to the pipe (stdout), a 2xx answer (HTTP), a JetStream PubAck (NATS), the
 * XADD reply (Redis), a PUBACK (MQTT QoS 1), a publisher confirm (RabbitMQ), the partition leader's and
 * in-sync replicas' ack (Kafka). Calls may overlap; a target retries what failed with back-off
 * (retry.ts) and rejects only when it gives up, with a message that never holds the URL's password.
 */
export interface Message {
  readonly seq: number;
  readonly table: string;
  readonly index: number;
  /** 0, or 1 for the second copy of a duplicated event. */
  readonly copy: 0 | 1;
  /** The event as JSON (event-text.ts), UTF-8, no line feed: a view into the batch's `lines`. */
  readonly bytes: Buffer;
  /** The same as text (decoded when asked for). */
  readonly text: string;
}

export interface EventTarget {
  /**
   * `lines`: every message's bytes followed by a line feed, in batch order (what a target that writes
   * JSON Lines sends as it is).
   */
  send(batch: readonly Message[], lines: Buffer): Promise<void>;
  /** Closes the connection; called once every `send` has settled. */
  close(): Promise<void>;
}

export interface TargetContext {
  /** The schema's dataset name: the default subject, key, topic or queue is made from it. */
  readonly dataset: string;
  /** The tables streamed (a target may prepare one topic or subject per table). */
  readonly tables: readonly string[];
  /** Where `stdout` writes (default: process.stdout). */
  readonly stdout?: NodeJS.WritableStream;
  /** Unique to this run (message ids for the brokers that deduplicate). */
  readonly runId: string;
  /** How long a target keeps retrying one message before it gives up, in ms. */
  readonly giveUpMs: number;
}
