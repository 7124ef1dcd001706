/**
 * `pick(table)` and `pick(table, zipf(s))`: a row index of another table drawn from the call-site
 * stream `t` — uniform, or Zipf-skewed so that row 0 is drawn most often.
 */
import { below } from "../rng/stream.js";
import { zipf } from "../rng/distributions.js";
import { failEmptyPick } from "../failures.js";

export function pickRow(t: number, size: number, table: string, s?: number): number {
  if (size <= 0) failEmptyPick(table);
  return s === undefined ? below(t, 0, size) : zipf(t, s, size) - 1;
}
