/**
 * The values of one column of one row group, as the emitted code hands them over, with their
 * definition and repetition levels. Nulls hold no value: only their level is kept. Numbers (and
 * booleans as 0/1) go into a growing Float64Array, int64 values beyond ±(2^53 − 1) into a side map,
 * and text and bytes into a plain array: no object per cell beyond the values themselves.
 *
 *   const v = new ColumnValues(parquetColumn(meta));
 *   v.num(5); v.nul();   // count 1, levels [1, 0]
 */
import type { ParquetColumn } from "./schema.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export class ColumnValues {
  /** Numeric leaves: the values; int64 values that are not safe integers are 0 here, see `bigs`. */
  nums = new Float64Array(1024);
  bigs: Map<number, bigint> | undefined;
  /** Text, bytes, uuid and fixed-length decimal leaves. */
  objs: unknown[] = [];
  /** Values held (non-null slots). */
  count = 0;
  /** Definition levels (when `maxDef > 0`) and repetition levels (lists), one per slot. */
  defs: Uint8Array | undefined;
  reps: Uint8Array | undefined;
  slots = 0;
  nulls = 0;
  readonly numeric: boolean;

  constructor(readonly column: ParquetColumn) {
    this.numeric = ["bool", "int32", "int64", "double"].includes(column.leaf);
    if (column.maxDef > 0) this.defs = new Uint8Array(1024);
    if (column.maxRep > 0) this.reps = new Uint8Array(1024);
  }

  private level(def: number, rep: number): void {
    if (this.defs === undefined) return;
    if (this.slots === this.defs.length) {
      this.defs = grow(this.defs);
      if (this.reps !== undefined) this.reps = grow(this.reps);
    }
    this.defs[this.slots] = def;
    if (this.reps !== undefined) this.reps[this.slots] = rep;
    this.slots++;
  }

  /** A non-null number (int, float, date, timestamp µs, scaled decimal, boolean as 0/1). */
  num(v: number): void {
    if (this.numeric) {
      if (this.count === this.nums.length) this.nums = grow(this.nums);
      this.nums[this.count++] = v;
    } else {
      this.objs.push(v);
      this.count++;
    }
    this.level(this.column.maxDef, 0);
  }

  /** A non-null int64 (or unscaled decimal) beyond the safe integers. */
  big(v: bigint): void {
    if (v >= -MAX_SAFE && v <= MAX_SAFE) return this.num(Number(v));
    if (this.numeric) (this.bigs ??= new Map()).set(this.count, v);
    this.num(0);
    if (!this.numeric) this.objs[this.count - 1] = v;
  }

  /** A non-null string or byte array. */
  obj(v: unknown): void {
    this.objs.push(v);
    this.count++;
    this.level(this.column.maxDef, 0);
  }

  nul(): void {
    this.nulls++;
    this.level(0, 0);
  }

  /** A list cell; its elements converted to the leaf's values (text for any non-number leaf). */
  list(v: readonly unknown[]): void {
    const max = this.column.maxDef;
    if (v.length === 0) {
      this.level(max - 2, 0);
      return;
    }
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      const rep = i === 0 ? 0 : 1;
      if (e === null || e === undefined) {
        this.level(max - 1, rep);
        continue;
      }
      switch (this.column.leaf) {
        case "int32":
        case "double":
          this.push(Number(e));
          break;
        case "int64":
          if (typeof e === "bigint" && !(e >= -MAX_SAFE && e <= MAX_SAFE)) {
            (this.bigs ??= new Map()).set(this.count, e);
            this.push(0);
          } else this.push(Number(e));
          break;
        case "bool":
          this.push(e === true ? 1 : 0);
          break;
        default:
          this.objs.push(typeof e === "string" ? e : JSON.stringify(e));
          this.count++;
      }
      this.level(max, rep);
    }
  }

  private push(v: number): void {
    if (this.count === this.nums.length) this.nums = grow(this.nums);
    this.nums[this.count++] = v;
  }

  reset(): void {
    this.objs = [];
    this.bigs = undefined;
    this.count = 0;
    this.slots = 0;
    this.nulls = 0;
  }
}

function grow<T extends Uint8Array | Float64Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(a.length * 2);
  next.set(a);
  return next;
}
