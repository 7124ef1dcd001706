/**
 * Measures the rows of one schema table as `dgen validate` reads them (a `RowObserver`): one
 * ColumnMeasure per column, and for the columns of `correlate` groups their values row by row (NaN for
 * a null), to measure rank correlations on the same rows. Categories rank in their declared order,
 * booleans as 0 and 1, as in the statistical suite.
 *
 *   const m = new TableMeasure(table.columns, new Map([["tier", ["bronze", "silver", "gold"]]]), ["tier", "spend"]);
 *   validateData(program, { data, observe: (t) => t.name === "orders" ? m.observer : undefined });
 */
import type { ColumnMeta } from "../../runtime/contract.js";
import { ColumnMeasure, type MeasureKind } from "./measure.js";

const DAY_MS = 86_400_000;

export function measureKind(c: ColumnMeta): MeasureKind {
  if (c.tags.some((t) => t === "encrypted" || t.startsWith("masked"))) return "other";
  switch (c.kind) {
    case "int":
    case "float":
    case "bigint":
    case "decimal":
    case "date":
    case "timestamp":
      return "number";
    case "bool":
    case "string":
    case "uuid":
      return "category";
    default:
      return "other";
  }
}

export function unitOf(c: ColumnMeta): "number" | "date" | "timestamp" {
  return c.kind === "date" ? "date" : c.kind === "timestamp" ? "timestamp" : "number";
}

/** A read value as a number: dates in days, timestamps in milliseconds, decimals and BigInts as doubles. */
export function asNumber(c: ColumnMeta, v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    if (c.kind === "date") return Date.parse(v) / DAY_MS;
    if (c.kind === "timestamp") return Date.parse(v);
    return Number(v);
  }
  return NaN;
}

export class TableMeasure {
  rows = 0;
  readonly columns: readonly ColumnMeasure[];
  private readonly kinds: readonly MeasureKind[];
  /** Column index → its values row by row (NaN for a null or unreadable cell). */
  readonly aligned = new Map<number, number[]>();

  constructor(
    readonly meta: readonly ColumnMeta[],
    /** Category orders of correlated category columns (their declared values). */
    private readonly orders: ReadonlyMap<string, readonly string[]> = new Map(),
    alignedNames: readonly string[] = [],
  ) {
    this.kinds = meta.map(measureKind);
    this.columns = this.kinds.map((k) => new ColumnMeasure(k));
    meta.forEach((c, i) => {
      if (alignedNames.includes(c.name)) this.aligned.set(i, []);
    });
  }

  readonly observer = (values: readonly unknown[], unreadable: readonly boolean[]): void => {
    this.rows++;
    for (let i = 0; i < this.columns.length; i++) {
      const m = this.columns[i]!;
      const v = values[i];
      const line = this.aligned.get(i);
      if (unreadable[i]) m.addUnreadable();
      else if (v === null || v === undefined) m.addNull();
      else this.addValue(i, m, v);
      if (line) line.push(unreadable[i] || v === null || v === undefined ? NaN : this.rank(i, v));
    }
  };

  private addValue(i: number, m: ColumnMeasure, v: unknown): void {
    const c = this.meta[i]!;
    switch (this.kinds[i]) {
      case "number":
        m.add(asNumber(c, v), typeof v === "bigint" || typeof v === "string" ? v : undefined);
        return;
      case "category":
        m.add(String(v));
        return;
      case "other":
        m.addOther(v instanceof Uint8Array ? Buffer.from(v).toString("hex") : JSON.stringify(v));
    }
  }

  private rank(i: number, v: unknown): number {
    const c = this.meta[i]!;
    const order = this.orders.get(c.name);
    if (order && typeof v === "string") {
      const k = order.indexOf(v);
      return k < 0 ? NaN : k;
    }
    return asNumber(c, v);
  }
}
