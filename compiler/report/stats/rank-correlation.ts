/**
 * Spearman's rank correlation with midranks for ties: the measure of `correlate` (spec §7) that the
 * statistical suite (test/stats/correlation.test.ts) and `dgen report` both use. Imports no dgen code.
 *
 *   spearman([1, 2, 3, 4], [10, 20, 40, 30])   // 0.8
 */

/** Midranks (ties share the mean of their positions), 0-based. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: xs.length }, (_, i) => i).sort((i, j) => xs[i]! - xs[j]!);
  const r = new Float64Array(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    for (let k = i; k <= j; k++) r[idx[k]!] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Pearson's correlation of the midranks of `a` and `b` (equal lengths); NaN when either is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i]!;
    mb += rb[i]!;
  }
  ma /= n;
  mb /= n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}
