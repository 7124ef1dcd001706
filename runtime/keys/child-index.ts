/**
 * Row numbering for `rows: per <parents> <count>` tables. Child rows are numbered parent by parent:
 * parent 0's children first, then parent 1's, … `count(p)` must be a pure function of p (it is drawn
 * from p's own stream), so the index never stores the counts: construction walks them once and keeps
 * the prefix sum only every `block` parents (memory O(parents / block)).
 *
 *   const ix = new ChildIndex(3, (p) => [2, 0, 3][p]);
 *   ix.total            // 5
 *   ix.locate(3)        // { parent: 2, ordinal: 1 }
 *   const c = ix.cursor(1); c.parent, c.ordinal  // 0, 1 — then c.next() → 2, 0
 */

export class ChildIndex {
  /** Number of child rows over all parents. */
  readonly total: number;
  /** checkpoints[i] = number of children of parents [0, i·block). */
  private readonly checkpoints: Float64Array;

  constructor(
    readonly parentCount: number,
    private readonly count: (p: number) => number,
    readonly block = 256,
  ) {
    const n = Math.ceil(parentCount / block);
    this.checkpoints = new Float64Array(n + 1);
    let sum = 0;
    for (let p = 0; p < parentCount; p++) {
      if (p % block === 0) this.checkpoints[p / block] = sum;
      sum += count(p);
    }
    this.checkpoints[n] = sum;
    this.total = sum;
  }

  /** The number of children of parent p. */
  childCountOf(p: number): number {
    return this.count(p);
  }

  private memoParent = -1;
  private memoRow = 0;

  /**
   * `firstRowOf(p)`, O(1) when p follows the parent asked last (an aggregate walking its parents in
   * order), else O(block).
   */
  startOf(p: number): number {
    let row: number;
    if (p === this.memoParent) return this.memoRow;
    if (p === this.memoParent + 1 && this.memoParent >= 0) row = this.memoRow + this.count(this.memoParent);
    else row = this.firstRowOf(p);
    this.memoParent = p;
    this.memoRow = row;
    return row;
  }

  /** The first child row of parent p (p ≤ parentCount; p = parentCount gives `total`). */
  firstRowOf(p: number): number {
    const c = Math.floor(p / this.block);
    let row = this.checkpoints[c];
    for (let q = c * this.block; q < p; q++) row += this.count(q);
    return row;
  }

  /** The parent of child `row` ∈ [0, total) and its position among its siblings (0-based). */
  locate(row: number): { parent: number; ordinal: number } {
    const c = new ChildCursor(this, 0, 0, 0);
    this.seek(c, row);
    return { parent: c.parent, ordinal: c.ordinal };
  }

  /** A cursor on child `from` ∈ [0, total]; at `total` its parent is `parentCount`. */
  cursor(from: number): ChildCursor {
    const c = new ChildCursor(this, 0, 0, 0);
    this.seek(c, from);
    return c;
  }

  private seek(c: ChildCursor, row: number): void {
    if (!(row >= 0 && row <= this.total) || !Number.isInteger(row)) {
      throw new RangeError(`Child row ${row} outside [0, ${this.total}).`);
    }
    // Largest checkpoint i with checkpoints[i] <= row (among those that start a block).
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length - 2;
    if (hi < 0) {
      c.set(this.parentCount, 0, 0);
      return;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cps[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    let p = lo * this.block;
    let rest = row - cps[lo];
    while (p < this.parentCount) {
      const k = this.count(p);
      if (rest < k) {
        c.set(p, rest, k);
        return;
      }
      rest -= k;
      p++;
    }
    c.set(this.parentCount, 0, 0);
  }
}

/** A position in a ChildIndex: read `parent` and `ordinal`, call `next()` to move to the next child row. */
export class ChildCursor {
  constructor(
    private readonly index: ChildIndex,
    /** The current row's parent (parentCount once past the last row). */
    public parent: number,
    /** The current row's position among its parent's children. */
    public ordinal: number,
    /** The current parent's child count. */
    public siblings: number,
  ) {}

  /** @internal */
  set(parent: number, ordinal: number, siblings: number): void {
    this.parent = parent;
    this.ordinal = ordinal;
    this.siblings = siblings;
  }

  /** Advance to the next child row, skipping parents without children. O(1) amortised. */
  next(): void {
    if (++this.ordinal < this.siblings) return;
    const n = this.index.parentCount;
    let p = this.parent + 1;
    let k = 0;
    while (p < n && (k = this.index.childCountOf(p)) === 0) p++;
    this.parent = p;
    this.ordinal = 0;
    this.siblings = p < n ? k : 0;
  }
}
