/**
 * The counter-based random stream. Every random value dgen makes is a pure function of
 * (seed, table, column, row, attempt, call site, draw) — never of call order, time or Math.random.
 *
 *   key   = columnKey(seed, "customers", "age")      once per run
 *   s     = cell(key, row, attempt)                  once per cell
 *   t     = sub(s, slot)                             once per generator call site in the expression
 *   x     = u32(t, k) / unit(t, k)                   the k-th draw of that call
 *
 * For a fixed key, attempt and row < 2^32, `cell` is a bijection of the row, `sub` is a bijection of
 * `s` and `u32(t, 0)` a bijection of `t`: the first 32-bit draw of any call site never repeats across
 * rows. `uuid()` puts that draw in its first 8 hex digits, which makes uuids unique by construction.
 *
 * The mixer is Chris Wellons' lowbias32 (a 32-bit bijection with low avalanche bias).
 */

/** lowbias32: a bijective 32-bit mixer. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over the UTF-16 code units of a name, mixed: the stable id of a table or column name. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** Splits a seed (number or bigint, any size) into two 32-bit lanes. */
function seedLanes(seed: number | bigint): [number, number] {
  const b = BigInt.asUintN(64, BigInt(seed));
  return [Number(b & 0xffffffffn), Number(b >> 32n)];
}

/** The key of one column's stream: `columnKey(42, "customers", "age")`. */
export function columnKey(seed: number | bigint, table: string, column: string): number {
  const [lo, hi] = seedLanes(seed);
  let h = mix32(lo ^ 0x3c6ef372);
  h = mix32(h ^ hi);
  h = mix32(h ^ nameHash(table));
  h = mix32((h + 0x9e3779b9) ^ nameHash(column));
  return h;
}

/** The state of one cell. A bijection of `row` (for row < 2^32) at fixed key and attempt. */
export function cell(key: number, row: number, attempt: number): number {
  let h = mix32((key ^ row) >>> 0);
  const hi = row > 0xffffffff ? Math.floor(row / 4294967296) : 0;
  if ((hi | attempt) !== 0) h = mix32((h ^ hi ^ Math.imul(attempt, 0x27d4eb2f)) >>> 0);
  return h;
}

/** The state of one call site (slot) inside a cell. A bijection of `s` for a fixed slot. */
export function sub(s: number, slot: number): number {
  return mix32((s ^ Math.imul(slot + 1, 0x9e3779b1)) >>> 0);
}

/** The k-th 32-bit draw of a stream. A bijection of `t` for a fixed k. */
export function u32(t: number, k: number): number {
  return mix32((t + Math.imul(k + 1, 0x85ebca6b)) >>> 0);
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** A double in [0, 1) with 53 random bits, from draws 2k and 2k+1 of the stream. */
export function unit(t: number, k: number): number {
  const a = u32(t, 2 * k) >>> 5;
  const b = u32(t, 2 * k + 1) >>> 6;
  return (a * TWO_POW_26 + b) / TWO_POW_53;
}

/** A double in (0, 1): never 0, for logarithms. */
export function unitOpen(t: number, k: number): number {
  const a = u32(t, 2 * k) >>> 5;
  const b = u32(t, 2 * k + 1) >>> 6;
  return (a * TWO_POW_26 + b + 0.5) / TWO_POW_53;
}

/**
 * An integer uniform in [0, n) for 1 <= n <= 2^53. Small ranges (n <= 65 536) scale one 32-bit draw
 * (relative bias below 2^-16); larger ones scale a 53-bit double (draws 2k and 2k+1).
 */
export function below(t: number, k: number, n: number): number {
  if (n <= 65536) return Math.floor((u32(t, 2 * k) / 4294967296) * n);
  return Math.floor(unit(t, k) * n);
}
