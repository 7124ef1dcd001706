/**
 * `pick(table)`, `pick(table, zipf(s))` and `pick(table, zipf(s, spread))`: a row index of another
 * table drawn from the call-site stream `t` — uniform, or Zipf-skewed so that row 0 is drawn most
 * often, or Zipf-skewed with the ranks spread over the table: rank r is row `perm(r)` of a keyed
 * permutation of [0, size) whose key is `columnKey(seed, table, "#popular")`. So the popular rows are
 * a pure function of (seed, table, size) — the same for every column that picks from the table — and
 * the row of a pick still a pure function of its cell.
 *
 *   pickRow(t, 1000, "customers", 1.1)         // 0 most often
 *   pickRow(t, 1000, "customers", 1.1, 42n)    // perm(0) most often
 */
import { below, columnKey } from "../rng/stream.js";
import { zipf } from "../rng/distributions.js";
import { failEmptyPick } from "../failures.js";
import { Permutation } from "./permutation.js";

export function pickRow(t: number, size: number, table: string, s?: number, spreadSeed?: bigint | number): number {
  if (size <= 0) failEmptyPick(table);
  if (s === undefined) return below(t, 0, size);
  const rank = zipf(t, s, size) - 1;
  return spreadSeed === undefined ? rank : popular(table, size, spreadSeed).at(rank);
}

interface Popular {
  readonly seed: bigint | number;
  readonly size: number;
  readonly perm: Permutation;
}

/** A cache of each table's rank permutation (a cache only: the permutation is a function of its key). */
const populars = new Map<string, Popular>();

function popular(table: string, size: number, seed: bigint | number): Permutation {
  const hit = populars.get(table);
  if (hit && hit.seed === seed && hit.size === size) return hit.perm;
  const perm = new Permutation(size, columnKey(seed, table, "#popular"));
  populars.set(table, { seed, size, perm });
  return perm;
}
