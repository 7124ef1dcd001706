/**
 * The runtime side of time series: `SeriesWalk` (one `walk`/`gbm` call site) gives the same value for
 * (key, slot, parent, step) whatever was asked before it — in order, backwards, jumping between parents
 * or keys — and its steps follow the recurrences of spec §5 with innovations from the stream at the
 * series' rows, attempt 0; shards and chunks of a time-series table are cut between whole series.
 */
import { describe, expect, it } from "vitest";
import { SeriesWalk } from "../../runtime/series/walk.js";
import { cell, columnKey, sub } from "../../runtime/rng/stream.js";
import { stdNormal } from "../../runtime/rng/ziggurat.js";
import { seriesChunkRows, shardRange } from "../../runtime/workers/chunks.js";

const LEN = 500;
const key = columnKey(7, "readings", "value");
const other = columnKey(7, "readings", "other");

describe("SeriesWalk", () => {
  it("walk: W_0 = 0 and W_k = W_{k−1} + sd·z_k, z_k the stream's normal at row p·length + k, attempt 0", () => {
    const w = new SeriesWalk(LEN, 0, 0, 0.5, false);
    const p = 3;
    let expected = 0;
    for (let k = 0; k < LEN; k++) {
      if (k > 0) expected += 0.5 * stdNormal(sub(cell(key, p * LEN + k, 0), 2), 0);
      expect(w.at(key, 2, p, k)).toBe(expected);
    }
  });

  it("gbm: S_0 = s0 and S_k = S_{k−1}·exp(drift + vol·z_k)", () => {
    const g = new SeriesWalk(LEN, 100, 0.001, 0.02, true);
    let expected = 100;
    for (let k = 0; k < 50; k++) {
      if (k > 0) expected *= Math.exp(0.001 + 0.02 * stdNormal(sub(cell(key, 7 * LEN + k, 0), 0), 0));
      expect(g.at(key, 0, 7, k)).toBe(expected);
    }
  });

  it("random access equals sequential access, bit for bit, in any order and across keys", () => {
    const seq = new SeriesWalk(LEN, 0, 0, 1, false);
    const values = new Map<string, number>();
    for (const [k0, p] of [
      [key, 0],
      [key, 1],
      [other, 1],
    ] as const)
      for (let k = 0; k < LEN; k++) values.set(`${k0}/${p}/${k}`, seq.at(k0, 4, p, k));
    const rnd = new SeriesWalk(LEN, 0, 0, 1, false);
    const order = [499, 3, 250, 251, 251, 0, 17, 499, 498, 120];
    for (const k of order) {
      expect(rnd.at(key, 4, 1, k)).toBe(values.get(`${key}/1/${k}`));
      expect(rnd.at(other, 4, 1, k)).toBe(values.get(`${other}/1/${k}`));
      expect(rnd.at(key, 4, 0, k)).toBe(values.get(`${key}/0/${k}`));
    }
    // different keys and parents give different series
    expect(values.get(`${key}/1/100`)).not.toBe(values.get(`${other}/1/100`));
    expect(values.get(`${key}/0/100`)).not.toBe(values.get(`${key}/1/100`));
  });
});

describe("cutting a time-series table", () => {
  it("shardRange with a unit splits whole series and covers the table exactly", () => {
    for (const parents of [0, 1, 2, 7, 20, 1001])
      for (const count of [1, 2, 3, 7, 8]) {
        const n = parents * LEN;
        let next = 0;
        for (let i = 1; i <= count; i++) {
          const [from, to] = shardRange(n, { index: i, count }, LEN);
          expect(from).toBe(next);
          expect(from % LEN).toBe(0);
          expect(to % LEN).toBe(0);
          next = to;
        }
        expect(next).toBe(n);
      }
    // without a unit, the split is the plain one
    expect(shardRange(10, { index: 2, count: 3 })).toEqual([3, 6]);
    expect(shardRange(20 * 2016, { index: 1, count: 3 }, 2016)).toEqual([0, 6 * 2016]);
  });

  it("seriesChunkRows takes as many whole series as fit, and at least one", () => {
    expect(seriesChunkRows(32768, 2016)).toBe(16 * 2016);
    expect(seriesChunkRows(32768, 32768)).toBe(32768);
    expect(seriesChunkRows(32768, 43200)).toBe(43200);
    expect(seriesChunkRows(256, 1)).toBe(256);
  });
});
