/**
 * Reference distributions for the statistical tests (test/stats/) and `dgen report`, written from the
 * textbook formulas and nothing else: this file imports no dgen code, so a bug in the runtime's samplers cannot hide in its own
 * yardstick. The special functions follow Numerical Recipes (3rd ed., §6.1–6.4): ln Γ by Lanczos,
 * the regularized incomplete gamma by its series and continued fraction, the regularized incomplete
 * beta by its continued fraction (modified Lentz). `reference.test.ts` checks them against closed forms
 * and published values.
 *
 *   normal(50, 10).cdf(60)          // 0.8413447460685429
 *   poisson(3.5).pmf(2)             // 0.18495897346170082
 */

/** A continuous distribution: its CDF and the moments the tests compare against. */
export interface Continuous {
  readonly label: string;
  cdf(x: number): number;
  readonly mean: number;
  readonly variance: number;
  /** E[(X − μ)⁴] / σ⁴ (3 for a normal); sets the standard error of the sample variance. */
  readonly kurtosis: number;
}

/** A distribution on whole numbers, given by its probability mass function. */
export interface Pmf {
  readonly label: string;
  pmf(k: number): number;
}

/** A discrete distribution with the moments the tests compare against. */
export interface Discrete extends Pmf {
  readonly mean: number;
  readonly variance: number;
  readonly kurtosis: number;
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Numerical Recipes' `gammln` (3rd ed., §6.1): Lanczos with γ = 671/128 and 14 terms. */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  let t = x + 5.2421875;
  t = (x + 0.5) * Math.log(t) - t;
  let series = 0.999999999999997092;
  for (let j = 0; j < LANCZOS.length; j++) series += LANCZOS[j] / (x + j + 1);
  return t + Math.log((2.5066282746310005 * series) / x);
}

/** ln of x^a e^(−x) / Γ(a), the prefactor of both incomplete gamma expansions. */
function gammaPrefactor(a: number, x: number): number {
  return -x + a * Math.log(x) - logGamma(a);
}

/** P(a, x) by its power series (converges fast for x < a + 1). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) return sum * Math.exp(gammaPrefactor(a, x));
  }
  throw new Error(`incomplete gamma series did not converge for a = ${a}, x = ${x}`);
}

/** Q(a, x) by its continued fraction, modified Lentz (converges fast for x ≥ a + 1). */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return Math.exp(gammaPrefactor(a, x)) * h;
  }
  throw new Error(`incomplete gamma fraction did not converge for a = ${a}, x = ${x}`);
}

/** The regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** The regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

/** The continued fraction of the incomplete beta function (NR `betacf`), modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta fraction did not converge for a = ${a}, b = ${b}, x = ${x}`);
}

/** The regularized incomplete beta I_x(a, b), the CDF of Beta(a, b) at x. */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // the fraction converges fast on the side of the mean; use the symmetry I_x(a, b) = 1 − I_(1−x)(b, a)
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The standard normal CDF Φ(z) = ½ erfc(−z/√2), with erfc(u) = Q(½, u²) for u ≥ 0. */
export function phi(z: number): number {
  const q = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? q : 1 - q;
}

export function uniform(lo: number, hi: number): Continuous {
  return {
    label: `uniform(${lo}, ${hi})`,
    cdf: (x) => (x <= lo ? 0 : x >= hi ? 1 : (x - lo) / (hi - lo)),
    mean: (lo + hi) / 2,
    variance: (hi - lo) ** 2 / 12,
    kurtosis: 1.8,
  };
}

export function normal(mean: number, sd: number): Continuous {
  return { label: `normal(${mean}, ${sd})`, cdf: (x) => phi((x - mean) / sd), mean, variance: sd * sd, kurtosis: 3 };
}

export function lognormal(mu: number, sigma: number): Continuous {
  const s2 = sigma * sigma;
  return {
    label: `lognormal(${mu}, ${sigma})`,
    cdf: (x) => (x <= 0 ? 0 : phi((Math.log(x) - mu) / sigma)),
    mean: Math.exp(mu + s2 / 2),
    variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
    kurtosis: Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3,
  };
}

export function exponential(rate: number): Continuous {
  return {
    label: `exponential(${rate})`,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-rate * x)),
    mean: 1 / rate,
    variance: 1 / (rate * rate),
    kurtosis: 9,
  };
}

/** Gamma with shape k and scale theta (mean k·theta). */
export function gamma(k: number, theta: number): Continuous {
  return {
    label: `gamma(${k}, ${theta})`,
    cdf: (x) => gammaP(k, x / theta),
    mean: k * theta,
    variance: k * theta * theta,
    kurtosis: 3 + 6 / k,
  };
}

export function beta(a: number, b: number): Continuous {
  const s = a + b;
  return {
    label: `beta(${a}, ${b})`,
    cdf: (x) => betaI(a, b, x),
    mean: a / s,
    variance: (a * b) / (s * s * (s + 1)),
    kurtosis: 3 + (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3)),
  };
}

export function poisson(lambda: number): Discrete {
  return {
    label: `poisson(${lambda})`,
    pmf: (k) => (k < 0 || !Number.isInteger(k) ? 0 : Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1))),
    mean: lambda,
    variance: lambda,
    kurtosis: 3 + 1 / lambda,
  };
}

/** Any distribution on lo..hi given by weights (normalized here); moments by direct summation. */
export function finite(label: string, lo: number, weights: readonly number[]): Discrete {
  const total = weights.reduce((a, b) => a + b, 0);
  const p = weights.map((w) => w / total);
  let mean = 0;
  p.forEach((q, i) => (mean += q * (lo + i)));
  let m2 = 0;
  let m4 = 0;
  p.forEach((q, i) => {
    const d = lo + i - mean;
    m2 += q * d * d;
    m4 += q * d ** 4;
  });
  return {
    label,
    pmf: (k) => (Number.isInteger(k) && k >= lo && k < lo + p.length ? p[k - lo] : 0),
    mean,
    variance: m2,
    kurtosis: m4 / (m2 * m2),
  };
}

/** The whole numbers lo..hi, each equally likely. */
export function uniformInt(lo: number, hi: number): Discrete {
  return finite(`uniform(${lo}, ${hi})`, lo, new Array<number>(hi - lo + 1).fill(1));
}

/** Zipf on 1..n: P(k) = k^(−s) / Σ_j j^(−s). */
export function zipf(s: number, n: number): Discrete {
  const w = new Array<number>(n);
  for (let k = 1; k <= n; k++) w[k - 1] = k ** -s;
  return finite(`zipf(${s}, ${n})`, 1, w);
}

/**
 * A continuous distribution rounded to a grid of `step` (round to nearest; ties have probability 0):
 * P(X rounds to g) = F(g + step/2) − F(g − step/2), with F(lo) and 1 − F(hi) piled on the clamp bounds
 * `lo` and `hi` when given. The pmf is over grid indexes k (the value k·step).
 */
export function discretized(dist: Continuous, step: number, bounds: { lo?: number; hi?: number } = {}): Pmf {
  const { lo = -Infinity, hi = Infinity } = bounds;
  const clamped = bounds.lo !== undefined || bounds.hi !== undefined;
  const label = `${dist.label} rounded to ${step}${clamped ? `, clamped to [${lo}, ${hi}]` : ""}`;
  return {
    label,
    pmf(k) {
      const g = k * step;
      if (g < lo || g > hi) return 0;
      const below = g === lo ? 0 : dist.cdf(g - step / 2);
      const upTo = g === hi ? 1 : dist.cdf(g + step / 2);
      return upTo - below;
    },
  };
}
