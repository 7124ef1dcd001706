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
const TWO_POW_32 = 4294967296;

/** "00".."99": the two ASCII digits of n at DIGITS2[2n], DIGITS2[2n + 1]. */
const DIGITS2 = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  DIGITS2[2 * n] = 48 + ((n / 10) | 0);
  DIGITS2[2 * n + 1] = 48 + (n % 10);
}

/** Number of decimal digits of an integer 0 ≤ v < 2^32. */
function digits32(v: number): number {
  if (v < 100000) return v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10000 ? 4 : 5;
  if (v < 10000000) return v < 1000000 ? 6 : 7;
  return v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
}

/** Writes the digits of an integer 0 ≤ v < 2^32 backwards, ending just before `p`; returns where they start. */
function putDigits32(buf: Uint8Array, p: number, v: number): number {
  if (v < 2147483648) v |= 0; // int32 typing: the divisions by 100 become multiplications
  while (v >= 100) {
    const q = (v / 100) | 0;
    const r = (v - q * 100) << 1;
    buf[--p] = DIGITS2[r + 1];
    buf[--p] = DIGITS2[r];
    v = q;
  }
  if (v >= 10) {
    buf[--p] = DIGITS2[2 * v + 1];
    buf[--p] = DIGITS2[2 * v];
  } else buf[--p] = 48 + v;
  return p;
}

/**
 * The civil-date window served from a table: days DATE_LO (1900-01-01) to DATE_LO + DATE_DAYS - 1
 * (2100-12-31); other days take the civil-from-days arithmetic.
 */
const DATE_LO = -25567;
const DATE_DAYS = 73414;
/** Timestamps (ms) whose day lies in the window: [TS_LO, TS_HI). */
const TS_LO = DATE_LO * MS_PER_DAY;
const TS_HI = (DATE_LO + DATE_DAYS) * MS_PER_DAY;
/** The 10 ASCII bytes of `YYYY-MM-DD` of day DATE_LO + i at 10·i; built on first use (717 KiB). */
let dateTable: Uint8Array | null = null;

