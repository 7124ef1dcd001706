/**
 * A growable byte buffer for the writers' hot path: strings, pre-encoded fragments, integers by
 * digit loop, fixed-scale decimals, dates and timestamps — no intermediate strings, no Date objects.
 *
 *   const b = new ByteBuffer();
 *   b.ascii("id,"); b.int(-42); b.byte(44); b.date(19723); b.byte(44); b.timestamp(1_700_000_000_123);
 *   b.take()   // bytes of "id,-42,2024-01-01,2023-11-14T22:13:20.123Z"
 *
 * `buf` and `pos` are public so that the format sinks can write escaped text straight into it;
 * call `ensure(n)` before writing `n` bytes by hand.
 */

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MS_PER_DAY = 86_400_000;

export class ByteBuffer {
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 1 << 20) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** The bytes written so far (a fresh copy with its own ArrayBuffer, transferable); resets. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  /** A pre-encoded fragment. */
  bytes(u: Uint8Array): void {
    const n = u.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    if (n < 16) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) buf[p++] = u[i];
      this.pos = p;
    } else {
      this.buf.set(u, this.pos);
      this.pos += n;
    }
  }

  /** Any string as UTF-8; ASCII is copied byte by byte, the rest goes through `utf8Char`. */
  str(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.grow(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else {
        this.pos = p;
        i = this.utf8Char(s, i, c);
        p = this.pos;
      }
    }
    this.pos = p;
  }

  /**
   * Writes the non-ASCII code unit `c` at `s[i]` (a surrogate pair as one code point, a lone
   * surrogate as U+FFFD) and returns the index of the last code unit consumed. Needs 3 bytes of room
   * per code unit (4 for a pair of two).
   */
  utf8Char(s: string, i: number, c: number): number {
    const buf = this.buf;
    let p = this.pos;
    if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = c <= 0xdbff && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[p++] = 0xf0 | (cp >> 18);
        buf[p++] = 0x80 | ((cp >> 12) & 63);
        buf[p++] = 0x80 | ((cp >> 6) & 63);
        buf[p++] = 0x80 | (cp & 63);
        i++;
      } else {
        buf[p++] = 0xef;
        buf[p++] = 0xbf;
        buf[p++] = 0xbd;
      }
    } else {
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 63);
      buf[p++] = 0x80 | (c & 63);
    }
    this.pos = p;
    return i;
  }

  /** A safe integer (any sign) by digit loop; anything else through `String(v)`. */
  int(v: number): void {
    if (v < 0) {
      if (v < -Number.MAX_SAFE_INTEGER || v !== Math.floor(v)) return this.str(String(v));
      this.byte(45);
      v = -v;
    } else if (v > Number.MAX_SAFE_INTEGER || v !== Math.floor(v)) return this.str(String(v));
    this.uint(v);
  }

  /** A non-negative safe integer. */
  uint(v: number): void {
    let digits = 1;
    while (digits < 16 && v >= POW10[digits]) digits++;
    if (this.pos + digits > this.buf.length) this.grow(digits);
    const buf = this.buf;
    let p = this.pos + digits;
    this.pos = p;
    if (v < 0x80000000) {
      do {
        const q = (v / 10) | 0;
        buf[--p] = 48 + (v - q * 10);
        v = q;
      } while (v !== 0);
    } else {
      do {
        const q = Math.floor(v / 10);
        buf[--p] = 48 + (v - q * 10);
        v = q;
      } while (v !== 0);
    }
  }

  /** `v` with exactly `pad` digits, zero-padded (`pad` ≥ the digit count). */
  padded(v: number, pad: number): void {
    if (this.pos + pad > this.buf.length) this.grow(pad);
    const buf = this.buf;
    let p = this.pos + pad;
    this.pos = p;
    for (let i = 0; i < pad; i++) {
      const q = Math.floor(v / 10);
      buf[--p] = 48 + (v - q * 10);
      v = q;
    }
  }

  /** `v`, already rounded to `scale` places, with exactly `scale` digits after the point. */
  decimal(v: number, scale: number): void {
    const f = POW10[scale];
    const neg = v < 0;
    const scaled = Math.round(neg ? -v * f : v * f);
    if (f === undefined || !(scaled <= Number.MAX_SAFE_INTEGER)) return this.str(v.toFixed(scale));
    if (neg && scaled !== 0) this.byte(45);
    const ip = Math.floor(scaled / f);
    this.uint(ip);
    if (scale > 0) {
      this.byte(46);
      this.padded(scaled - ip * f, scale);
    }
  }

  /** Shortest round-trip text; integers by digit loop. */
  float(v: number): void {
    if (v === Math.floor(v) && v <= Number.MAX_SAFE_INTEGER && v >= -Number.MAX_SAFE_INTEGER) this.int(v);
    else this.str(String(v));
  }

  /** Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian, civil-from-days). */
  date(days: number): void {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y >= 0 && y <= 9999) this.padded(y, 4);
    else {
      this.byte(y < 0 ? 45 : 43);
      this.padded(Math.abs(y), 6);
    }
    this.ensure(6);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 45;
    buf[p++] = 48 + ((m / 10) | 0);
    buf[p++] = 48 + (m % 10);
    buf[p++] = 45;
    buf[p++] = 48 + ((d / 10) | 0);
    buf[p++] = 48 + (d % 10);
    this.pos = p;
  }

  /** Milliseconds since the epoch → `YYYY-MM-DDTHH:MM:SSZ`, with `.sss` only when ms % 1000 ≠ 0. */
  timestamp(ms: number): void {
    ms = Math.floor(ms);
    const days = Math.floor(ms / MS_PER_DAY);
    let t = ms - days * MS_PER_DAY;
    this.date(days);
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const s = t % 60;
    t = (t - s) / 60;
    const mi = t % 60;
    const h = (t - mi) / 60;
    this.ensure(14);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 84;
    buf[p++] = 48 + ((h / 10) | 0);
    buf[p++] = 48 + (h % 10);
    buf[p++] = 58;
    buf[p++] = 48 + ((mi / 10) | 0);
    buf[p++] = 48 + (mi % 10);
    buf[p++] = 58;
    buf[p++] = 48 + ((s / 10) | 0);
    buf[p++] = 48 + (s % 10);
    if (milli !== 0) {
      buf[p++] = 46;
      buf[p++] = 48 + ((milli / 100) | 0);
      buf[p++] = 48 + (((milli / 10) | 0) % 10);
      buf[p++] = 48 + (milli % 10);
    }
    buf[p++] = 90;
    this.pos = p;
  }
}

/** UTF-8 bytes of a constant fragment, encoded once. */
export function encode(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
