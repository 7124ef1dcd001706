/**
 * The kinds of deliberate dirt (spec §8) as pure functions of a cell's text or value and the state
 * `t` of the cell's noise stream: the same cell always gets the same dirt. Each returns undefined
 * when it cannot change the value (a typo in an empty string), and the cell is then written clean.
 *
 *   typo("Smith", t)                        // "Smtih", "Smth" or "Smiith"
 *   reformat("date", "2024-01-02", t)       // "01/02/2024" or "02.01.2024"
 *   reformat("text", "555-123-4567", t)     // "(555) 123-4567", "555.123.4567" or "5551234567"
 *   reformat("number", "1234567.5", t)      // "1,234,567.5", "1234567,5" or "1.234.567,5"
 *   outlier(42, t)                          // 42 × a factor in [10, 1000), negated one time in four
 */
import { below, u32, unit } from "../rng/stream.js";

/** The notation family a value is reformatted in. */
export type FormatFamily = "number" | "date" | "timestamp" | "text";

/** Swaps two adjacent different characters, drops one, or doubles one (code points, never half a pair). */
export function typo(s: string, t: number): string | undefined {
  const chars = Array.from(s);
  const n = chars.length;
  if (n === 0) return undefined;
  let op = below(t, 0, 3);
  const j = below(t, 1, n);
  if (op === 0) {
    // swap j and j+1, or the next pair of different characters after it
    for (let k = 0; k < n - 1; k++) {
      const a = (j + k) % (n - 1);
      if (chars[a] !== chars[a + 1]) {
        [chars[a], chars[a + 1]] = [chars[a + 1]!, chars[a]!];
        return chars.join("");
      }
    }
    op = 2;
  }
  if (op === 1 && n > 1) {
    chars.splice(j, 1);
    return chars.join("");
  }
  chars.splice(j, 0, chars[j]!);
  return chars.join("");
}

/** The value in another valid notation of its family (only notations that differ from `s`). */
export function reformat(family: FormatFamily, s: string, t: number): string | undefined {
  const variants = notations(family, s).filter((v) => v !== s);
  if (variants.length === 0) return undefined;
  return variants[below(t, 0, variants.length)];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d{3})?)Z$/;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;
const PHONE_CHARS = /^[\d\s().+-]+$/;

function notations(family: FormatFamily, s: string): string[] {
  switch (family) {
    case "date": {
      const m = DATE.exec(s);
      return m ? [`${m[2]}/${m[3]}/${m[1]}`, `${m[3]}.${m[2]}.${m[1]}`] : [];
    }
    case "timestamp": {
      const m = TIMESTAMP.exec(s);
      if (!m) return [];
      const [, y, mo, d, time] = m;
      return [`${mo}/${d}/${y} ${time}`, `${d}.${mo}.${y} ${time}`, `${y}-${mo}-${d} ${time}`];
    }
    case "number": {
      const m = NUMBER.exec(s);
      if (!m) return [];
      const [, sign, int, frac] = m;
      const out: string[] = [];
      if (int!.length > 3) {
        out.push(sign + group(int!, ",") + (frac ? "." + frac : ""));
        out.push(sign + group(int!, ".") + (frac ? "," + frac : ""));
      }
      if (frac) out.push(sign + int + "," + frac);
      if (out.length === 0) out.push(`${s}.0`);
      return out;
    }
    case "text": {
      const phone = phoneDigits(s);
      if (phone) {
        const [a, b, c] = [phone.slice(0, 3), phone.slice(3, 6), phone.slice(6)];
        return [`(${a}) ${b}-${c}`, `${a}.${b}.${c}`, `${a}-${b}-${c}`, `${a}${b}${c}`];
      }
      return [s.toUpperCase(), s.toLowerCase(), ` ${s} `];
    }
  }
}

/** The ten digits of a North-American-style phone number written with any separators, else undefined. */
function phoneDigits(s: string): string | undefined {
  if (!PHONE_CHARS.test(s)) return undefined;
  const digits = s.replace(/\D/g, "");
  if (digits.length === 10) return digits;
  if (digits.length === 11 && digits.startsWith("1")) return digits.slice(1);
  return undefined;
}

/** `group("1234567", ",")` → `"1,234,567"`. */
function group(int: string, sep: string): string {
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

/** A number far outside its range: × a factor in [10, 1000), negated one time in four; 0 becomes ± the factor. */
export function outlier(v: number, t: number): number {
  const factor = 10 + unit(t, 0) * 990;
  const sign = u32(t, 2) < 0x40000000 ? -1 : 1;
  return sign * (v === 0 ? factor : v * factor);
}
