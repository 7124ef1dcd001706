/**
 * The small dense linear algebra a `correlate` group needs at compile time: Spearman → latent Pearson,
 * the smallest eigenvalue (positive semi-definiteness), a Cholesky factor that tolerates singular
 * matrices, and the nearest valid value of one entry when a matrix is not PSD.
 *
 *   const r = spearmanToPearson(0.5);   // 2·sin(π·0.5/6) ≈ 0.5176
 *   cholesky([[1, r], [r, 1]]);         // [[1, 0], [r, √(1 − r²)]]
 */

/** Tolerance below which an eigenvalue counts as zero (the matrix is still semi-definite). */
export const PSD_TOLERANCE = 1e-10;

/** The latent normal correlation whose Spearman rank correlation is `rs` (Pearson 1907): 2·sin(π·rs/6). */
export function spearmanToPearson(rs: number): number {
  return 2 * Math.sin((Math.PI * rs) / 6);
}

/** The inverse of `spearmanToPearson`: (6/π)·asin(r/2). */
export function pearsonToSpearman(r: number): number {
  return (6 / Math.PI) * Math.asin(r / 2);
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. */
export function eigenvalues(m: readonly (readonly number[])[]): number[] {
  const n = m.length;
  const a = m.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
  }
  return a.map((row, i) => row[i]!).sort((x, y) => x - y);
}

export function minEigenvalue(m: readonly (readonly number[])[]): number {
  return eigenvalues(m)[0]!;
}

/**
 * The lower-triangular L with L·Lᵀ = m for a positive semi-definite m. A zero pivot (a member that is
 * an exact combination of earlier ones, such as a correlation of 1) leaves its column zero.
 */
export function cholesky(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const l = m.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = m[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j]![k]! ** 2;
    const pivot = d > PSD_TOLERANCE ? Math.sqrt(d) : 0;
    l[j]![j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = pivot === 0 ? 0 : s / pivot;
    }
  }
  return l;
}

/**
 * The value closest to `m[i][j]` that makes `latent(m)` positive semi-definite when only that entry
 * (and its mirror) changes, or undefined when no value does. `latent` maps the user's matrix to the
 * one that must be PSD (Spearman → Pearson); the feasible values form an interval.
 */
export function nearestValid(
  m: readonly (readonly number[])[],
  i: number,
  j: number,
  latent: (m: number[][]) => number[][],
): number | undefined {
  const ok = (x: number) => {
    const c = m.map((row) => [...row]);
    c[i]![j] = x;
    c[j]![i] = x;
    return minEigenvalue(latent(c)) >= -PSD_TOLERANCE;
  };
  const current = m[i]![j]!;
  const steps = 400;
  let best: number | undefined;
  for (let s = 0; s <= steps; s++) {
    const x = -1 + (2 * s) / steps;
    if (ok(x) && (best === undefined || Math.abs(x - current) < Math.abs(best - current))) best = x;
  }
  if (best === undefined) return undefined;
  // Refine the boundary between the current (infeasible) value and the best grid point.
  let bad = current;
  let good = best;
  for (let k = 0; k < 60; k++) {
    const mid = (bad + good) / 2;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
