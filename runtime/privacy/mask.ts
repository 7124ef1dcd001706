/**
 * The masks of `@mask(partial | full | hash)` (spec §9): pure functions of the clean text, counted in
 * Unicode code points (an emoji is one character, not two UTF-16 units).
 *
 *   maskPartial("jane.doe@example.com")   // "j******e@example.com"   (the domain is kept)
 *   maskPartial("Smith")                  // "S***h"
 *   maskPartial("Al")                     // "A*"      (two characters: only the first is kept)
 *   maskPartial("J")                      // "*"
 *   maskFull("Jörg 😀")                    // "******"
 *   maskHash(key, "Smith")                // lowercase hex of HMAC-SHA-256(key, UTF-8 "Smith"), 64 digits
 */
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

/**
 * Keeps the first and the last code point and writes `*` for each one between. A value with an `@`
 * that has text on both sides of its last `@` is an email: its local part is masked that way and the
 * `@domain` is kept. Short values keep less, so that the mask never shows the whole value: one code
 * point becomes `*`, two keep the first (`"Al"` → `"A*"`). The empty string stays empty.
 */
export function maskPartial(s: string): string {
  const at = s.lastIndexOf("@");
  if (at > 0 && at < s.length - 1) return maskChars(s.slice(0, at)) + s.slice(at);
  return maskChars(s);
}

function maskChars(s: string): string {
  const chars = Array.from(s);
  const n = chars.length;
  if (n === 0) return "";
  if (n === 1) return "*";
  if (n === 2) return chars[0] + "*";
  return chars[0] + "*".repeat(n - 2) + chars[n - 1];
}

/** One `*` per code point: `maskFull("ab😀")` → `"***"`. */
export function maskFull(s: string): string {
  let n = 0;
  for (const _ of s) n++;
  return "*".repeat(n);
}

/** Key objects made once per key array (the key of a run is one array, reused for every cell). */
const hashKeys = new WeakMap<Uint8Array, KeyObject>();

/**
 * "Keyed SHA-256": the lowercase hex of HMAC-SHA-256(key, UTF-8 of `s`). Equal values give equal
 * hashes (joins on a hashed column still work); without the key nobody can test a guess.
 */
export function maskHash(key: Uint8Array, s: string): string {
  let k = hashKeys.get(key);
  if (k === undefined) {
    k = createSecretKey(key);
    hashKeys.set(key, k);
  }
  return createHmac("sha256", k).update(s, "utf8").digest("hex");
}
