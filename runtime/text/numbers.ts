/**
 * Number rounding and text for decimal and float columns.
 *
 * Rounding is half-even on the *decimal* value of x — the shortest text that round-trips, what
 * `String(x)` prints — not on its binary expansion: `roundHalfEven(2.675, 2)` is 2.68 (2.675 is a tie,
 * 7 is odd), although the double 2.675 is 2.67499999999999982…; `roundHalfEven(1.005, 2)` is 1 and
 * `roundHalfEven(0.125, 2)` is 0.12. The fast path works on the scaled double; only values within a
 * few ulps of a tie fall back to reading `String(x)` exactly.
 *
 *   formatDecimal(2.675, 2)   // "2.68"
 *   formatDecimal(-0, 2)      // "0.00"
 *   formatFloat(1e-6)         // "0.000001"
 */

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(Number("1e" + i));

const TWO_POW_52 = 4503599627370496;
/** Relative error bound of the scaled value (x's own rounding plus one multiplication), with margin. */
const TIE_TOL = 2 ** -50;

/** x clamped to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * round-half-even(ax · 10^digits) computed exactly on the text of ax (String(ax), which may use
 * exponent notation), for results below 2^53. The slow path, taken only near ties.
 */
function scaledFromText(ax: number, digits: number): number {
  const s = String(ax);
  const e = s.indexOf("e");
  const mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mant.indexOf(".");
  const ds = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const cut = (dot < 0 ? mant.length : dot) + exp + digits; // ds[cut] is the first dropped digit
  if (cut <= 0) return cut === 0 && (ds.charCodeAt(0) > 53 || (ds[0] === "5" && /[1-9]/.test(ds.slice(1)))) ? 1 : 0;
  const kept = cut >= ds.length ? Number(ds) * POW10[cut - ds.length] : Number(ds.slice(0, cut));
  if (cut >= ds.length) return kept;
  const first = ds.charCodeAt(cut) - 48;
  let up = first > 5;
  if (first === 5) up = /[1-9]/.test(ds.slice(cut + 1)) || kept % 2 === 1;
  return up ? kept + 1 : kept;
}

/** round-half-even(|x| · 10^digits) as an integer-valued double, for 0 ≤ digits ≤ 22 and finite x. */
function scaledHalfEven(ax: number, digits: number): number {
  const scaled = ax * POW10[digits];
  const f = Math.floor(scaled);
  const dist = scaled - f - 0.5;
  if (dist > scaled * TIE_TOL) return f + 1;
  if (dist < -scaled * TIE_TOL) return f;
  return scaledFromText(ax, digits);
}

/**
 * x rounded half-even to `digits` decimal places (negative digits round to tens, hundreds, …; |digits| ≤
 * 22). Returns the double nearest to the rounded decimal; never -0. Non-finite x is returned as is.
 */
export function roundHalfEven(x: number, digits = 0): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const ax = Math.abs(x);
  let r: number;
  if (digits >= 0) {
    if (ax * POW10[digits] >= TWO_POW_52) return x;
    r = scaledHalfEven(ax, digits) / POW10[digits];
  } else {
    const p = POW10[-digits];
    const scaled = ax / p;
    const f = Math.floor(scaled);
    const dist = scaled - f - 0.5;
    const n = dist > scaled * TIE_TOL ? f + 1 : dist < -scaled * TIE_TOL ? f : scaledFromText(ax, digits);
    r = n * p;
  }
  return r === 0 ? 0 : x < 0 ? -r : r;
}

const ZEROS = "0000000000000000000000";

/**
 * v as text with exactly `scale` digits after the point (none and no point for scale 0), rounded
 * half-even like `roundHalfEven`; "-0.00" never appears. Non-finite v gives String(v).
 */
export function formatDecimal(v: number, scale: number): string {
  if (!Number.isFinite(v)) return String(v);
  const ax = Math.abs(v);
  if (scale > 15 || ax * POW10[scale] >= TWO_POW_52) return bigDecimal(v, scale);
  const n = scaledHalfEven(ax, scale);
  const sign = v < 0 && n > 0 ? "-" : "";
  if (scale === 0) return sign + n;
  const p = POW10[scale];
  let ip = Math.floor(n / p);
  if (ip * p > n) ip--;
  const fs = String(n - ip * p);
  return sign + ip + "." + (fs.length < scale ? ZEROS.slice(0, scale - fs.length) + fs : fs);
}

/**
 * The rare path (no fraction left at this scale, or scale > 15): half-even on the digits of String(v),
 * done on text, so `formatDecimal(53101462129.1, 6)` is "53101462129.100000", not the binary tail.
 */
function bigDecimal(v: number, scale: number): string {
  const s = String(Math.abs(v));
  const e = s.indexOf("e");
  const mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mant.indexOf(".");
  let ds = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  let point = (dot < 0 ? mant.length : dot) + exp;
  if (point < 1) {
    ds = "0".repeat(1 - point) + ds;
    point = 1;
  }
  if (ds.length < point + scale + 1) ds += "0".repeat(point + scale + 1 - ds.length);
  const cut = point + scale;
  const tail = ds.slice(cut);
  const kept = ds.slice(0, cut).split("").map(Number);
  const up = tail[0] > "5" || (tail[0] === "5" && (/[1-9]/.test(tail.slice(1)) || kept[kept.length - 1] % 2 === 1));
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i]++;
    else {
      kept.unshift(1);
      point++;
    }
  }
  let int = kept
    .slice(0, kept.length - scale)
    .join("")
    .replace(/^0+(?=\d)/, "");
  if (int === "") int = "0";
  const frac = kept.slice(kept.length - scale).join("");
  const zero = !kept.some((d) => d !== 0);
  return (v < 0 && !zero ? "-" : "") + int + (scale > 0 ? "." + frac : "");
}

/**
 * A float as the shortest text that round-trips (`String(v)`): plain notation for
 * 1e-6 ≤ |v| < 1e21, exponent notation outside; -0 gives "0", NaN "NaN", infinities "Infinity".
 */
export function formatFloat(v: number): string {
  return String(v);
}
