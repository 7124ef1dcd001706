/**
 * Column statistics of a column chunk: the null count, and the minimum and maximum in the column's
 * sort order (signed for numbers, unsigned bytes for strings, binary and UUIDs), PLAIN-encoded.
 * Minimum and maximum are left out for lists, JSON, fixed-length decimals and strings longer than
 * 64 bytes (so footers stay small); NaN never counts.
 */
import type { ParquetColumn } from "./schema.js";

export interface Stats {
  readonly nullCount: number;
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
}

const MAX_STAT_BYTES = 64;

export function statsOf(
  c: ParquetColumn,
  encoded: readonly unknown[],
  nulls: number,
  distinct: readonly Uint8Array[] | undefined,
): Stats {
  if (c.list || c.logical.kind === "json" || c.leaf === "fixedDecimal" || encoded.length === 0)
    return { nullCount: nulls };
  switch (c.leaf) {
    case "bool": {
      let min = true;
      let max = false;
      for (const v of encoded) {
        if (v === true) max = true;
        else min = false;
      }
      return { nullCount: nulls, min: Uint8Array.of(min ? 1 : 0), max: Uint8Array.of(max ? 1 : 0) };
    }
    case "int32":
    case "int64":
    case "double": {
      let min: number | bigint | undefined;
      let max: number | bigint | undefined;
      for (const v of encoded as readonly (number | bigint)[]) {
        if (v !== v) continue; // NaN
        if (min === undefined || v < min) min = v;
        if (max === undefined || v > max) max = v;
      }
      if (min === undefined || max === undefined) return { nullCount: nulls };
      if (c.leaf === "double") {
        if (min === 0) min = -0;
        if (max === 0) max = 0;
      }
      return { nullCount: nulls, min: number(c, min), max: number(c, max) };
    }
    default: {
      let min: Uint8Array | undefined;
      let max: Uint8Array | undefined;
      for (const v of (distinct ?? encoded) as readonly Uint8Array[]) {
        if (min === undefined || compare(v, min) < 0) min = v;
        if (max === undefined || compare(v, max) > 0) max = v;
      }
      if (min!.length > MAX_STAT_BYTES || max!.length > MAX_STAT_BYTES) return { nullCount: nulls };
      return { nullCount: nulls, min, max };
    }
  }
}

function number(c: ParquetColumn, v: number | bigint): Uint8Array {
  const b = new Uint8Array(c.leaf === "int32" ? 4 : 8);
  const dv = new DataView(b.buffer);
  if (c.leaf === "int32") dv.setInt32(0, Number(v), true);
  else if (c.leaf === "double") dv.setFloat64(0, Number(v), true);
  else dv.setBigInt64(0, BigInt(v), true);
  return b;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
