/**
 * Validators used by emitted code, both while generating (a failing value is drawn again) and in
 * the emitted `validate<Table>()` functions. Pure predicates on one value.
 */

/** A practical e-mail check: one `@`, a non-empty local part without spaces, a dotted domain. */
export const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const PHONES: Record<string, RegExp> = {
  US: /^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?[2-9]\d{2}[ .-]?\d{4}$/,
};
const GENERIC_PHONE = /^\+?[0-9][0-9 ().-]{5,19}[0-9]$/;

/** ASCII classes: 1 = allowed in the local part, 2 = letter or digit, 4 = '-'. */
const EMAIL_CLASS = new Uint8Array(128);
for (const c of "!#$%&'*+/=?^_`{|}~.-") EMAIL_CLASS[c.charCodeAt(0)] |= 1;
for (let c = 48; c < 58; c++) EMAIL_CLASS[c] |= 3;
for (let c = 65; c < 91; c++) EMAIL_CLASS[c] |= 3;
for (let c = 97; c < 123; c++) EMAIL_CLASS[c] |= 3;
EMAIL_CLASS[45] |= 4;

/**
 * The same language as `EMAIL` without a regular expression (this runs once per generated row):
 * a non-empty local part of allowed characters, `@`, then two or more dot-separated labels of
 * letters, digits and inner hyphens.
 */
export function isEmail(s: string): boolean {
  const n = s.length;
  if (n > 254) return false;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 64) break;
    if (c >= 128 || (EMAIL_CLASS[c]! & 1) === 0) return false;
  }
  if (i === 0 || i >= n - 1) return false;
  let labels = 0;
  let start = i + 1;
  for (let j = start; j <= n; j++) {
    const c = j < n ? s.charCodeAt(j) : 46;
    if (c === 46) {
      if (j === start || s.charCodeAt(start) === 45 || s.charCodeAt(j - 1) === 45) return false;
      labels++;
      start = j + 1;
    } else if (c >= 128 || (EMAIL_CLASS[c]! & 6) === 0) return false;
  }
  return labels >= 2;
}

export function isUrl(s: string): boolean {
  return URL_RE.test(s);
}

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

export function isPhone(s: string, country: string): boolean {
  return (PHONES[country] ?? GENERIC_PHONE).test(s);
}

/** Luhn checksum over the digits; spaces and dashes are ignored, anything else fails. */
export function luhn(s: string): boolean {
  let sum = 0;
  let n = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57) return false;
    let d = c - 48;
    if (n++ % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return n > 1 && sum % 10 === 0;
}

/** Length in Unicode code points (what `@length` counts). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** A failed validator: which column and which rule. */
export interface Violation {
  readonly column: string;
  readonly rule: string;
}

/** A timestamp rounded down to whole milliseconds; null stays null. */
export function wholeMs(ms: number | null): number | null {
  return ms === null ? null : Math.floor(ms);
}

/** An int held as an int64 (a BigInt), null kept: what an int64 column stores from a nullable int. */
export function toBigInt(x: number | null): bigint | null {
  return x === null ? null : BigInt(x);
}

/** An int64 in JSON (inside a json value or an array): a number while it is a safe integer, else its digits. */
export function int64Json(x: bigint): number | string {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : String(x);
}
