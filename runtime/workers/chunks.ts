/**
 * How rows are cut into chunks and shards. Both depend only on the table and the row counts, never
 * on the number of workers, so every split writes the same bytes.
 *
 *   chunkRows(9)                           // 32768
 *   shardRange(10, { index: 2, count: 3 }) // [3, 6]
 */

/** Rows per chunk for narrow tables; wider tables get fewer (about half a million cells a chunk). */
export const CHUNK_ROWS = 32_768;
const CHUNK_CELLS = CHUNK_ROWS * 16;
const MIN_CHUNK_ROWS = 256;

/** Rows per chunk of a table with `columns` columns: a power of two in [256, 32768]. */
export function chunkRows(columns: number): number {
  let rows = CHUNK_ROWS;
  while (rows > MIN_CHUNK_ROWS && rows * columns > CHUNK_CELLS) rows /= 2;
  return rows;
}

/** The `[from, to)` pieces of `[from, to)`, each at most `size` rows. */
export function splitRows(from: number, to: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = from; a < to; a += size) out.push([a, Math.min(to, a + size)]);
  return out;
}

/** Rows `[floor(n·(I-1)/N), floor(n·I/N))` of shard I of N (1-based), exact for any safe n. */
export function shardRange(n: number, shard: { index: number; count: number } | undefined): [number, number] {
  if (shard === undefined) return [0, n];
  const big = BigInt(n);
  const count = BigInt(shard.count);
  return [Number((big * BigInt(shard.index - 1)) / count), Number((big * BigInt(shard.index)) / count)];
}
