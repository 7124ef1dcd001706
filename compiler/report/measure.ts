/**
 * Measures one column while the data is read: cells, nulls, unreadable cells, distinct values (up to a
 * cap), category counts (up to a cap) and, for number-like columns, every value (for KS, quantiles,
 * histograms and rank correlations). Dates are measured in days since 1970-01-01 and timestamps in
 * milliseconds, the units the declared distributions use.
 *
 *   const m = new ColumnMeasure("number");
 *   m.add(3); m.add(null); m.summary()   // { min: 3, max: 3, mean: 3, … }
 */
import type { Summary } from "./model.js";

/** Distinct values counted before the count is reported as "at least". */
export const DISTINCT_CAP = 100_000;
/** Categories counted one by one; values beyond are counted together. */
export const CATEGORY_CAP = 1_000;

export type MeasureKind = "number" | "category" | "other";

export class ColumnMeasure {
  cells = 0;
  nulls = 0;
  unreadable = 0;
  private readonly seen = new Set<unknown>();
  distinctCapped = false;
  readonly counts = new Map<string, number>();
  /** Non-null values beyond CATEGORY_CAP categories. */
  uncounted = 0;
  private buf = new Float64Array(1024);
  private len = 0;

  constructor(readonly kind: MeasureKind) {}

  /** A null cell. */
  addNull(): void {
    this.cells++;
    this.nulls++;
  }

  addUnreadable(): void {
    this.cells++;
    this.unreadable++;
  }

  /** A non-null value: a number (number columns) or a category's text; `key` its identity for distinct counts. */
  add(value: number | string, key?: unknown): void {
    if (key === undefined) key = value;
    this.cells++;
    if (!this.distinctCapped) {
      this.seen.add(key);
      if (this.seen.size >= DISTINCT_CAP) this.distinctCapped = true;
    }
    if (typeof value === "number") {
      if (this.len === this.buf.length) {
        const next = new Float64Array(this.buf.length * 2);
        next.set(this.buf);
        this.buf = next;
      }
      this.buf[this.len++] = value;
      return;
    }
    const c = this.counts.get(value);
    if (c !== undefined) this.counts.set(value, c + 1);
    else if (this.counts.size < CATEGORY_CAP) this.counts.set(value, 1);
    else this.uncounted++;
  }

  /** A value of a column measured neither as a number nor as a category (json, bytes, arrays): counted, and distinct by `key`. */
  addOther(key: string): void {
    this.cells++;
    if (!this.distinctCapped) {
      this.seen.add(key);
      if (this.seen.size >= DISTINCT_CAP) this.distinctCapped = true;
    }
  }

  get distinct(): number {
    return this.seen.size;
  }

  /** The number values in reading order (a view: do not keep it past the next add). */
  numbers(): Float64Array {
    return this.buf.subarray(0, this.len);
  }

  /** Min, max, mean, sample standard deviation and quartiles of the number values; undefined without any. */
  summary(): Summary | undefined {
    return summarize(this.numbers());
  }
}

/** Quartiles by linear interpolation between order statistics (type 7, as R and NumPy default). */
export function summarize(values: Float64Array): Summary | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const s = Float64Array.from(values).sort();
  let mean = 0;
  for (let i = 0; i < n; i++) mean += s[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i]! - mean) ** 2;
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, n - 1)] ?? s[lo]!) - s[lo]!);
  };
  return {
    min: s[0]!,
    max: s[n - 1]!,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    q1: q(0.25),
    median: q(0.5),
    q3: q(0.75),
  };
}
