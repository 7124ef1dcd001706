/**
 * Applies the fault plan to the stream: what goes out now, what waits. In stream order, an event
 *
 * - `drop`: never goes out;
 * - `duplicate`: goes out twice, one copy right after the other;
 * - `delay`: goes out when `delayMs` of wall-clock time have passed since its turn (events after it
 *   go on meanwhile);
 * - `reorder`: is held back and goes out right after the next event that goes out at its turn (an
 *   event with no fault, or a duplicated one), so it swaps places with it;
 * - otherwise goes out at its turn.
 *
 * Every fault is logged for the truth file (truth-log.ts). Which fault an event gets, and after which
 * event a reordered one goes, depend only on (seed, sequence numbers); only when a delayed event
 * arrives depends on the clock.
 *
 *   const d = new Delivery(plan, 5000);
 *   d.offer(e, now, out)   // out: the messages to send now
 */
import type { StreamEvent } from "./event-merge.js";
import type { FaultPlan } from "./faults.js";

/** One message to send: an event, or the second copy of a duplicated one. */
export interface Outgoing {
  readonly event: StreamEvent;
  /** 0, or 1 for the second copy of a duplicated event. */
  readonly copy: 0 | 1;
}

/** One line of the truth file. */
export interface TruthEntry {
  readonly seq: number;
  readonly table: string;
  readonly index: number;
  readonly fault: "drop" | "duplicate" | "delay" | "reorder";
  /** `delay`: how long it was held back. */
  readonly ms?: number;
  /** `reorder`: the event it went out right after (null: it went out at the end of the stream). */
  readonly after?: number | null;
}

export class Delivery {
  readonly truth: TruthEntry[] = [];
  private held: StreamEvent[] = [];
  private readonly delayed: { event: StreamEvent; due: number }[] = [];
  private delayedAt = 0;

  constructor(
    private readonly plan: FaultPlan,
    private readonly delayMs: number,
  ) {}

  /** The next event of the stream, at `now` (ms of the steady clock): appends what goes out now. */
  offer(event: StreamEvent, now: number, out: Outgoing[]): void {
    const fault = this.plan.at(event.seq);
    const entry = { seq: event.seq, table: event.table, index: event.index };
    switch (fault) {
      case "drop":
        this.truth.push({ ...entry, fault });
        return;
      case "delay":
        this.truth.push({ ...entry, fault, ms: this.delayMs });
        this.delayed.push({ event, due: now + this.delayMs });
        return;
      case "reorder":
        this.held.push(event);
        return;
      case "duplicate":
        this.truth.push({ ...entry, fault });
        out.push({ event, copy: 0 }, { event, copy: 1 });
        break;
      case "none":
        out.push({ event, copy: 0 });
        break;
    }
    this.release(event.seq, out);
  }

  /** Appends the delayed events due at `now`. */
  due(now: number, out: Outgoing[]): void {
    while (this.delayedAt < this.delayed.length && this.delayed[this.delayedAt]!.due <= now)
      out.push({ event: this.delayed[this.delayedAt++]!.event, copy: 0 });
    if (this.delayedAt > 1024 && this.delayedAt * 2 > this.delayed.length) {
      this.delayed.splice(0, this.delayedAt);
      this.delayedAt = 0;
    }
  }

  /** When the next delayed event is due (steady-clock ms), if any waits. */
  nextDue(): number | undefined {
    return this.delayed[this.delayedAt]?.due;
  }

  /** How many events wait (delayed or held for a reorder). */
  get waiting(): number {
    return this.held.length + this.delayed.length - this.delayedAt;
  }

  /** The end of the stream: appends the events held for a reorder (they went out last). */
  releaseHeld(out: Outgoing[]): void {
    this.release(null, out);
  }

  /** A stop (Ctrl-C): appends every held event, then every delayed one, at once. */
  flush(out: Outgoing[]): void {
    this.release(null, out);
    this.due(Infinity, out);
  }

  private release(after: number | null, out: Outgoing[]): void {
    if (this.held.length === 0) return;
    for (const event of this.held) {
      this.truth.push({ seq: event.seq, table: event.table, index: event.index, fault: "reorder", after });
      out.push({ event, copy: 0 });
    }
    this.held = [];
  }
}
