/**
 * The values of one column of one row group, as the emitted code hands them over, with their
 * definition and repetition levels. Nulls hold no value: only their level is kept.
 *
 *   const v = new ColumnValues(parquetColumn(meta));
 *   v.add(5); v.nul();   // values [5], defs [1, 0]
 */
import type { ParquetColumn } from "./schema.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export class ColumnValues {
  values: unknown[] = [];
  /** Definition levels, one per slot, when the column has any (`maxDef > 0`). */
  defs: number[] | undefined;
  /** Repetition levels, one per slot, for lists. */
  reps: number[] | undefined;
  nulls = 0;

  constructor(readonly column: ParquetColumn) {
    if (column.maxDef > 0) this.defs = [];
    if (column.maxRep > 0) this.reps = [];
  }

  /** A non-null flat value. */
  add(v: unknown): void {
    this.values.push(v);
    if (this.defs !== undefined) this.defs.push(this.column.maxDef);
  }

  nul(): void {
    this.nulls++;
    this.defs!.push(0);
    this.reps?.push(0);
  }

  /** A list cell; its elements converted to the leaf's values (text for any non-number leaf). */
  list(v: readonly unknown[]): void {
    const defs = this.defs!;
    const reps = this.reps!;
    const max = this.column.maxDef;
    if (v.length === 0) {
      defs.push(max - 2);
      reps.push(0);
      return;
    }
    for (let i = 0; i < v.length; i++) {
      reps.push(i === 0 ? 0 : 1);
      const e = v[i];
      if (e === null || e === undefined) {
        defs.push(max - 1);
        this.nulls++;
        continue;
      }
      defs.push(max);
      this.values.push(this.element(e));
    }
  }

  private element(e: unknown): unknown {
    switch (this.column.leaf) {
      case "int32":
      case "double":
        return Number(e);
      case "int64":
        return typeof e === "bigint" && e >= -MAX_SAFE && e <= MAX_SAFE ? Number(e) : e;
      case "bool":
        return e === true;
      default:
        return typeof e === "string" ? e : JSON.stringify(e);
    }
  }

  reset(): void {
    this.values = [];
    if (this.defs !== undefined) this.defs = [];
    if (this.reps !== undefined) this.reps = [];
    this.nulls = 0;
  }
}
