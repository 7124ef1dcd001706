/**
 * Inverse distribution functions, for draws driven by a `correlate` group (a Gaussian copula): the
 * group gives each member a latent standard normal z; a member maps it through Φ to a uniform and then
 * through the inverse CDF of its own distribution, so its marginal is exactly the declared one.
 *
 *   copulaNormals(s, L, z)          // z = L · (independent normals of the cell s)
 *   invPoisson(phi(z[0]), 2.1)      // a Poisson(2.1) value, rank-coupled to z[0]
 *
 * Normal and lognormal members skip Φ and use z directly (`mean + sd·z`). Φ is Hart's double-precision
 * algorithm (West 2005); the inverse of Φ is Acklam's with one Halley step; the incomplete gamma and
 * beta functions and their inverses follow Numerical Recipes (3rd ed., §6.2, §6.4).
 */
import { sub } from "./stream.js";
import { stdNormal } from "./ziggurat.js";

const SQRT_2PI = 2.5066282746310002;
const ONE_MINUS_EPS = 1 - 2 ** -53;
const FPMIN = 1e-300;

/** z = L·n with n independent standard normals of cell `s` (slot k for the k-th); L row-major lower-triangular m×m. */
export function copulaNormals(s: number, l: Float64Array, z: Float64Array): void {
  const m = z.length;
  for (let k = 0; k < m; k++) z[k] = stdNormal(sub(s, k), 0);
  // In place, from the last row up: row j only reads n[0..j], which are still untouched.
  for (let j = m - 1; j >= 0; j--) {
    let acc = 0;
    for (let k = 0; k <= j; k++) acc += l[j * m + k]! * z[k]!;
    z[j] = acc;
  }
}

/** The standard normal CDF Φ(x), absolute error below 1e-14 (Hart 1968, as given by West 2005). */
export function phi(x: number): number {
  const ax = Math.abs(x);
  let c: number;
  if (ax > 37) c = 0;
  else {
    const e = Math.exp((-ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let b = 3.52624965998911e-2 * ax + 0.700383064443688;
      b = b * ax + 6.37396220353165;
      b = b * ax + 33.912866078383;
      b = b * ax + 112.079291497871;
      b = b * ax + 221.213596169931;
      b = b * ax + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * ax + 1.75566716318264;
      b = b * ax + 16.064177579207;
      b = b * ax + 86.7807322029461;
      b = b * ax + 296.564248779674;
      b = b * ax + 637.333633378831;
      b = b * ax + 793.826512519948;
      b = b * ax + 440.413735824752;
      c = c / b;
    } else {
      let b = ax + 0.65;
      b = ax + 4 / b;
      b = ax + 3 / b;
      b = ax + 2 / b;
      b = ax + 1 / b;
      c = e / b / SQRT_2PI;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Φ(x) kept inside (0, 1), so that every inverse below gets a finite answer. */
export function uniformOf(x: number): number {
  const u = phi(x);
  return u <= 0 ? FPMIN : u >= 1 ? ONE_MINUS_EPS : u;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation refined by one Halley step. */
export function invPhi(p: number): number {
  if (!(p > 0)) return -Infinity;
  if (!(p < 1)) return Infinity;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x =
      -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  const e = phi(x) - p;
  const u = e * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// ---------------------------------------------------------------- special functions

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized lower incomplete gamma function P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const gln = lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 100000; n++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** The x with P(a, x) = p (Numerical Recipes' invgammp: a first guess, then Halley steps). */
export function invGammaP(p: number, a: number): number {
  if (p <= 0) return 0;
  const gln = lnGamma(a);
  const a1 = a - 1;
  let x: number;
  let lna1 = 0;
  let afac = 0;
  if (a > 1) {
    lna1 = Math.log(a1);
    afac = Math.exp(a1 * (lna1 - 1) - gln);
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) x = -x;
    x = Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - x / (3 * Math.sqrt(a)), 3));
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    x = p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  for (let j = 0; j < 100; j++) {
    if (x <= 0) return 0;
    const err = gammaP(a, x) - p;
    const t0 = a > 1 ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1)) : Math.exp(-x + a1 * Math.log(x) - gln);
    if (t0 === 0) break;
    const u = err / t0;
    const t = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
    x -= t;
    if (x <= 0) x = 0.5 * (x + t);
    if (Math.abs(t) < 1e-12 * x) break;
  }
  return x;
}

function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (bt * betaCf(a, b, x)) / a;
  return 1 - (bt * betaCf(b, a, 1 - x)) / b;
}

/** The x with I_x(a, b) = p (Numerical Recipes' invbetai). */
export function invBetaI(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const a1 = a - 1;
  const b1 = b - 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) x = -x;
    const al = (x * x - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (x * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const afac = -lnGamma(a) - lnGamma(b) + lnGamma(a + b);
  for (let j = 0; j < 100; j++) {
    if (x === 0 || x === 1) return x;
    const err = betaI(a, b, x) - p;
    const t0 = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    if (t0 === 0 || !Number.isFinite(t0)) break;
    const u = err / t0;
    const t = u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    x -= t;
    if (x <= 0) x = 0.5 * (x + t);
    if (x >= 1) x = 0.5 * (x + t + 1);
    if (Math.abs(t) < 1e-12 * x && j > 0) break;
  }
  return x;
}

// ---------------------------------------------------------------- inverse CDFs of the generators

export function invUniformInt(u: number, lo: number, hi: number): number {
  return lo + Math.min(hi - lo, Math.floor(u * (hi - lo + 1)));
}

export function invUniformFloat(u: number, lo: number, hi: number): number {
  return lo + u * (hi - lo);
}

export function invExponential(u: number, rate: number): number {
  return -Math.log1p(-u) / rate;
}

export function invGamma(u: number, k: number, theta: number): number {
  return theta * invGammaP(u, k);
}

export function invBeta(u: number, a: number, b: number): number {
  return invBetaI(u, a, b);
}

export function invBernoulli(u: number, p: number): boolean {
  return u >= 1 - p;
}

/** The smallest k with P(X ≤ k) ≥ u for X ~ Poisson(λ); starts near the normal approximation for large λ. */
export function invPoisson(u: number, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    let p = Math.exp(-lambda);
    let f = p;
    let k = 0;
    while (u > f && k < 1000) {
      k++;
      p *= lambda / k;
      f += p;
    }
    return k;
  }
  let k = Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * invPhi(u)));
  let pmf = Math.exp(-lambda + k * Math.log(lambda) - lnGamma(k + 1));
  let cdf = 1 - gammaP(k + 1, lambda); // P(X ≤ k) = Q(k + 1, λ)
  for (let i = 0; i < 100000 && cdf < u; i++) {
    k++;
    pmf *= lambda / k;
    cdf += pmf;
  }
  for (let i = 0; i < 100000 && k > 0 && cdf - pmf >= u; i++) {
    cdf -= pmf;
    pmf *= k / lambda;
    k--;
  }
  return k;
}

