/**
 * Text in SQL data files, written straight into a writer's buffer as UTF-8.
 *
 *   literalBody(b, "it's", false, false)     // it''s          (inside '…'; MySQL also doubles \)
 *   copyText(b, "a\tb\\c", false)           // a\tb\\c        (PostgreSQL COPY text format)
 *   pgArrayLiteral(["a\"b", null, 1])       // {"a\"b",NULL,1}
 *
 * Each writer returns false when the text holds NUL (U+0000), which no dialect's text type stores
 * the same way (PostgreSQL refuses it), so the sink can stop with the row and column.
 */
import type { ByteBuffer } from "../writers/byte-buffer.js";

const QUOTE = 39; // '
const BACKSLASH = 92;

/** The inside of a `'…'` literal: `'` doubled, and `\` doubled when `backslash` (MySQL's default mode). */
export function literalBody(b: ByteBuffer, s: string, backslash: boolean, lower: boolean): boolean {
  const n = s.length;
  b.ensure(n * 3); // at most 2 bytes per ASCII unit, 3 per other unit
  let p = b.pos;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) {
        b.pos = p;
        return false;
      }
      const buf = b.buf;
      if (c === QUOTE) buf[p++] = QUOTE;
      else if (c === BACKSLASH && backslash) buf[p++] = BACKSLASH;
      else if (lower && c >= 65 && c <= 90) c += 32;
      buf[p++] = c;
    } else if (lower) {
      b.pos = p;
      return literalBody(b, s.slice(i).toLowerCase(), backslash, false);
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
  return true;
}

/** A field of PostgreSQL's COPY text format: `\` `\n` `\r` `\t` escaped with a backslash. */
export function copyText(b: ByteBuffer, s: string, lower: boolean): boolean {
  const n = s.length;
  b.ensure(n * 3); // at most 2 bytes per ASCII unit, 3 per other unit
  let p = b.pos;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) {
        b.pos = p;
        return false;
      }
      const buf = b.buf;
      if (c === BACKSLASH || c === 10 || c === 13 || c === 9) {
        buf[p++] = BACKSLASH;
        c = c === 10 ? 110 : c === 13 ? 114 : c === 9 ? 116 : BACKSLASH;
      } else if (lower && c >= 65 && c <= 90) c += 32;
      buf[p++] = c;
    } else if (lower) {
      b.pos = p;
      return copyText(b, s.slice(i).toLowerCase(), false);
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
  return true;
}

/** A PostgreSQL array literal of JSON-able elements (strings quoted, `NULL` for null, nested arrays). */
export function pgArrayLiteral(v: readonly unknown[]): string {
  let s = "{";
  for (let i = 0; i < v.length; i++) {
    if (i > 0) s += ",";
    const x = v[i];
    if (x === null || x === undefined) s += "NULL";
    else if (Array.isArray(x)) s += pgArrayLiteral(x);
    else if (typeof x === "string") s += '"' + x.replaceAll("\\", "\\\\").replaceAll('"', '\\"') + '"';
    else if (typeof x === "boolean") s += x ? "t" : "f";
    else if (typeof x === "number" || typeof x === "bigint") s += String(x);
    else s += '"' + JSON.stringify(x).replaceAll("\\", "\\\\").replaceAll('"', '\\"') + '"';
  }
  return s + "}";
}
