/**
 * The statistics of one Parquet data file of a lake table, merged from its row groups' statistics
 * (runtime/writers/parquet/stats.ts: null counts, and PLAIN-encoded minimum and maximum where the
 * writer keeps them), and turned into Delta's `stats` JSON values or Iceberg's single-value bounds.
 *
 *   const s = fileStats(columns, summary);   // { rows: 300, columns: [{ nullCount: 0, min, max }, …] }
 *   deltaValue(columns[0], s.columns[0].min!)   // 1
 */
import type { ParquetColumn } from "../parquet/schema.js";
import type { ParquetSummary } from "../parquet/parquet-format.js";
import { formatDate, formatTimestamp } from "../../text/dates.js";

export interface ColumnStats {
  readonly nullCount: number;
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
}

export interface FileStats {
  readonly rows: number;
  readonly columns: readonly ColumnStats[];
}

export function fileStats(columns: readonly ParquetColumn[], summary: ParquetSummary): FileStats {
  let rows = 0;
  const merged: { nullCount: number; min?: Uint8Array; max?: Uint8Array; none: boolean }[] = columns.map(() => ({
    nullCount: 0,
    none: false,
  }));
  for (const { group } of summary.groups) {
    rows += group.rows;
    group.columns.forEach((chunk, i) => {
      const m = merged[i]!;
      const s = chunk.stats;
      m.nullCount += s.nullCount;
      if (s.min === undefined || s.max === undefined) {
        // A group of only nulls has no bounds and changes none; any other gap leaves the file without them.
        if (s.nullCount < group.rows || columns[i]!.list) m.none = true;
        return;
      }
      if (m.min === undefined || compare(columns[i]!, s.min, m.min) < 0) m.min = s.min;
      if (m.max === undefined || compare(columns[i]!, s.max, m.max) > 0) m.max = s.max;
    });
  }
  return {
    rows,
    columns: merged.map((m) =>
      m.none || m.min === undefined || m.max === undefined
        ? { nullCount: m.nullCount }
        : { nullCount: m.nullCount, min: m.min, max: m.max },
    ),
  };
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function compare(c: ParquetColumn, a: Uint8Array, b: Uint8Array): number {
  switch (c.leaf) {
    case "int32":
      return view(a).getInt32(0, true) - view(b).getInt32(0, true);
    case "int64": {
      const x = view(a).getBigInt64(0, true);
      const y = view(b).getBigInt64(0, true);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case "double":
      return view(a).getFloat64(0, true) - view(b).getFloat64(0, true);
    case "bool":
      return a[0]! - b[0]!;
    default: {
      // text and uuids: unsigned bytes
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    }
  }
}

const utf8 = new TextDecoder();
const POW10 = Array.from({ length: 19 }, (_, i) => 10 ** i);

/**
 * A bound as Delta's `stats` writes it (a JSON value of the column's type), or undefined when Delta gets
 * none for it: booleans, bytes, lists, integers past 2^53 and decimals of more than 15 digits.
 */
export function deltaValue(c: ParquetColumn, b: Uint8Array): unknown {
  const l = c.logical;
  if (c.list || c.leaf === "bool" || c.leaf === "binary" || c.leaf === "fixedDecimal") return undefined;
  if (c.leaf === "string") return l.kind === "json" ? undefined : utf8.decode(b);
  if (c.leaf === "double") {
    const x = view(b).getFloat64(0, true);
    return Number.isFinite(x) ? x : undefined;
  }
  const n = c.leaf === "int32" ? view(b).getInt32(0, true) : view(b).getBigInt64(0, true);
  if (l.kind === "date") return formatDate(Number(n));
  if (l.kind === "timestamp") {
    // dgen's timestamps are whole milliseconds, so the ISO text at millisecond precision is exact
    return formatTimestamp(Math.round(Number(n) / 1000));
  }
  if (l.kind === "decimal") {
    if (l.precision > 15) return undefined;
    return Number(n) / POW10[l.scale]!;
  }
  if (typeof n === "bigint") return Number.isSafeInteger(Number(n)) ? Number(n) : undefined;
  return n;
}

/**
 * A bound in Iceberg's single-value serialization: little-endian numbers (as Parquet's PLAIN), UTF-8
 * text, the 16 bytes of a uuid, and decimals as big-endian two's complement of their unscaled value.
 */
export function icebergBound(c: ParquetColumn, b: Uint8Array): Uint8Array | undefined {
  if (c.list || c.leaf === "binary" || c.leaf === "fixedDecimal" || c.logical.kind === "json") return undefined;
  if (c.logical.kind !== "decimal") return b;
  const n = c.leaf === "int32" ? BigInt(view(b).getInt32(0, true)) : view(b).getBigInt64(0, true);
  return decimalBytes(n);
}

/** The fewest big-endian two's-complement bytes of `n`. */
export function decimalBytes(n: bigint): Uint8Array {
  const out: number[] = [];
  let v = n;
  for (;;) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
    const sign = (out[0]! & 0x80) !== 0;
    if ((v === 0n && !sign) || (v === -1n && sign)) break;
  }
  return Uint8Array.from(out);
}