function buildDateTable(): Uint8Array {
  const t = new Uint8Array(DATE_DAYS * 10);
  let y = 1900;
  let m = 1;
  let d = 1;
  for (let i = 0, o = 0; i < DATE_DAYS; i++, o += 10) {
    t[o] = DIGITS2[2 * ((y / 100) | 0)];
    t[o + 1] = DIGITS2[2 * ((y / 100) | 0) + 1];
    t[o + 2] = DIGITS2[2 * (y % 100)];
    t[o + 3] = DIGITS2[2 * (y % 100) + 1];
    t[o + 4] = 45;
    t[o + 5] = DIGITS2[2 * m];
    t[o + 6] = DIGITS2[2 * m + 1];
    t[o + 7] = 45;
    t[o + 8] = DIGITS2[2 * d];
    t[o + 9] = DIGITS2[2 * d + 1];
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const len = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    if (++d > len) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
    }
  }
  dateTable = t;
  return t;
}

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
    if ((v | 0) === v) {
      // An int32 (-0 included, written "0"): one bounds check, two digits per step.
      const sign = v < 0 ? 1 : 0;
      const u = sign === 0 ? v : -v;
      const len = sign + digits32(u);
      if (this.pos + len > this.buf.length) this.grow(len);
      const p = putDigits32(this.buf, this.pos + len, u);
      if (sign !== 0) this.buf[p - 1] = 45;
      this.pos += len;
      return;
    }
    if (v < 0) {
      if (v < -Number.MAX_SAFE_INTEGER || v !== Math.floor(v)) return this.str(String(v));
      this.byte(45);
      v = -v;
    } else if (v > Number.MAX_SAFE_INTEGER || v !== Math.floor(v)) return this.str(String(v));
    this.uint(v);
  }

  /** A non-negative safe integer; two digits per step below 2^32. */
  uint(v: number): void {
    if (v >= TWO_POW_32) return this.uintBig(v);
    const n = digits32(v);
    if (this.pos + n > this.buf.length) this.grow(n);
    putDigits32(this.buf, this.pos + n, v);
    this.pos += n;
  }

  /** 2^32 ≤ v ≤ 2^53: the digits above the last eight, then those eight. */
  private uintBig(v: number): void {
    let hi = Math.floor(v / 100000000);
    let lo = v - hi * 100000000;
    if (lo < 0) {
      hi--;
      lo += 100000000;
    }
    this.uint(hi);
    this.padded(lo, 8);
  }

  /** `v` (a non-negative integer) with exactly `pad` digits, zero-padded (`pad` ≥ the digit count). */
  padded(v: number, pad: number): void {
    if (this.pos + pad > this.buf.length) this.grow(pad);
    const buf = this.buf;
    let p = this.pos + pad;
    this.pos = p;
    let i = pad;
    if (v < TWO_POW_32) {
      for (; i >= 2; i -= 2) {
        const q = (v / 100) | 0;
        const r = (v - q * 100) << 1;
        buf[--p] = DIGITS2[r + 1];
        buf[--p] = DIGITS2[r];
        v = q;
      }
      if (i === 1) buf[--p] = 48 + (v - ((v / 10) | 0) * 10);
      return;
    }
    for (; i > 0; i--) {
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
    if (scaled < 2147483648 && scale <= 9) {
      // Integer part and fraction are int32s: int32 arithmetic, one bounds check. scaled / f is never
      // rounded up to the next integer (the gap below it is at least 1/scaled, far above an ulp).
      const sc = scaled | 0;
      const ip = (sc / f) | 0;
      let fr = (sc - ip * f) | 0;
      const sign = neg && sc !== 0 ? 1 : 0;
      const len = sign + digits32(ip) + (scale > 0 ? scale + 1 : 0);
      if (this.pos + len > this.buf.length) this.grow(len);
      const buf = this.buf;
      let p = this.pos + len;
      this.pos = p;
      if (scale > 0) {
        let i = scale;
        for (; i >= 2; i -= 2) {
          const q = (fr / 100) | 0;
          const r = (fr - q * 100) << 1;
          buf[--p] = DIGITS2[r + 1];
          buf[--p] = DIGITS2[r];
          fr = q;
        }
        if (i === 1) buf[--p] = 48 + fr;
        buf[--p] = 46;
      }
      p = putDigits32(buf, p, ip);
      if (sign !== 0) buf[p - 1] = 45;
      return;
    }
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

  /**
   * Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian; years outside 0000..9999 as ±YYYYYY).
   * Integer days of 1900..2100 are copied from a table, others computed (`civilDate`).
   */
  date(days: number): void {
    const i = days - DATE_LO;
    if (i >= 0 && i < DATE_DAYS && (i | 0) === i) {
      const t = dateTable ?? buildDateTable();
      if (this.pos + 10 > this.buf.length) this.grow(10);
      const buf = this.buf;
      const p = this.pos;
      const o = i * 10;
      buf[p] = t[o];
      buf[p + 1] = t[o + 1];
      buf[p + 2] = t[o + 2];
      buf[p + 3] = t[o + 3];
      buf[p + 4] = t[o + 4];
      buf[p + 5] = t[o + 5];
      buf[p + 6] = t[o + 6];
      buf[p + 7] = t[o + 7];
      buf[p + 8] = t[o + 8];
      buf[p + 9] = t[o + 9];
      this.pos = p + 10;
      return;
    }
    this.civilDate(days);
  }

  /** `date` for any day by civil-from-days arithmetic (H. Hinnant's algorithm). */
  private civilDate(days: number): void {
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

  /**
   * Milliseconds since the epoch (floored) → `YYYY-MM-DDTHH:MM:SSZ`, with `.sss` only when ms % 1000 ≠ 0.
   * Integer ms of 1900..2100 take the date table and int32 arithmetic for the time of day.
   */
  timestamp(ms: number): void {
    if (ms >= TS_LO && ms < TS_HI) {
      // |ms / MS_PER_DAY| < 2^31: `| 0` truncates; the remainder is exact, an int32 iff ms is an integer.
      let d = (ms / MS_PER_DAY) | 0;
      let r = ms - d * MS_PER_DAY;
      if ((r | 0) === r) {
        if (r < 0) {
          d--;
          r += MS_PER_DAY;
        }
        this.date(d);
        this.timeOfDay(r);
        return;
      }
    }
    this.timestampSlow(ms);
  }

  /** `timestamp` for any ms, in double arithmetic. */
  private timestampSlow(ms: number): void {
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

  /** `THH:MM:SS[.sss]Z` for 0 ≤ t < 86 400 000 integer ms. */
  private timeOfDay(t: number): void {
    const h = (t / 3600000) | 0;
    t -= h * 3600000;
    const mi = (t / 60000) | 0;
    t -= mi * 60000;
    const s = (t / 1000) | 0;
    const milli = t - s * 1000;
    if (this.pos + 14 > this.buf.length) this.grow(14);
    const buf = this.buf;
    let p = this.pos;
    buf[p] = 84;
    buf[p + 1] = DIGITS2[2 * h];
    buf[p + 2] = DIGITS2[2 * h + 1];
    buf[p + 3] = 58;
    buf[p + 4] = DIGITS2[2 * mi];
    buf[p + 5] = DIGITS2[2 * mi + 1];
    buf[p + 6] = 58;
    buf[p + 7] = DIGITS2[2 * s];
    buf[p + 8] = DIGITS2[2 * s + 1];
    p += 9;
    if (milli !== 0) {
      const c = (milli / 100) | 0;
      const r = (milli - c * 100) << 1;
      buf[p] = 46;
      buf[p + 1] = 48 + c;
      buf[p + 2] = DIGITS2[r];
      buf[p + 3] = DIGITS2[r + 1];
      p += 4;
    }
    buf[p] = 90;
    this.pos = p + 1;
  }
}

/** UTF-8 bytes of a constant fragment, encoded once. */
export function encode(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
