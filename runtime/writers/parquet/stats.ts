/**
 * Column statistics of a column chunk: the null count, and the minimum and maximum in the column's
 * sort order (signed for numbers, unsigned bytes — that is, code points — for strings, unsigned bytes
 * for binary and UUIDs), PLAIN-encoded. Minimum and maximum are left out for lists, JSON, bytes,
 * fixed-length decimals and strings longer than 64 bytes (so footers stay small); NaN never counts.
 */
import type { ColumnValues } from "./column-values.js";

export interface Stats {
  readonly nullCount: number;
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
}

const MAX_STAT_BYTES = 64;
const utf8 = new TextEncoder();

export function statsOf(v: ColumnValues, distinct: readonly string[] | undefined): Stats {
  const c = v.column;
  const nullCount = v.nulls;
  if (c.list || c.logical.kind === "json" || c.leaf === "fixedDecimal" || c.leaf === "binary" || v.count === 0)
    return { nullCount };
  if (c.leaf === "string" || c.leaf === "uuid") {
    const values = (distinct ?? v.objs) as readonly string[];
    const n = distinct?.length ?? v.count;
    let min = values[0];
    let max = values[0];
    for (let i = 1; i < n; i++) {
      const s = values[i];
      if (s !== min && byCodePoint(s, min) < 0) min = s;
      if (s !== max && byCodePoint(s, max) > 0) max = s;
    }
    if (c.leaf === "uuid") return { nullCount, min: uuid(min), max: uuid(max) };
    const a = utf8.encode(min);
    const b = utf8.encode(max);
    return a.length > MAX_STAT_BYTES || b.length > MAX_STAT_BYTES ? { nullCount } : { nullCount, min: a, max: b };
  }
  let min = Infinity;
  let max = -Infinity;
  const nums = v.nums;
  for (let i = 0; i < v.count; i++) {
    const x = nums[i];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  let bigMin: bigint | undefined;
  let bigMax: bigint | undefined;
  if (v.bigs !== undefined) {
    // Safe values are exact as bigints; the placeholders (0) of unsafe ones are replaced by them.
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < v.count; i++) {
      const x = v.bigs.get(i) ?? BigInt(nums[i]);
      if (bigMin === undefined || x < bigMin) bigMin = x;
      if (bigMax === undefined || x > bigMax) bigMax = x;
    }
  }
  if (bigMin === undefined && min > max) return { nullCount }; // only NaN
  if (c.leaf === "double") {
    if (min === 0) min = -0;
    if (max === 0) max = 0;
  }
  return {
    nullCount,
    min: encodeNumber(c.leaf, bigMin ?? min),
    max: encodeNumber(c.leaf, bigMax ?? max),
  };
}

function encodeNumber(leaf: string, v: number | bigint): Uint8Array {
  const b = new Uint8Array(leaf === "int32" ? 4 : leaf === "bool" ? 1 : 8);
  const dv = new DataView(b.buffer);
  if (leaf === "bool") b[0] = Number(v) !== 0 ? 1 : 0;
  else if (leaf === "int32") dv.setInt32(0, Number(v), true);
  else if (leaf === "double") dv.setFloat64(0, Number(v), true);
  else dv.setBigInt64(0, BigInt(v), true);
  return b;
}

/** Order of UTF-8 bytes (= code points): UTF-16 order, except that a surrogate sorts after U+E000–U+FFFF. */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy && x >= 0xd800 && y >= 0xd800) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function uuid(s: string): Uint8Array {
  const hex = s.replace(/-/g, "");
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return b;
}