const ZIPF_EXACT = 1024;

/** Generalized harmonic numbers H(k, s) = Σ_{i ≤ k} i^-s: exact to 1024 terms, Euler–Maclaurin beyond. */
class Harmonic {
  private readonly exact: Float64Array;
  constructor(private readonly s: number) {
    this.exact = new Float64Array(ZIPF_EXACT + 1);
    for (let i = 1; i <= ZIPF_EXACT; i++) this.exact[i] = this.exact[i - 1]! + Math.pow(i, -s);
  }
  at(k: number): number {
    if (k <= ZIPF_EXACT) return this.exact[k]!;
    const s = this.s;
    const m = ZIPF_EXACT;
    const integral = s === 1 ? Math.log(k / m) : (Math.pow(k, 1 - s) - Math.pow(m, 1 - s)) / (1 - s);
    const ends = (Math.pow(k, -s) - Math.pow(m, -s)) / 2;
    const d1 = (-s / 12) * (Math.pow(k, -s - 1) - Math.pow(m, -s - 1));
    const d3 = ((s * (s + 1) * (s + 2)) / 720) * (Math.pow(k, -s - 3) - Math.pow(m, -s - 3));
    return this.exact[m]! + integral + ends + d1 - d3;
  }
}

let harmonic: Harmonic | undefined;
let harmonicS = NaN;

/** The smallest k in 1..n with H(k, s) ≥ u·H(n, s): the inverse CDF of Zipf(s, n). */
export function invZipf(u: number, s: number, n: number): number {
  if (harmonic === undefined || harmonicS !== s) {
    harmonic = new Harmonic(s);
    harmonicS = s;
  }
  const h = harmonic;
  const target = u * h.at(n);
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (h.at(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of a weighted choice by inversion: `cumulative` holds the running sums of the weights. */
export function invWeighted(u: number, cumulative: Float64Array): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of a uniform choice among n by inversion. */
export function invUniformIndex(u: number, n: number): number {
  return Math.min(n - 1, Math.floor(u * n));
}
