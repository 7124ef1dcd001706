/**
 * Wide decimals (v2 §15): a `decimal(p, s)` with 15 < p ≤ 38 is held exactly as a BigInt of scaled units
 * (value × 10^s), never as a double. The generated code computes in units; the writers print the text.
 *
 *   formatUnits(-123456n, 2)       // "-1234.56"
 *   rescaleUnits(12345n, 2)        // 123n (123.45 → 123, half-even)
 *   decimalUnits(19.99, 2)         // 1999n (a decimal(p ≤ 15, 2) value, held as a double, in units)
 */
import { u32 } from "../rng/stream.js";

/** `v` units of 10^-scale as decimal text with exactly `scale` digits after the point. */
export function formatUnits(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  if (scale === 0) return neg ? "-" + digits : digits;
  const padded = digits.length <= scale ? "0".repeat(scale - digits.length + 1) + digits : digits;
  const cut = padded.length - scale;
  return (neg ? "-" : "") + padded.slice(0, cut) + "." + padded.slice(cut);
}

/** `v` divided by 10^drop, rounded half-even (dropping `drop` decimal places exactly). */
export function rescaleUnits(v: bigint, drop: number): bigint {
  if (drop <= 0) return v * 10n ** BigInt(-drop);
  const d = 10n ** BigInt(drop);
  const q = v / d;
  const r = v - q * d; // same sign as v
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d || (twice === d && q % 2n !== 0n)) return v < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * A decimal held as a double rounded to `scale` places (p ≤ 15) in units: |x| · 10^scale < 10^15 < 2^53,
 * so the nearest integer of the product is the exact unit count.
 */
export function decimalUnits(x: number, scale: number): bigint {
  return BigInt(Math.round(x * 10 ** scale));
}

/**
 * A uniform BigInt in [lo, hi] from stream `t`: 32-bit words, rejection of the excess so every value is
 * equally likely (draw k of the stream, k = 0, 1, …, as long as needed).
 */
export function uniformUnits(t: number, lo: bigint, hi: bigint): bigint {
  if (hi < lo) [lo, hi] = [hi, lo];
  const span = hi - lo + 1n;
  const bits = span.toString(2).length;
  const words = Math.ceil(bits / 32);
  const mask = (1n << BigInt(bits)) - 1n;
  for (let k = 0; ; k += words) {
    let x = 0n;
    for (let w = 0; w < words; w++) x = (x << 32n) | BigInt(u32(t, k + w));
    x &= mask;
    if (x < span) return lo + x;
  }
}
