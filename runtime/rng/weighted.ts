/**
 * A weighted choice among indices 0..n-1, built once (Vose's alias method), picked in O(1) from one
 * 53-bit unit (two u32 draws): the unit's integer part selects a column, its fraction flips the
 * column's biased coin.
 *
 *   const t = new WeightedTable([0.5, 0.3, 0.2]);
 *   t.pick(sub(cell(key, row, 0), 0))   // 0 about half of the time
 */
import { unit } from "./stream.js";

export class WeightedTable {
  /** Number of choices. */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  /** `weights`: finite, ≥ 0, not all zero. Throws a RangeError otherwise (the compiler checks first). */
  constructor(weights: readonly number[]) {
    const n = weights.length;
    let sum = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Weights must be finite and ≥ 0, got ${w}.`);
      sum += w;
    }
    if (n === 0 || sum <= 0) throw new RangeError("At least one weight must be positive.");
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / sum;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        large.pop();
        small.push(l);
      }
    }
    // Leftovers are 1 up to rounding; a zero-weight entry can only be left over through rounding
    // noise, so it keeps probability 0 and defers to its alias.
    for (const i of large) this.fill(i, weights);
    for (const i of small) this.fill(i, weights);
  }

  private fill(i: number, weights: readonly number[]): void {
    if (weights[i] > 0) {
      this.prob[i] = 1;
      this.alias[i] = i;
    } else {
      this.prob[i] = 0;
      this.alias[i] = weights.findIndex((w) => w > 0);
    }
  }

  /** An index in [0, size) with probability weight/sum. Units 0 of `t` (u32 draws 0 and 1). */
  pick(t: number): number {
    const x = unit(t, 0) * this.size;
    const i = Math.floor(x);
    return x - i < this.prob[i] ? i : this.alias[i];
  }
}
