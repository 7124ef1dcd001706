/**
 * The yardstick first: the reference CDFs against closed forms and published values (Abramowitz &
 * Stegun tables, exact factorials), and the test statistics on inputs whose answer is known. If these
 * fail, distributions.test.ts proves nothing.
 */
import { describe, expect, it } from "vitest";
import { chiSquare, chiSquareCritical, ks, moments, share } from "../../compiler/report/stats/goodness.js";
import {
  beta,
  betaI,
  discretized,
  exponential,
  gamma,
  gammaP,
  gammaQ,
  logGamma,
  lognormal,
  normal,
  phi,
  poisson,
  uniformInt,
  zipf,
} from "../../compiler/report/stats/reference.js";

const XS = [0.01, 0.1, 0.3, 0.5, 0.77, 0.9, 0.999];

describe("special functions", () => {
  it("ln Γ matches factorials and Γ(½) = √π", () => {
    let lnFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n + 1)).toBeCloseTo((lnFactorial += Math.log(n)), 11);
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
  });

  it("the incomplete gamma matches closed forms for shapes 1 and 3, and erf for shape ½", () => {
    for (const x of [0.01, 0.5, 1, 2.5, 4, 10, 40]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 13);
      expect(gammaP(3, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x + (x * x) / 2), 13);
      expect(gammaP(2.7, x) + gammaQ(2.7, x)).toBeCloseTo(1, 13);
    }
    expect(gammaP(0.5, 1)).toBeCloseTo(0.8427007929497149, 13); // erf(1)
    expect(gammaQ(0.5, 4)).toBeCloseTo(0.004677734981047266, 15); // erfc(2)
  });

  it("Φ matches published values, in the tails too", () => {
    expect(phi(0)).toBe(0.5);
    expect(phi(1)).toBeCloseTo(0.8413447460685429, 13);
    expect(phi(1.96)).toBeCloseTo(0.9750021048517795, 13);
    expect(phi(-3)).toBeCloseTo(0.0013498980316300946, 15);
    expect(phi(-6) / 9.865876450376946e-10).toBeCloseTo(1, 10);
  });

  it("the incomplete beta matches closed forms", () => {
    const choose = (n: number, k: number) => {
      let c = 1;
      for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
      return c;
    };
    for (const x of XS) {
      expect(betaI(1, 1, x)).toBeCloseTo(x, 13);
      expect(betaI(3.5, 1, x)).toBeCloseTo(x ** 3.5, 13);
      expect(betaI(1, 0.4, x)).toBeCloseTo(1 - (1 - x) ** 0.4, 13);
      expect(betaI(0.5, 0.5, x)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 12);
      // integer shapes: I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a)
      let tail = 0;
      for (let j = 2; j <= 6; j++) tail += choose(6, j) * x ** j * (1 - x) ** (6 - j);
      expect(betaI(2, 5, x)).toBeCloseTo(tail, 13);
      expect(betaI(0.3, 2.2, x)).toBeCloseTo(1 - betaI(2.2, 0.3, 1 - x), 13);
    }
  });
});

describe("distributions", () => {
  it("continuous CDFs rise from 0 to 1 and put the median where theory says", () => {
    expect(normal(50, 10).cdf(50)).toBeCloseTo(0.5, 14);
    expect(lognormal(1, 0.5).cdf(Math.E)).toBeCloseTo(0.5, 14);
    expect(exponential(0.25).cdf(4 * Math.LN2)).toBeCloseTo(0.5, 14);
    expect(gamma(1, 2).cdf(3)).toBeCloseTo(exponential(0.5).cdf(3), 13);
    expect(beta(3, 3).cdf(0.5)).toBeCloseTo(0.5, 13);
    for (const d of [gamma(0.5, 2), gamma(3, 1.5), beta(2, 5), beta(0.5, 0.5), lognormal(1, 0.5)]) {
      expect(d.cdf(0)).toBe(0);
      expect(d.cdf(1e6)).toBeCloseTo(1, 12);
    }
  });

  it("probability mass functions sum to 1 and have the stated moments", () => {
    for (const d of [poisson(3.5), poisson(250)]) {
      let total = 0;
      let mean = 0;
      for (let k = 0; k < 2000; k++) {
        total += d.pmf(k);
        mean += k * d.pmf(k);
      }
      expect(total).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(d.mean, 9);
    }
    expect(poisson(3.5).pmf(2)).toBeCloseTo(0.18495897346170082, 14);
    const z = zipf(1.1, 50);
    expect(z.pmf(1) / z.pmf(2)).toBeCloseTo(2 ** 1.1, 12);
    expect(z.pmf(0) + z.pmf(51)).toBe(0);
    const u = uniformInt(1, 6);
    expect(u.mean).toBeCloseTo(3.5, 14);
    expect(u.variance).toBeCloseTo(35 / 12, 14);
  });

  it("a clamped, rounded normal puts the clipped tails on its bounds", () => {
    const d = discretized(normal(690, 70), 1, { lo: 300, hi: 850 });
    let total = 0;
    for (let k = 290; k <= 860; k++) total += d.pmf(k);
    expect(total).toBeCloseTo(1, 12);
    expect(d.pmf(850)).toBeCloseTo(1 - phi(159.5 / 70), 14);
    expect(d.pmf(851)).toBe(0);
    expect(d.pmf(700)).toBeCloseTo(phi(10.5 / 70) - phi(9.5 / 70), 14);
  });
});

