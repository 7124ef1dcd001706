/**
 * `dgen stream`'s run: a schema's rows as events, in event time, paced by a token bucket, with the
 * delivery faults asked for, to one target. The rows are those of `generate` for the same seed and
 * counts (planned by runtime/run-plan.ts with the JSON Lines format); only when they are sent depends
 * on the clock.
 *
 *   const r = await streamEvents(program, { rate: 500, count: 1000, to: "stdout", … }, {});
 *   r.events   // 1000
 *
 * The loop takes as many events as the bucket allows (at most about 5 ms worth at a time), lets the
 * fault plan decide what goes out now, and hands the batch to the target without waiting for its
 * acknowledgement, up to a window of messages in flight. On SIGINT or SIGTERM it takes no more
 * events, sends what waits (held and delayed events), waits until every message in flight is
 * acknowledged, writes the truth file and ends with the warning DG5205. Never throws on user input.
 */
import { randomBytes } from "node:crypto";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Program, TableProgram } from "../contract.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { loadWriteKeys } from "../noise/write-keys.js";
import { planRun } from "../run-plan.js";
import { hide, reason, safeUrl } from "../db/url-text.js";
import { Delivery, type Outgoing } from "./delivery.js";
import { EventMerge, type StreamEvent } from "./event-merge.js";
import { faultSharesProblem, type StreamOptions } from "./event-options.js";
import { EventProgress } from "./event-progress.js";
import { type EventOrder, tableCursor } from "./event-source.js";
import { EventText, type TimeText } from "./event-text.js";
import { FaultPlan } from "./faults.js";
import { openTarget } from "./targets/open-target.js";
import type { EventTarget, Message } from "./targets/target.js";
import { steadyClock } from "./clock.js";
import { burstFor, TokenBucket } from "./token-bucket.js";
import { writeTruth } from "./truth-log.js";
import { ByteBuffer } from "../writers/byte-buffer.js";

/** A time-series table's first tick and step (from the schema's plan; the program does not carry them). */
export interface SeriesTicks {
  readonly fromMs: number;
  readonly stepMs: number;
}

export interface StreamEnv {
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly isTTY?: boolean;
  /** Where `DGEN_KEY` and `DGEN_MASK_KEY` are read (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The ticks of the time-series tables, by table. */
  readonly series?: ReadonlyMap<string, SeriesTicks>;
}

export interface StreamResult {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** Events taken from the stream (each once, whatever its fault). */
  readonly events: number;
  /** Messages acknowledged by the target (duplicates count twice, drops not at all). */
  readonly acknowledged: number;
  /** From the first event taken to the last message acknowledged. */
  readonly seconds: number;
  readonly stopped: "end" | "count" | "duration" | "signal" | "failure";
}

const EVENT_TIME_KINDS = new Set(["timestamp", "date", "int", "bigint", "float", "decimal"]);

export async function streamEvents(program: Program, options: StreamOptions, env: StreamEnv = {}): Promise<StreamResult> {
  const fail = (d: Diagnostic): StreamResult => ({
    ok: false,
    diagnostics: [d],
    events: 0,
    acknowledged: 0,
    seconds: 0,
    stopped: "failure",
  });
  const shares = faultSharesProblem(options.faults);
  if (shares !== undefined) return fail(runtimeDiag(messages.streamBadOption, ["--drop/--duplicate/--delay/--reorder", shares]));
  let planned: ReturnType<typeof planRun>;
  try {
    planned = planRun(program, { ...options.generate, format: "jsonl" }, 1);
  } catch (e) {
    return fail(toDiagnostic(e));
  }
  const plan = planned.plan;
  if (plan === undefined) return { ...fail(planned.diagnostics[0]!), diagnostics: planned.diagnostics };
  const orders = eventOrders(plan.files.map((f) => f.table), options.eventTime, env.series ?? new Map());
  if ("problem" in orders) return fail(orders.problem);
  let cursors;
  try {
    const cells = { keys: loadWriteKeys(plan.files.map((f) => f.table), env.env ?? process.env) };
    cursors = plan.files.map((f) => tableCursor(f, orders.orders.get(f.table.name)!, cells));
  } catch (e) {
    return fail(toDiagnostic(e));
  }
  const merge = new EventMerge(
    cursors,
    plan.files.map((f) => orders.orders.get(f.table.name)!.kind !== "rows"),
  );
  let target: EventTarget;
  try {
    target = await openTarget(options.to, {
      dataset: program.dataset,
      tables: plan.files.map((f) => f.table.name),
      ...(env.stdout !== undefined ? { stdout: env.stdout } : {}),
      runId: `${process.pid.toString(36)}-${randomBytes(6).toString("hex")}`,
      giveUpMs: options.giveUpMs ?? 60_000,
    });
  } catch (e) {
    return fail(toDiagnostic(e, options.to));
  }
  const stderr = env.stderr ?? process.stderr;
  const tty = env.isTTY ?? (stderr as { isTTY?: boolean }).isTTY === true;
  const progress = new EventProgress(options.progress && tty ? stderr : undefined);
  const loop = new StreamLoop(options, merge, target, new EventText(orders.text), progress, plan.settings.seed);
  let result: StreamResult;
  try {
    result = await loop.run();
  } finally {
    progress.end();
  }
  if (options.truth !== undefined) {
    const problem = writeTruth(options.truth, loop.delivery.truth);
    if (problem) return { ...result, ok: false, diagnostics: [...result.diagnostics, problem] };
  }
  return result;
}

