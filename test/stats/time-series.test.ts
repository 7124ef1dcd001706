/**
 * The time-series terms of spec §5, measured on the compiled module (fixed seed, so deterministic):
 * `seasonal` is amplitude · sin(2π · t / period + phase) of the tick (checked against the formula and
 * by a least-squares fit), `trend(rate / D)` drifts by exactly rate per D, `walk(sd)` has
 * Var(W_k) = k · sd² across parents with uncorrelated steps, and `gbm(s0, mu, sigma)` has log returns
 * with mean (mu − sigma²/2)·dt and sd sigma·√dt (dt in years of 365.25 days).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";
import { bundleModule } from "../helpers/typescript.js";

const WALKERS = 20_000;
const WALK_STEPS = 48;
const SD = 0.05;
const ASSETS = 20;
const MU = 0.5;
const SIGMA = 0.2;
const DAY = 86_400_000;

const SCHEMA = `
dataset series { seed: 17 }
table one { rows: 1  id int @pk = sequence(1) }
table season {
  rows: per one every 1h from 2024-01-01 to 2025-01-01
  at  timestamp = tick
  v   float     = seasonal(period: 1d, amplitude: 4, phase: 0.5)
  w   float     = seasonal(7d, 1.5)
  t   float     = trend(0.2 / 1d)
}
table walkers { rows: ${WALKERS}  id int @pk = sequence(1) }
table walks {
  rows: per walkers every 1h from 2024-01-01 to 2024-01-03
  w   float = walk(sd: ${SD})
}
table assets { rows: ${ASSETS}  id int @pk = sequence(1) }
table prices {
  rows: per assets every 1d from 2000-01-01 to 2020-01-01
  s   float = gbm(s0: 100, mu: ${MU}, sigma: ${SIGMA})
}
`;

type Row = Record<string, unknown>;
let mod: Record<string, (from?: number, to?: number) => Iterable<Row>> & { program: { size(t: string): number } };

beforeAll(async () => {
  const dir = tempDir("series-stats");
  const schema = join(dir, "series.dgen");
  writeFileSync(schema, SCHEMA);
  const r = await dgen(["compile", schema, "-o", join(dir, "gen")]);
  expect(r.code, r.stderr).toBe(0);
  const file = join(dir, "series.mjs");
  await bundleModule(dir, join(dir, "gen", "series.ts"), file);
  mod = (await import(pathToFileURL(file).href)) as typeof mod;
}, 120_000);

const rows = (table: string): Row[] => [...mod[table]!()];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe("seasonal and trend", () => {
  it("seasonal is amplitude · sin(2π · t / period + phase) of the tick, t in ms since 1970", () => {
    const season = rows("season");
    expect(season).toHaveLength(366 * 24); // 2024 is a leap year
    for (const row of season) {
      const t = Date.parse(row.at as string);
      expect(Math.abs((row.v as number) - 4 * Math.sin((2 * Math.PI * t) / DAY + 0.5))).toBeLessThan(1e-9);
      expect(Math.abs((row.w as number) - 1.5 * Math.sin((2 * Math.PI * t) / (7 * DAY)))).toBeLessThan(1e-9);
    }
  });

  it("a least-squares fit recovers period 1 day, amplitude 4 and phase 0.5", () => {
    const season = rows("season");
    // v = a·sin(ωt) + b·cos(ωt) with ω = 2π/day; amplitude √(a²+b²), phase atan2(b, a)
    let ss = 0,
      cc = 0,
      sc = 0,
      vs = 0,
      vc = 0;
    for (const row of season) {
      const x = (2 * Math.PI * Date.parse(row.at as string)) / DAY;
      const s = Math.sin(x),
        c = Math.cos(x),
        v = row.v as number;
      ss += s * s;
      cc += c * c;
      sc += s * c;
      vs += v * s;
      vc += v * c;
    }
    const det = ss * cc - sc * sc;
    const a = (vs * cc - vc * sc) / det;
    const b = (vc * ss - vs * sc) / det;
    expect(Math.hypot(a, b)).toBeCloseTo(4, 6);
    expect(Math.atan2(b, a)).toBeCloseTo(0.5, 6);
    // one full turn a day: 366 upward zero crossings in the year, and v(t + 1d) = v(t)
    let ups = 0;
    for (let i = 1; i < season.length; i++)
      if ((season[i - 1]!.v as number) < 0 && (season[i]!.v as number) >= 0) ups++;
    expect(ups).toBeGreaterThanOrEqual(365);
    expect(ups).toBeLessThanOrEqual(366);
    for (let i = 0; i + 24 < season.length; i += 97)
      expect(season[i + 24]!.v as number).toBeCloseTo(season[i]!.v as number, 9);
  });

  it("trend(0.2 / 1d) is 0 at the start and rises by 0.2 a day", () => {
    const season = rows("season");
    const from = Date.parse(season[0]!.at as string);
    expect(season[0]!.t).toBe(0);
    // regression of t on days since the start
    const xs = season.map((r) => (Date.parse(r.at as string) - from) / DAY);
    const ys = season.map((r) => r.t as number);
    const mx = mean(xs),
      my = mean(ys);
    let sxy = 0,
      sxx = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    expect(sxy / sxx).toBeCloseTo(0.2, 10);
    expect(my - (sxy / sxx) * mx).toBeCloseTo(0, 9);
    expect(season[24 * 10]!.t).toBeCloseTo(2, 12); // ten days in
  });
});

describe("walk(sd)", () => {
  const byStep = (): number[][] => {
    const steps: number[][] = Array.from({ length: WALK_STEPS }, () => []);
    let i = 0;
    for (const row of mod.walks!()) steps[i++ % WALK_STEPS]!.push(row.w as number);
    return steps;
  };

  it("starts at 0 and Var(W_k) ≈ k · sd² across parents (within 4 %)", () => {
    const steps = byStep();
    expect(steps[0]!.every((x) => x === 0)).toBe(true);
    for (const k of [1, 5, 12, 24, 47]) {
      const v = variance(steps[k]!);
      const expected = k * SD * SD;
      // the sample variance of 20 000 normals has a relative standard error of √(2/n) = 1 %
      expect(Math.abs(v / expected - 1), `k = ${k}: ${v} vs ${expected}`).toBeLessThan(0.04);
      expect(Math.abs(mean(steps[k]!)), `k = ${k}`).toBeLessThan(4 * Math.sqrt(expected / WALKERS));
    }
  });

  it("its steps are independent normals with sd `sd`: uncorrelated across steps, not heavy-tailed", () => {
    const steps = byStep();
    const inc = (k: number) => steps[k]!.map((x, p) => x - steps[k - 1]![p]!);
    const a = inc(10),
      b = inc(11),
      c = inc(40);
    const corr = (x: number[], y: number[]) => {
      const mx = mean(x),
        my = mean(y);
      let sxy = 0,
        sxx = 0,
        syy = 0;
      for (let i = 0; i < x.length; i++) {
        sxy += (x[i]! - mx) * (y[i]! - my);
        sxx += (x[i]! - mx) ** 2;
        syy += (y[i]! - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(Math.abs(corr(a, b))).toBeLessThan(0.03); // 4 / √20000 ≈ 0.028
    expect(Math.abs(corr(a, c))).toBeLessThan(0.03);
    expect(Math.sqrt(variance(a)) / SD).toBeCloseTo(1, 1);
    // about 95.4 % of a normal's draws lie within 2 sd
    const inside = a.filter((x) => Math.abs(x) < 2 * SD).length / a.length;
    expect(Math.abs(inside - 0.9545)).toBeLessThan(0.006);
  });
});

describe("gbm(s0, mu, sigma)", () => {
  it("starts at s0; log returns have mean (mu − sigma²/2)·dt and sd sigma·√dt, dt = 1 day in years", () => {
    const n = mod.program.size("prices") / ASSETS;
    expect(n).toBe(7305); // days from 2000-01-01 to 2020-01-01
    const prices = rows("prices").map((r) => r.s as number);
    const returns: number[] = [];
    for (let p = 0; p < ASSETS; p++) {
      expect(prices[p * n]).toBe(100);
      for (let k = 1; k < n; k++) returns.push(Math.log(prices[p * n + k]! / prices[p * n + k - 1]!));
    }
    expect(prices.every((x) => x > 0)).toBe(true);
    const dt = 1 / 365.25;
    const m = mean(returns);
    const sd = Math.sqrt(variance(returns));
    const expectedMean = (MU - (SIGMA * SIGMA) / 2) * dt;
    const expectedSd = SIGMA * Math.sqrt(dt);
    // standard error of the mean: sd / √n ≈ 2.7e-5 for 146 080 returns
    expect(Math.abs(m - expectedMean), `${m} vs ${expectedMean}`).toBeLessThan(
      (4 * expectedSd) / Math.sqrt(returns.length),
    );
    // relative standard error of the sd ≈ 1 / √(2n) ≈ 0.2 %
    expect(Math.abs(sd / expectedSd - 1), `${sd} vs ${expectedSd}`).toBeLessThan(0.01);
  });
});
