/**
 * RFC 4122 version-4 uuids from a call-site stream. The first 8 hex digits are `u32(t, 0)`, a bijection
 * of the row for a fixed column key (stream.ts), so uuids never repeat across the rows of one column —
 * unique by construction, not just with high probability. The other 90 random bits come from
 * u32(t, 1..3); the version nibble is 4 and the variant bits are 10.
 *
 *   uuid(t)   // "3f2a9c1e-5b7d-4e21-9a0c-6d1f2e3b4c5d"
 */
import { u32 } from "../rng/stream.js";

const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push(i.toString(16).padStart(2, "0"));
const VARIANT = ["8", "9", "a", "b"];
const HEX3: string[] = [];
for (let i = 0; i < 4096; i++) HEX3.push(i.toString(16).padStart(3, "0"));

function hex8(x: number): string {
  return HEX2[x >>> 24] + HEX2[(x >>> 16) & 255] + HEX2[(x >>> 8) & 255] + HEX2[x & 255];
}

function hex4(x: number): string {
  return HEX2[(x >>> 8) & 255] + HEX2[x & 255];
}

/** A v4 uuid, lower-case, 36 characters, from u32 draws 0..3 of `t`. */
export function uuid(t: number): string {
  const a = u32(t, 0);
  const b = u32(t, 1);
  const c = u32(t, 2);
  const d = u32(t, 3);
  // b: 16 bits for group 2, 12 for group 3 (after the version 4). c: 2 bits for the variant digit
  // (8, 9, a or b), 12 for the rest of group 4, 16 opening group 5, which d completes.
  return (
    hex8(a) +
    "-" +
    hex4(b >>> 16) +
    "-4" +
    HEX3[b & 0xfff] +
    "-" +
    VARIANT[c >>> 30] +
    HEX3[(c >>> 18) & 0xfff] +
    "-" +
    hex4(c) +
    hex8(d)
  );
}