/** Each table's event order and how its time is written; a DG8102 when `--event-time` is wrong. */
function eventOrders(
  tables: readonly TableProgram[],
  eventTime: Readonly<Record<string, string>>,
  series: ReadonlyMap<string, SeriesTicks>,
): { orders: Map<string, EventOrder>; text: Map<string, TimeText> } | { problem: Diagnostic } {
  const orders = new Map<string, EventOrder>();
  const text = new Map<string, TimeText>();
  for (const [name, column] of Object.entries(eventTime)) {
    const table = tables.find((t) => t.name === name);
    const shown = `${name}.${column}`;
    if (table === undefined)
      return { problem: runtimeDiag(messages.streamBadEventTime, [shown, `no table '${name}' is streamed`]) };
    const col = table.columns.findIndex((c) => c.name === column);
    if (col < 0) return { problem: runtimeDiag(messages.streamBadEventTime, [shown, `table '${name}' has no column '${column}'`]) };
    const kind = table.columns[col]!.kind;
    if (!EVENT_TIME_KINDS.has(kind))
      return {
        problem: runtimeDiag(messages.streamBadEventTime, [
          shown,
          `the column is ${table.columns[col]!.type}; an event time is a timestamp, a date or a number`,
        ]),
      };
    orders.set(name, { kind: "column", column: col });
    text.set(name, kind === "timestamp" || kind === "date" ? "iso" : "number");
  }
  for (const t of tables) {
    if (orders.has(t.name)) continue;
    const ticks = t.seriesLength !== undefined ? series.get(t.name) : undefined;
    orders.set(t.name, ticks !== undefined ? { kind: "ticks", ...ticks } : { kind: "rows" });
    text.set(t.name, ticks !== undefined ? "iso" : "none");
  }
  return { orders, text };
}

