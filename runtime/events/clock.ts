/**
 * The one clock of `dgen stream`: a steady one (`performance.now()`, milliseconds, never jumps with
 * the wall clock), read only to pace the sending — the token bucket, delays, retries, progress. No
 * event's content ever depends on it (test/behaviour/no-clock.test.ts allows this file alone in
 * runtime/events/).
 *
 *   const t0 = steadyClock();  …  steadyClock() - t0   // ms since t0
 */
export type Clock = () => number;

export const steadyClock: Clock = () => performance.now();
