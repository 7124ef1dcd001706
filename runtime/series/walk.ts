/**
 * The state behind one `walk(sd)` or `gbm(s0, mu, sigma)` call site of a time-series table.
 *
 * The value at step k of parent p's series is a pure function of (key, slot, p, k):
 *
 *   walk: W_0 = 0,  W_k = W_{k−1} + sd · z_k
 *   gbm:  S_0 = s0, S_k = S_{k−1} · exp(drift + vol · z_k)    (drift = (μ − σ²/2)·dt, vol = σ·√dt)
 *
 * where z_k is a standard normal from the call site's stream at row p·length + k, attempt 0:
 * `sub(cell(key, p·length + k, 0), slot)`. Redraws of a row for its checks use other attempts, so
 * they never move a series. Each call site keeps its last (key, p, k, value): the writer's next row
 * costs one draw; a step further along the same series continues from there; anything else starts
 * again at step 0. Random access (`reading(i)`) therefore gives the writer's value, in O(k), and
 * the arithmetic is the same sequence of operations either way, so the bits agree.
 *
 *   const w = new SeriesWalk(2016, 0, 0, 0.05, false);
 *   w.at(key, 3, 0, 0)   // 0 (W_0)
 *   w.at(key, 3, 0, 1)   // 0.05 · z_1
 */
import { cell, sub } from "../rng/stream.js";
import { stdNormal } from "../rng/ziggurat.js";

export class SeriesWalk {
  private key = 0;
  private p = -1;
  private k = -1;
  private v = 0;

  /**
   * @param length rows per parent (the series length)
   * @param x0 the value at step 0
   * @param drift added (walk) or put in the exponent (gbm) at every step
   * @param vol the innovation's scale
   * @param geometric false for `walk`, true for `gbm`
   */
  constructor(
    private readonly length: number,
    private readonly x0: number,
    private readonly drift: number,
    private readonly vol: number,
    private readonly geometric: boolean,
  ) {}

  /** The value at step `k` of parent `p`'s series, for the call site at `slot` of the column keyed `key`. */
  at(key: number, slot: number, p: number, k: number): number {
    if (key !== this.key || p !== this.p || k < this.k) {
      this.key = key;
      this.p = p;
      this.k = 0;
      this.v = this.x0;
    }
    const base = p * this.length;
    let v = this.v;
    for (let j = this.k + 1; j <= k; j++) {
      const z = stdNormal(sub(cell(key, base + j, 0), slot), 0);
      v = this.geometric ? v * Math.exp(this.drift + this.vol * z) : v + this.vol * z;
    }
    this.k = k;
    this.v = v;
    return v;
  }
}

const YEAR_MS = 365.25 * 86_400_000;

/** A `gbm` call site's per-step drift and volatility for a step of `stepMs` (μ and σ are per year of 365.25 days). */
export function gbmStep(mu: number, sigma: number, stepMs: number): { drift: number; vol: number } {
  const dt = stepMs / YEAR_MS;
  return { drift: (mu - (sigma * sigma) / 2) * dt, vol: sigma * Math.sqrt(dt) };
}
