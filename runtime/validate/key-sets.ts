/**
 * Sets of key values seen so far while validating. One column's values are kept exactly in a `Set`
 * (numbers, strings, BigInts); a composite key is kept as a 64-bit hash of its parts in an
 * open-addressing table of two `Uint32Array`s — 16 bytes a key at most, instead of a joined string.
 * Two different composite keys share a hash with probability about n² / 2⁶⁵ (under 3 in a million for
 * 10 million rows); such a pair would be reported as a duplicate.
 *
 *   const s = new HashSet64();
 *   s.add(["a1", 1])   // true: new
 *   s.add(["a1", 1])   // false: seen before
 */

/** A composite key: its parts' values (never null: a key with a null part is not checked). */
export type KeyParts = readonly unknown[];

export class HashSet64 {
  private hi = new Uint32Array(1 << 10);
  private lo = new Uint32Array(1 << 10);
  private size = 0;

  /** Adds the key; false when it was there already. */
  add(parts: KeyParts): boolean {
    const [h1, h2] = hash64(parts);
    return this.insert(h1, h2);
  }

  /** True when the key was added (a composite foreign key looks its parent's tuple up). */
  has(parts: KeyParts): boolean {
    const [h1, h2] = hash64(parts);
    const mask = this.hi.length - 1;
    for (let i = (h1 ^ h2) & mask; ; i = (i + 1) & mask) {
      const a = this.hi[i]!;
      const b = this.lo[i]!;
      if (a === 0 && b === 0) return false;
      if (a === h1 && b === h2) return true;
    }
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = (h1 ^ h2) & mask; ; i = (i + 1) & mask) {
      const a = this.hi[i]!;
      const b = this.lo[i]!;
      if (a === 0 && b === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        if (++this.size * 2 > this.hi.length) this.grow();
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }

  private grow(): void {
    const hi = this.hi;
    const lo = this.lo;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.size = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}

/** The 64-bit hash of a tuple, as two 32-bit halves (never (0, 0), which marks an empty slot). */
function hash64(parts: KeyParts): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of parts) {
    const s = typeof part === "string" ? part : String(part);
    // length-prefixed, so ("ab", "c") and ("a", "bc") differ (cyrb53's mixing, both halves kept)
    const n = s.length + 0x9e3779b9;
    h1 = Math.imul(h1 ^ n, 2654435761);
    h2 = Math.imul(h2 ^ n, 1597334677);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 >>>= 0;
  h2 >>>= 0;
  if (h1 === 0 && h2 === 0) h2 = 1;
  return [h1, h2];
}
