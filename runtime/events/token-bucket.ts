/**
 * The pace of a stream: a token bucket on a steady clock (clock.ts, which never jumps with the wall
 * clock). Tokens flow in at `rate` a second from an empty bucket, so after t seconds at most
 * `rate · t` events have gone; the bucket holds at most `burst` tokens, so after a stall (a slow
 * target, a pause of the process) the stream catches up by at most that many events, then goes on at
 * the rate. (Wall-clock time paces the sending only; it never reaches an event's content.)
 *
 *   const b = new TokenBucket(1000, 100);
 *   b.take(50)        // 0 right at the start; after 20 ms, 20
 *   b.waitMs(1)       // how long until one more token
 */
import { type Clock, steadyClock } from "./clock.js";

export class TokenBucket {
  private tokens = 0;
  private last: number;

  /**
   * @param rate tokens a second (more than 0)
   * @param burst the most tokens the bucket holds (at least 1)
   */
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: Clock = steadyClock,
  ) {
    this.last = clock();
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
  }

  /** Takes up to `most` whole tokens that are there now; returns how many it took. */
  take(most: number): number {
    this.refill();
    const n = Math.min(most, Math.floor(this.tokens));
    this.tokens -= n;
    return n;
  }

  /** Milliseconds until `n` whole tokens are there (0 when they are). */
  waitMs(n: number): number {
    this.refill();
    return this.tokens >= n ? 0 : ((n - this.tokens) * 1000) / this.rate;
  }
}

/** The bucket's size for a rate: a quarter of a second of events, at least one, at most 100 000. */
export function burstFor(rate: number): number {
  return Math.max(1, Math.min(100_000, Math.round(rate / 4)));
}
