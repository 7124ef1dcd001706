/**
 * The ranges of the integer types (v2 §15), shared by the checker (literals, sequences, bounds) and the
 * emitter (the run-time check that a sequence stays inside its type).
 *
 *   intRange({ kind: "int", bits: 16 })   → [-32768, 32767]
 *   intRange({ kind: "int" })             → [-(2^53 − 1), 2^53 − 1]  (the exact range of a JS number)
 *   intRange(int64)                       → [-2^63, 2^63] as numbers (int64 values are BigInts: exact)
 */
import type { Type } from "./ir.js";

const SAFE = Number.MAX_SAFE_INTEGER;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** The least and greatest value of an integer type; undefined for other types. */
export function intRange(t: Type): readonly [number, number] | undefined {
  if (t.kind === "bigint") return [-(2 ** 63), 2 ** 63];
  if (t.kind !== "int") return undefined;
  if (t.bits === undefined) return [-SAFE, SAFE];
  const half = 2 ** (t.bits - 1);
  return [-half, half - 1];
}
