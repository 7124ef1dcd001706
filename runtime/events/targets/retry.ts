/**
 * Retrying with back-off for the targets: waits of 100 ms, doubling up to 5 s, with a random quarter
 * of jitter, until `giveUpMs` have passed since the first try; then the last error is thrown. A
 * `fatal(e)` error (a target that refuses for good: a bad password, an HTTP 400) is thrown at once.
 *
 *   await retry(() => js.publish(subject, text), { giveUpMs: 60_000 })
 */
import { randomInt } from "node:crypto";
import { steadyClock } from "../clock.js";

export interface RetryOptions {
  readonly giveUpMs: number;
  readonly fatal?: (e: unknown) => boolean;
  /** Called before each wait (a target reconnects here). */
  readonly onRetry?: (e: unknown) => Promise<void> | void;
}

export async function retry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const start = steadyClock();
  let wait = 100;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (options.fatal?.(e) === true || steadyClock() - start + wait > options.giveUpMs) throw e;
      await sleep(wait * (0.75 + randomInt(1024) / 4096));
      wait = Math.min(5000, wait * 2);
      try {
        await options.onRetry?.(e);
      } catch {
        // the next attempt says whether the target is back
      }
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
