/**
 * The settings of `dgen stream` and their parsers: rates, durations, counts and fault shares, as typed
 * on the command line. Pure; each parser returns the value or what is wrong with the text.
 *
 *   parseRate("500/s")      // 500
 *   parseRate("30/m")       // 0.5
 *   parseRate("max")        // "max"
 *   parseDuration("10m")    // 600000
 *   parseShare("0.5%")      // 0.005
 *   parseDelay("2%:5s")     // { share: 0.02, ms: 5000 }
 */
import type { GenerateOptions } from "../generate-options.js";

/** The delivery faults asked for (shares in [0, 1]; they add up to at most 1). */
export interface FaultShares {
  readonly drop: number;
  readonly duplicate: number;
  readonly delay: number;
  /** How long a delayed event is held back, in milliseconds of wall-clock time. */
  readonly delayMs: number;
  readonly reorder: number;
}

export const NO_FAULTS: FaultShares = { drop: 0, duplicate: 0, delay: 0, delayMs: 0, reorder: 0 };

export interface StreamOptions {
  /** Events per second, or `max`: as fast as the target takes them. */
  readonly rate: number | "max";
  /** Stop after this many events (in event-time order). */
  readonly count?: number;
  /** Stop taking new events after this much wall-clock time, in milliseconds. */
  readonly durationMs?: number;
  /** `stdout`, `http(s)://…`, `nats://…`, `redis://…`, `mqtt://…`, `amqp://…`, `kafka://…`. */
  readonly to: string;
  /** `--event-time t.col`: the column that orders a table's events, by table. */
  readonly eventTime: Readonly<Record<string, string>>;
  readonly faults: FaultShares;
  /** `--give-up D`: how long a target keeps retrying a message before the stream fails (default 60 s). */
  readonly giveUpMs?: number;
  /** `--truth FILE`: the faults applied, as JSON Lines. */
  readonly truth?: string;
  /** The generate settings that shape the rows: seed, row counts, scale, tables. */
  readonly generate: GenerateOptions;
  readonly progress: boolean;
}

const RATE_UNITS: Readonly<Record<string, number>> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** `500/s`, `500` (per second), `30/m`, `3600/h`, `max`; at most 10 million a second. */
export function parseRate(text: string): number | "max" | string {
  if (text === "max") return "max";
  const m = /^(\d+(?:\.\d+)?)(?:\/(s|sec|m|min|h))?$/.exec(text.replaceAll("_", ""));
  if (m === null) return "expected events per second as N/s (or N/m, N/h), or max";
  const rate = Number(m[1]) / RATE_UNITS[m[2] ?? "s"]!;
  if (!(rate > 0)) return "expected a rate above 0";
  if (rate > 10_000_000) return "expected at most 10000000/s (or max)";
  return rate;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `10s`, `10m`, `2h`, `1d` → milliseconds (more than 0). */
export function parseDuration(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text);
  if (m === null) return "expected a duration such as 500ms, 10s, 10m, 2h";
  const ms = Number(m[1]) * DURATION_UNITS[m[2]!]!;
  if (!(ms > 0) || !Number.isSafeInteger(Math.round(ms))) return "expected a duration above 0";
  return Math.round(ms);
}

/** A whole number of events, at least 1. */
export function parseCount(text: string): number | string {
  const t = text.replaceAll("_", "");
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(Number(t)) || Number(t) < 1) return "expected a whole number of at least 1";
  return Number(t);
}

/** `1%`, `0.5%` → a share in [0, 1]. */
export function parseShare(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (m === null) return "expected a percentage such as 1% or 0.5%";
  const share = Number(m[1]) / 100;
  if (share > 1) return "expected at most 100%";
  return share;
}

/** `2%:5s`: the share of events delayed, and by how long. */
export function parseDelay(text: string): { share: number; ms: number } | string {
  const colon = text.indexOf(":");
  if (colon < 0) return "expected SHARE:DURATION, as in 2%:5s";
  const share = parseShare(text.slice(0, colon));
  if (typeof share === "string") return share;
  const ms = parseDuration(text.slice(colon + 1));
  if (typeof ms === "string") return ms;
  return { share, ms };
}

/** What is wrong with the shares together (each event gets at most one fault), if anything. */
export function faultSharesProblem(f: FaultShares): string | undefined {
  const total = f.drop + f.duplicate + f.delay + f.reorder;
  return total > 1 + 1e-12 ? `the fault shares add up to ${+(total * 100).toFixed(6)}%, more than 100%` : undefined;
}