describe("test statistics", () => {
  const n = 100_000;
  /** The ideal sample of normal(50, 10): its quantiles at (i + ½)/n, by Newton steps from the last one. */
  function idealNormal(): Float64Array {
    const out = new Float64Array(n);
    let z = -4.4;
    for (let i = 0; i < n; i++) {
      const p = (i + 0.5) / n;
      for (let k = 0; k < 8; k++) z -= (phi(z) - p) / (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI));
      out[i] = 50 + 10 * z;
    }
    return out;
  }

  it("KS: an ideal sample is at distance ½n; a sample off by 2% of a standard deviation is rejected", () => {
    const xs = idealNormal();
    expect(ks(xs, normal(50, 10).cdf).d).toBeCloseTo(0.5 / n, 8);
    const off = ks(xs, normal(50.2, 10).cdf);
    expect(off.d).toBeGreaterThan(off.critical);
    expect(ks(xs, normal(50, 10.3).cdf).d).toBeGreaterThan(off.critical);
    expect(off.critical).toBeCloseTo(1.95 / Math.sqrt(n), 14);
  });

  it("KS with atoms compares both sides of each jump", () => {
    // half the sample at 0, half uniform on (0, 1): P(X ≤ x) = ½ + x/2 for x ≥ 0
    const xs = new Float64Array(n);
    for (let i = n / 2; i < n; i++) xs[i] = (i - n / 2 + 0.5) / (n / 2);
    const cdf = (x: number) => (x < 0 ? 0 : Math.min(1, 0.5 + x / 2));
    const before = (x: number) => (x <= 0 ? 0 : Math.min(1, 0.5 + x / 2));
    expect(ks(xs, cdf, before).d).toBeLessThan(2 / n);
    // the same sample read as continuous uniform(0, 1) is far off
    expect(ks(xs, (x) => Math.min(1, Math.max(0, x))).d).toBeGreaterThan(0.49);
  });

  it("chi-square: critical values, merging of small bins, impossible values", () => {
    // tabulated upper 0.1% points of chi-square
    const table: [number, number][] = [
      [1, 10.828],
      [2, 13.816],
      [10, 29.588],
      [100, 149.449],
      [1000, 1143.917],
    ];
    for (const [df, x] of table) expect(chiSquareCritical(df), `df ${df}`).toBeCloseTo(x, 2);
    const fair = chiSquare([250, 250, 250, 250], [0.25, 0.25, 0.25, 0.25]);
    expect(fair).toMatchObject({ stat: 0, df: 3, bins: 4 });
    // 1 000 draws: the last three categories expect 3, 1 and 1, so they merge into one bin of 5
    const merged = chiSquare([495, 500, 2, 2, 1], [0.495, 0.5, 0.003, 0.001, 0.001]);
    expect(merged.bins).toBe(3);
    expect(merged.stat).toBeCloseTo(0, 12);
    expect(chiSquare([600, 400], [0.5, 0.5]).stat).toBeCloseTo(40, 12);
    expect(chiSquare([999, 0, 1], [0.995, 0.005, 0]).stat).toBe(Infinity);
    expect(() => chiSquare([1, 1], [0.5, 0.4])).toThrow(/sum to/);
  });

  it("shares and moments", () => {
    expect(share(30_500, n, 0.3)).toMatchObject({ offPoints: expect.closeTo(0.5, 10) as number });
    expect(share(30_500, n, 0.3).z).toBeCloseTo(0.005 / Math.sqrt(0.21 / n), 10);
    expect(share(0, n, 0).z).toBe(0);
    expect(share(1, n, 0).z).toBe(Infinity);
    const m = moments([1, 2, 3, 4], { mean: 2.5, variance: 5 / 3, kurtosis: 1.64 });
    expect(m).toMatchObject({ mean: 2.5, meanZ: 0 });
    expect(m.variance).toBeCloseTo(5 / 3, 14);
  });
});
