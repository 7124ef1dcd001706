/**
 * A keyed bijection on [0, size), 1 ≤ size ≤ 2^52, in O(1) memory: a balanced Feistel network over the
 * smallest even bit width 2h covering size (6 rounds, round function mix32 of the right half and a
 * round key), with cycle-walking: indices that land ≥ size are encrypted again until they fall inside.
 * Since 2^(2h) < 4·size, the expected number of walks is below 4.
 *
 *   const p = new Permutation(100, key);
 *   lo + p.at(row)      // a unique int in [lo, lo + 100) for rows 0..99
 */
import { mix32 } from "../rng/stream.js";

const ROUNDS = 6;

export class Permutation {
  readonly size: number;
  private readonly half: number;
  private readonly halfPow: number;
  private readonly mask: number;
  private readonly keys: Int32Array;

  constructor(size: number, key: number) {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** 52) {
      throw new RangeError(`Permutation size must be an integer in [1, 2^52], got ${size}.`);
    }
    this.size = size;
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.half = bits / 2;
    this.halfPow = 2 ** this.half;
    this.mask = this.halfPow - 1;
    this.keys = new Int32Array(ROUNDS);
    let k = mix32((key ^ 0x5bd1e995) >>> 0);
    for (let i = 0; i < ROUNDS; i++) {
      k = mix32((k + 0x9e3779b9 + i) >>> 0);
      this.keys[i] = k;
    }
  }

  /** The image of `index` ∈ [0, size). Distinct indices give distinct results. */
  at(index: number): number {
    if (!(index >= 0 && index < this.size)) throw new RangeError(`Index ${index} outside [0, ${this.size}).`);
    let x = index;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    const mask = this.mask;
    let l = Math.floor(x / this.halfPow);
    let r = x & mask;
    for (let i = 0; i < ROUNDS; i++) {
      const f = mix32((r ^ this.keys[i]) >>> 0) & mask;
      const nl = r;
      r = (l ^ f) & mask;
      l = nl;
    }
    return l * this.halfPow + r;
  }
}
