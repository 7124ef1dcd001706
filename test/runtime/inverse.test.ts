/**
 * The inverse distribution functions behind `correlate`, against the independent reference functions
 * of compiler/report/stats/reference.ts: each inverse lands where the forward CDF says it should.
 */
import { describe, expect, it } from "vitest";
import * as inv from "../../runtime/rng/inverse.js";
import * as ref from "../../compiler/report/stats/reference.js";

const US = [1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-9];

describe("Φ and Φ⁻¹", () => {
  it("Φ agrees with the reference to 1e-13", () => {
    for (let x = -9; x <= 9; x += 0.37) expect(Math.abs(inv.phi(x) - ref.phi(x))).toBeLessThan(1e-13);
  });
  it("Φ⁻¹(Φ(x)) = x (up to x = 5: beyond it 1 − Φ(x) is below the spacing of doubles near 1)", () => {
    for (let x = -8; x <= 5; x += 0.41) expect(inv.invPhi(inv.phi(x))).toBeCloseTo(x, 9);
  });
});

describe("continuous inverses", () => {
  const cases: [string, (u: number) => number, ref.Continuous][] = [
    ["gamma(0.3, 2)", (u) => inv.invGamma(u, 0.3, 2), ref.gamma(0.3, 2)],
    ["gamma(1, 1)", (u) => inv.invGamma(u, 1, 1), ref.gamma(1, 1)],
    ["gamma(7.5, 0.5)", (u) => inv.invGamma(u, 7.5, 0.5), ref.gamma(7.5, 0.5)],
    ["gamma(400, 1)", (u) => inv.invGamma(u, 400, 1), ref.gamma(400, 1)],
    ["beta(2, 5)", (u) => inv.invBeta(u, 2, 5), ref.beta(2, 5)],
    ["beta(0.5, 0.5)", (u) => inv.invBeta(u, 0.5, 0.5), ref.beta(0.5, 0.5)],
    ["beta(0.2, 3)", (u) => inv.invBeta(u, 0.2, 3), ref.beta(0.2, 3)],
    ["exponential(0.25)", (u) => inv.invExponential(u, 0.25), ref.exponential(0.25)],
    ["uniform(-3, 5)", (u) => inv.invUniformFloat(u, -3, 5), ref.uniform(-3, 5)],
  ];
  for (const [name, f, dist] of cases)
    it(`${name}: F(F⁻¹(u)) = u`, () => {
      for (const u of US) {
        const x = f(u);
        expect(Number.isFinite(x)).toBe(true);
        expect(Math.abs(dist.cdf(x) - u), `u = ${u}, x = ${x}`).toBeLessThan(Math.max(1e-9, u * 1e-7));
      }
    });
});

describe("discrete inverses give the smallest k with F(k) ≥ u", () => {
  const check = (f: (u: number) => number, pmf: (k: number) => number, lo: number) => {
    for (const u of [...US, 0.3, 0.6, 0.95]) {
      const k = f(u);
      let below = 0;
      for (let j = lo; j < k; j++) below += pmf(j);
      expect(below, `u = ${u}, k = ${k}`).toBeLessThan(u + 1e-9);
      expect(below + pmf(k), `u = ${u}, k = ${k}`).toBeGreaterThanOrEqual(u - 1e-9);
    }
  };
  it("poisson, small and large λ", () => {
    for (const lambda of [0.5, 3.5, 29, 30, 250, 5000])
      check(
        (u) => inv.invPoisson(u, lambda),
        (k) => ref.poisson(lambda).pmf(k),
        0,
      );
  });
  it("zipf, small and large n", () => {
    check(
      (u) => inv.invZipf(u, 1.2, 1000),
      (k) => ref.zipf(1.2, 1000).pmf(k),
      1,
    );
    check(
      (u) => inv.invZipf(u, 2, 50),
      (k) => ref.zipf(2, 50).pmf(k),
      1,
    );
  });
  it("zipf beyond the exact table stays within 1e-6 of the CDF", () => {
    const n = 100_000;
    const z = ref.zipf(1.1, n);
    for (const u of [0.5, 0.8, 0.95, 0.99]) {
      const k = inv.invZipf(u, 1.1, n);
      let cdf = 0;
      for (let j = 1; j <= k; j++) cdf += z.pmf(j);
      expect(cdf).toBeGreaterThanOrEqual(u - 1e-6);
      expect(cdf - z.pmf(k)).toBeLessThan(u + 1e-6);
    }
  });
  it("uniform ints, weighted and uniform choices", () => {
    check(
      (u) => inv.invUniformInt(u, 1, 6),
      () => 1 / 6,
      1,
    );
    const w = [0.2, 0.5, 0.3];
    check(
      (u) => inv.invWeighted(u, new Float64Array([0.2, 0.7, 1])),
      (k) => w[k]!,
      0,
    );
    check(
      (u) => inv.invUniformIndex(u, 4),
      () => 0.25,
      0,
    );
  });
});

describe("copula normals", () => {
  it("z = L·n: a factor of [[1, 0], [0.6, 0.8]] gives correlation 0.6 and unit variances", () => {
    const l = new Float64Array([1, 0, 0.6, 0.8]);
    const z = new Float64Array(2);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      inv.copulaNormals((i * 2654435761) >>> 0, l, z);
      sxy += z[0]! * z[1]!;
      sxx += z[0]! ** 2;
      syy += z[1]! ** 2;
    }
    expect(sxx / n).toBeCloseTo(1, 1);
    expect(syy / n).toBeCloseTo(1, 1);
    expect(sxy / Math.sqrt(sxx * syy)).toBeCloseTo(0.6, 1);
  });
});
