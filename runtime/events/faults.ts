/**
 * Which delivery fault, if any, befalls an event: a pure function of (seed, sequence number), so the
 * same seed gives the same faults on every run, on every target, at every rate. One uniform draw from
 * the stream's own key (`columnKey(seed, "#events", "faults")`, the cell of the event's number) falls
 * into one of the shares, laid end to end: drop, duplicate, delay, reorder, none. An event gets at
 * most one fault.
 *
 *   const f = new FaultPlan(7n, { drop: 0.01, duplicate: 0.005, delay: 0.02, delayMs: 5000, reorder: 0.01 });
 *   f.at(0)   // "none" (for 96.5 % of the numbers)
 */
import { cell, columnKey, unit } from "../rng/stream.js";
import type { FaultShares } from "./event-options.js";

export type Fault = "none" | "drop" | "duplicate" | "delay" | "reorder";

export class FaultPlan {
  private readonly key: number;
  private readonly bounds: readonly [number, number, number, number];
  readonly any: boolean;

  constructor(
    seed: number | bigint,
    readonly shares: FaultShares,
  ) {
    this.key = columnKey(seed, "#events", "faults");
    const a = shares.drop;
    const b = a + shares.duplicate;
    const c = b + shares.delay;
    const d = c + shares.reorder;
    this.bounds = [a, b, c, d];
    this.any = d > 0;
  }

  at(seq: number): Fault {
    if (!this.any) return "none";
    const u = unit(cell(this.key, seq, 0), 0);
    const [a, b, c, d] = this.bounds;
    return u < a ? "drop" : u < b ? "duplicate" : u < c ? "delay" : u < d ? "reorder" : "none";
  }
}