class StreamLoop {
  readonly delivery: Delivery;
  private readonly plan: FaultPlan;
  private bucket: TokenBucket | undefined;
  /** The first event, made before the clock starts (so its table's first chunk is no burst). */
  private first: StreamEvent | undefined;
  private readonly maxBatch: number;
  /** Where a batch's lines are made (its bytes are copied out for each batch). */
  private readonly lines = new ByteBuffer(1 << 16);
  private readonly window: number;
  private inFlight = 0;
  private acknowledged = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: Diagnostic | undefined;
  private events = 0;
  private signalled = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly options: StreamOptions,
    private readonly merge: EventMerge,
    private readonly target: EventTarget,
    private readonly text: EventText,
    private readonly progress: EventProgress,
    seed: number | bigint,
  ) {
    this.plan = new FaultPlan(seed, options.faults);
    this.delivery = new Delivery(this.plan, options.faults.delayMs);
    const rate = options.rate;
    this.maxBatch = rate === "max" ? 1000 : Math.max(1, Math.min(1000, Math.ceil(rate / 200)));
    this.window = rate === "max" ? 20_000 : Math.max(1000, Math.min(100_000, Math.ceil(rate)));
  }

  private readonly onSignal = () => {
    if (this.signalled) {
      // A second signal: stop waiting for acknowledgements.
      process.stderr.write(`\nerror[${messages.interrupted.code}]: ${messages.interrupted.format()}\n`);
      process.exit(1);
    }
    this.signalled = true;
    this.wake?.();
  };

  async run(): Promise<StreamResult> {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
    const rate = this.options.rate;
    try {
      this.first = this.merge.next();
    } catch (e) {
      this.failure = toDiagnostic(e);
    }
    this.bucket = rate === "max" ? undefined : new TokenBucket(rate, burstFor(rate));
    const start = steadyClock();
    let stopped: StreamResult["stopped"] = "end";
    try {
      stopped = await this.stream(start);
      const out: Outgoing[] = [];
      if (this.signalled) this.delivery.flush(out);
      else this.delivery.releaseHeld(out);
      if (this.failure === undefined) this.dispatch(out.splice(0));
      // Delayed events go out when their time comes (at once after a signal).
      while (this.failure === undefined && this.delivery.nextDue() !== undefined) {
        if (this.signalled) {
          stopped = "signal";
          this.delivery.flush(out);
        } else {
          await this.pause(Math.max(1, this.delivery.nextDue()! - steadyClock()));
          this.delivery.due(steadyClock(), out);
        }
        this.dispatch(out.splice(0));
        this.showProgress();
      }
      while (this.pending.size > 0) await Promise.race(this.pending);
    } catch (e) {
      this.failure ??= toDiagnostic(e);
    } finally {
      process.off("SIGINT", this.onSignal);
      process.off("SIGTERM", this.onSignal);
    }
    try {
      await this.target.close();
    } catch {
      // every message was acknowledged (or the stream failed already); a failing close changes neither
    }
    const seconds = (steadyClock() - start) / 1000;
    const base = { events: this.events, acknowledged: this.acknowledged, seconds };
    if (this.failure) return { ok: false, diagnostics: [this.failure], ...base, stopped: "failure" };
    if (this.signalled)
      return { ok: true, diagnostics: [runtimeDiag(messages.streamStopped, [this.events, this.acknowledged])], ...base, stopped: "signal" };
    return { ok: true, diagnostics: [], ...base, stopped };
  }

  /** Takes events until the stream ends, the count or duration is reached, a signal comes or the target fails. */
  private async stream(start: number): Promise<StreamResult["stopped"]> {
    const { count, durationMs } = this.options;
    const out: Outgoing[] = [];
    for (;;) {
      if (this.failure) return "failure";
      if (this.signalled) return "signal";
      if (count !== undefined && this.events >= count) return "count";
      const now = steadyClock();
      if (durationMs !== undefined && now - start >= durationMs) return "duration";
      this.delivery.due(now, out);
      let n = count !== undefined ? Math.min(this.maxBatch, count - this.events) : this.maxBatch;
      if (this.bucket !== undefined) n = this.bucket.take(n);
      let ended = false;
      for (let i = 0; i < n; i++) {
        const e = this.first ?? this.merge.next();
        this.first = undefined;
        if (e === undefined) {
          ended = true;
          break;
        }
        this.events++;
        this.delivery.offer(e, now, out);
      }
      this.dispatch(out.splice(0));
      this.showProgress();
      if (ended) return "end";
      if (this.inFlight >= this.window) await Promise.race([...this.pending, this.wakeUp()]);
      else if (this.bucket !== undefined && n === 0) {
        const next = this.delivery.nextDue();
        const wait = Math.min(this.bucket.waitMs(1), next !== undefined ? next - now : Infinity);
        await this.pause(Math.max(1, wait));
      } else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private dispatch(out: readonly Outgoing[]): void {
    if (out.length === 0) return;
    // Every event's bytes, one a line, into one buffer; the messages are views into it.
    const lines = this.lines;
    const ends: number[] = [];
    let last: StreamEvent | undefined;
    let lastStart = 0;
    let lastEnd = 0;
    for (const { event } of out) {
      if (event === last) {
        // A duplicate's two copies come one after the other: the same bytes again.
        lines.ensure(lastEnd - lastStart + 1);
        lines.buf.copyWithin(lines.pos, lastStart, lastEnd);
        lines.pos += lastEnd - lastStart;
      } else {
        last = event;
        lastStart = lines.pos;
        this.text.write(event, lines);
        lastEnd = lines.pos;
      }
      ends.push(lines.pos);
      lines.byte(10);
    }
    // Uninitialised memory, filled at once (Uint8Array.slice would zero it first).
    const bytes = Buffer.allocUnsafe(lines.pos);
    bytes.set(lines.buf.subarray(0, lines.pos));
    lines.pos = 0;
    const batch: Message[] = new Array(out.length);
    for (let i = 0, start = 0; i < out.length; i++) {
      const { event, copy } = out[i]!;
      batch[i] = new BatchMessage(event.seq, event.table, event.index, copy, bytes, start, ends[i]!);
      start = ends[i]! + 1;
    }
    this.inFlight += batch.length;
    const p = this.target.send(batch, bytes).then(
      () => {
        this.inFlight -= batch.length;
        this.acknowledged += batch.length;
      },
      (e: unknown) => {
        this.inFlight -= batch.length;
        this.failure ??=
          e instanceof RunError
            ? e.diagnostic
            : runtimeDiag(messages.streamGaveUp, [safeUrl(this.options.to), this.acknowledged, hide(reason(e), this.options.to)]);
        this.wake?.();
      },
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private showProgress(): void {
    this.progress.show(this.events, this.acknowledged, this.delivery.waiting);
  }

  /** Sleeps `ms`, or less when a signal or a failure comes. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private wakeUp(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

/** One message of a batch: a view into the batch's lines. */
class BatchMessage implements Message {
  constructor(
    readonly seq: number,
    readonly table: string,
    readonly index: number,
    readonly copy: 0 | 1,
    private readonly lines: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get bytes(): Buffer {
    return this.lines.subarray(this.start, this.end);
  }

  get text(): string {
    return this.lines.toString("utf8", this.start, this.end);
  }
}

function toDiagnostic(e: unknown, to?: string): Diagnostic {
  if (e instanceof RunError) return e.diagnostic;
  const text = reason(e);
  return runtimeDiag(messages.internal, [to !== undefined ? hide(text, to) : text]);
}
