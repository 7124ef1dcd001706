/**
 * Cells of `bytes` columns (spec §15), written straight into a writer's buffer: lower-case hex for
 * CSV and TSV (only `0-9a-f`, so never quoted or escaped), standard base64 with `=` padding (RFC 4648
 * §4) for JSON, inside the string's quotes.
 *
 *   hexInto(b, new Uint8Array([0, 255]))       // "00ff"
 *   base64Into(b, new Uint8Array([0, 255]))    // "AP8="
 */
import { type ByteBuffer, encode } from "./byte-buffer.js";

const HEX = encode("0123456789abcdef");
const BASE64 = encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const PAD = 61; // "="

/** `v` as lower-case hex, two digits a byte. */
export function hexInto(b: ByteBuffer, v: Uint8Array): void {
  const n = v.length;
  b.ensure(2 * n);
  const buf = b.buf;
  let p = b.pos;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    buf[p++] = HEX[x >>> 4];
    buf[p++] = HEX[x & 15];
  }
  b.pos = p;
}

/** `v` as base64 with padding: 4 characters for every 3 bytes or part of them. */
export function base64Into(b: ByteBuffer, v: Uint8Array): void {
  const n = v.length;
  b.ensure(4 * Math.ceil(n / 3));
  const buf = b.buf;
  let p = b.pos;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const w = (v[i] << 16) | (v[i + 1] << 8) | v[i + 2];
    buf[p++] = BASE64[w >>> 18];
    buf[p++] = BASE64[(w >>> 12) & 63];
    buf[p++] = BASE64[(w >>> 6) & 63];
    buf[p++] = BASE64[w & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const w = (v[i] << 16) | (two ? v[i + 1] << 8 : 0);
    buf[p++] = BASE64[w >>> 18];
    buf[p++] = BASE64[(w >>> 12) & 63];
    buf[p++] = two ? BASE64[(w >>> 6) & 63] : PAD;
    buf[p++] = PAD;
  }
  b.pos = p;
}
