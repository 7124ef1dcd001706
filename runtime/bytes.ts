/**
 * The `bytes` helpers of the language (spec §15): `random_bytes(n)`, `hex(b)`, `unhex(s)`.
 *
 *   randomBytes(t, 6)        // Uint8Array(6) from draws 0 and 1 of the call-site stream t
 *   hex(unhex("00ff10"))     // "00ff10"
 *   unhex("0g")              // RangeError: unhex: "g" at offset 1 is not a hex digit.
 */
import { u32 } from "./rng/stream.js";

/**
 * `n` bytes drawn from the call-site stream `t`: draw k (`u32(t, k)`) gives bytes 4k..4k+3, low
 * byte first. A pure function of (t, n), and a prefix of a longer draw from the same `t`.
 *
 *   randomBytes(t, 4)   // the 4 bytes of u32(t, 0), little-endian
 */
export function randomBytes(t: number, n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randomBytes: length ${n} is not a non-negative integer.`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const w = u32(t, i >>> 2);
    out[i] = w & 0xff;
    if (i + 1 < n) out[i + 1] = (w >>> 8) & 0xff;
    if (i + 2 < n) out[i + 2] = (w >>> 16) & 0xff;
    if (i + 3 < n) out[i + 3] = w >>> 24;
  }
  return out;
}

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * The bytes as lower-case hex, two digits a byte.
 *
 *   hex(new Uint8Array([0, 255, 16]))   // "00ff10"
 */
export function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX_PAIRS[b[i]];
  return s;
}

/** The value of one hex digit's char code, or -1. */
function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * The bytes written as hex (either case). Emitted code calls it only on constants the compiler has
 * checked, so an odd length or a non-hex digit is our bug: it throws a RangeError saying which.
 *
 *   unhex("00FF10")   // Uint8Array [0, 255, 16]
 *   unhex("abc")      // RangeError: unhex: odd length 3; hex needs two digits a byte.
 */
export function unhex(s: string): Uint8Array {
  if (s.length % 2 !== 0) throw new RangeError(`unhex: odd length ${s.length}; hex needs two digits a byte.`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < s.length; i += 2) {
    const hi = digit(s.charCodeAt(i));
    const lo = digit(s.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? i : i + 1;
      throw new RangeError(`unhex: ${JSON.stringify(s[at])} at offset ${at} is not a hex digit.`);
    }
    out[i >>> 1] = (hi << 4) | lo;
  }
  return out;
}
