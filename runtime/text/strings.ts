/**
 * The string helpers of the language (spec §15): `substr`, `lpad`, `rpad`, `replace`, `truncate`.
 * Positions and lengths count Unicode code points, as `len()` (`codePointLength`) does, so a surrogate
 * pair is never split and `len(lpad(s, n)) == n` whenever `len(s) < n`.
 *
 *   substr("héllo", 1, 3)     // "éll"
 *   lpad("42", 5, "0")        // "00042"
 *   rpad("ab", 5, "xy")       // "abxyx"
 *   replaceText("a.b.c", ".", "-")   // "a-b-c"
 *   truncate("😀ab", 2)       // "😀a"
 *
 * Fast path: a string without surrogates (all ASCII, and any other text of the Basic Multilingual
 * Plane) has one code unit per code point, so these are plain `slice`s. Only strings holding a
 * surrogate are walked. The compiler only makes well-formed strings; a lone surrogate counts as one
 * code point here (as `for...of` counts it).
 */

const SURROGATE = /[\ud800-\udfff]/;

/** The code-unit offset reached by stepping `n` code points from offset `i` (stops at the end). */
function advance(s: string, i: number, n: number): number {
  const end = s.length;
  while (n > 0 && i < end) {
    const c = s.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < end) {
      const d = s.charCodeAt(i);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n--;
  }
  return i;
}

/** The number of code points of `s` (a surrogate pair is one; a lone surrogate is one). */
function points(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; n++) i = advance(s, i, 1);
  return n;
}

/**
 * `len` code points of `s` from code point `start` (0-based), clamped to the string: a negative
 * `start` counts as 0, a negative `len` gives "", and a range past the end stops at the end.
 *
 *   substr("abcdef", 2, 3)   // "cde"
 *   substr("abc", 1, 10)     // "bc"
 *   substr("abc", 5, 1)      // ""
 */
export function substr(s: string, start: number, len: number): string {
  const from = Math.max(0, start);
  const n = Math.max(0, len);
  if (!SURROGATE.test(s)) return s.slice(from, from + n);
  const a = advance(s, 0, from);
  return s.slice(a, advance(s, a, n));
}

/**
 * The first `n` code points of `s` (all of it when it is shorter; "" for n ≤ 0).
 *
 *   truncate("abcdef", 3)   // "abc"
 *   truncate("ab", 5)       // "ab"
 */
export function truncate(s: string, n: number): string {
  if (n <= 0) return "";
  if (n >= s.length) return s;
  if (!SURROGATE.test(s)) return s.slice(0, n);
  return s.slice(0, advance(s, 0, n));
}

/** `need` code points of `fill` repeated and cut (`fill` not empty, need > 0). */
function padding(fill: string, need: number): string {
  const f = points(fill);
  return fill.repeat(Math.floor(need / f)) + truncate(fill, need % f);
}

/**
 * `s` padded on the left to `n` code points with `fill` repeated (the last copy cut). A string that
 * already has `n` or more code points is returned unchanged — never cut, unlike SQL's `lpad` —
 * and so is `s` under an empty `fill`.
 *
 *   lpad("7", 3, "0")        // "007"
 *   lpad("7", 4, "ab")       // "aba7"
 *   lpad("12345", 3, "0")    // "12345"
 */
export function lpad(s: string, n: number, fill = " "): string {
  const need = n - points(s);
  return need <= 0 || fill === "" ? s : padding(fill, need) + s;
}

/**
 * `s` padded on the right to `n` code points with `fill` repeated (the last copy cut). A string that
 * already has `n` or more code points is returned unchanged, and so is `s` under an empty `fill`.
 *
 *   rpad("ab", 4)          // "ab  "
 *   rpad("ab", 5, "xy")    // "abxyx"
 */
export function rpad(s: string, n: number, fill = " "): string {
  const need = n - points(s);
  return need <= 0 || fill === "" ? s : s + padding(fill, need);
}

/**
 * `s` with every occurrence of `from` replaced by `to`, left to right, without overlaps. Both are
 * literal text (no regular expressions, no `$` patterns). An empty `from` returns `s`.
 *
 *   replaceText("a-b-c", "-", "+")   // "a+b+c"
 *   replaceText("aaa", "aa", "b")    // "ba"
 *   replaceText("1$", "$", "$$")     // "1$$"
 */
export function replaceText(s: string, from: string, to: string): string {
  if (from === "" || !s.includes(from)) return s;
  return s.split(from).join(to);
}
