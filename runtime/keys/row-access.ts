/**
 * What emitted code calls to read other rows (v2 §14): a checked row index (`t[e]`), distinct picks
 * and samples with their bounds checked, and arrays built element by element. Every failure is a
 * catalog diagnostic naming the table, the row and the target — never a dangling value.
 *
 *   rowIndex(7, 5, "orders", 3, "customer")      // throws DG7010: customer has 5 rows
 *   pickDistinct(key, p, k, 100, "film_actor", i, "actor")   // row k of a keyed permutation of actor
 */
import { distinctAt, sampleRows } from "./distinct.js";
import { failDistinct, failRowIndex } from "../failures.js";

/** `t[e]`: the index itself when 0 ≤ index < size and whole, else DG7010. */
export function rowIndex(index: number, size: number, table: string, row: number, target: string): number {
  if (index >= 0 && index < size && Number.isInteger(index)) return index;
  return failRowIndex(table, row, target, index, size);
}

/** `pick(t, distinct)`: element k of the permutation of t's rows keyed by (key, group). */
export function pickDistinct(
  key: number,
  group: number,
  k: number,
  size: number,
  table: string,
  row: number,
  target: string,
): number {
  if (k >= size) return failDistinct(table, row, k + 1, target, size);
  return distinctAt(key, group, k, size);
}

/**
 * `pick(P, distinct, except: parent)`: row k of a keyed permutation of P's rows without the parent
 * row p — a permutation of the other size − 1 rows, shifted past p — so never p and never repeated.
 */
export function pickDistinctExcept(
  key: number,
  p: number,
  k: number,
  size: number,
  table: string,
  row: number,
  target: string,
): number {
  const r = pickDistinct(key, p, k, size - 1, table, row, target);
  return r >= p ? r + 1 : r;
}

/** `sample(t.c, n)`: n distinct rows of t, drawn from the call site's stream t0. */
export function sampleOf(t0: number, n: number, size: number, table: string, row: number, target: string): number[] {
  if (!(n >= 0 && Number.isInteger(n))) return failDistinct(table, row, n, target, size);
  if (n > size) return failDistinct(table, row, n, target, size);
  return sampleRows(t0, 0, n, size);
}

/** `array(count, e)`: `count` elements made by `element(q)`; a negative count makes none. */
export function arrayOf<T>(count: number, element: (q: number) => T): T[] {
  const n = Math.max(0, Math.floor(count));
  const out = new Array<T>(n);
  for (let q = 0; q < n; q++) out[q] = element(q);
  return out;
}
