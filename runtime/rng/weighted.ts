/**
 * A weighted choice among indices 0..n-1, built once (Vose's alias method), picked in O(1): a uniform
 * x in [0, n) selects column floor(x), and the fraction of x flips that column's biased coin.
 *
 * Tables of at most SMALL_TABLE (128) entries take x from one u32 draw u (draw 0): x = u·n/2^32. Each
 * column then gets ⌊2^32/n⌋ or ⌈2^32/n⌉ of the 2^32 draws and its coin is decided on a grid of
 * spacing n/2^32, so each column's share of an outcome is off by less than 2·2^-32 and an outcome's
 * probability (its own column plus those aliased to it, at most n) by less than 2n·2^-32 ≤ 2^-24 —
 * relative to the average probability 1/n, below 2n²·2^-32 ≤ 2^-16, the bound `below` accepts for one
 * draw. A zero weight is still never picked (its coin is 0). Larger tables use
 * a 53-bit unit (draws 0 and 1), whose error is below 2n·2^-53.
 *
 *   const t = new WeightedTable([0.5, 0.3, 0.2]);
 *   t.pick(sub(cell(key, row, 0), 0))   // 0 about half of the time
 */
import { u32, unit } from "./stream.js";

/** Largest table picked from a single u32 draw (see above). */
const SMALL_TABLE = 128;
/** 2^-32. */
const TWO_POW_M32 = 1 / 4294967296;

export class WeightedTable {
  /** Number of choices. */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  /** size ≤ SMALL_TABLE: pick from one u32 draw. */
  private readonly small: boolean;
  /** size / 2^32 (exact). */
  private readonly scale32: number;

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
    this.small = n <= SMALL_TABLE;
    this.scale32 = n * TWO_POW_M32;
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

  /**
   * An index in [0, size) with probability weight/sum. u32 draw 0 of `t` for tables of at most 128
   * entries, else unit 0 (u32 draws 0 and 1); draws from 2 on are free for the caller either way.
   */
  pick(t: number): number {
    if (this.small) {
      const x = u32(t, 0) * this.scale32;
      const i = x | 0;
      return x - i < this.prob[i] ? i : this.alias[i];
    }
    const x = unit(t, 0) * this.size;
    const i = Math.floor(x);
    return x - i < this.prob[i] ? i : this.alias[i];
  }
}
