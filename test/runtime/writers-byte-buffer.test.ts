import { describe, expect, it } from "vitest";
import { ByteBuffer } from "../../runtime/writers/byte-buffer.js";
import { hash } from "./fixtures/toy-program.js";
import { ByteBuffer as OldByteBuffer } from "./fixtures/byte-buffer-old.js";

const text = (f: (b: ByteBuffer) => void, capacity = 16) => {
  const b = new ByteBuffer(capacity);
  f(b);
  return Buffer.from(b.take()).toString("utf8");
};

describe("ByteBuffer", () => {
  it("writes integers by digit loop like String()", () => {
    const values = [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31),
      2 ** 32,
      1e15,
      1e15 - 1,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      1e16,
      2 ** 60,
      1.5,
    ];
    for (let i = 0; i < 2000; i++) values.push(hash(i, 1) * (i % 2 ? 1 : -1), hash(i, 2) * 2 ** 21 + hash(i, 3));
    for (const v of values) expect(text((b) => b.int(v))).toBe(String(v));
  });

  it("writes decimals with exactly `scale` places", () => {
    const cases: Array<[number, number, string]> = [
      [12.3, 2, "12.30"],
      [-0.05, 2, "-0.05"],
      [0, 2, "0.00"],
      [-0, 3, "0.000"],
      [5, 0, "5"],
      [-1234.5, 1, "-1234.5"],
      [0.001, 3, "0.001"],
      [123456789.12, 2, "123456789.12"],
      [1e20, 2, (1e20).toFixed(2)],
    ];
    for (const [v, s, want] of cases) expect(text((b) => b.decimal(v, s))).toBe(want);
    for (let i = 0; i < 5000; i++) {
      const scale = i % 5;
      const v = ((hash(i, 9) % 20_000_001) - 10_000_000) / 10 ** scale;
      expect(text((b) => b.decimal(v, scale))).toBe(v.toFixed(scale));
    }
  });

  it("writes floats like String(v)", () => {
    for (const v of [0.1, -2.5, 1e21, 1e-7, 123456.789, 3, -7, Math.PI, NaN, Infinity])
      expect(text((b) => b.float(v))).toBe(String(v));
  });

  it("writes dates and timestamps like Date#toISOString, without Date", () => {
    for (let i = 0; i < 5000; i++) {
      const days = (hash(i, 4) % 2_900_000) - 719_000; // years 0031..9908
      expect(text((b) => b.date(days))).toBe(new Date(days * 86_400_000).toISOString().slice(0, 10));
      const ms = days * 86_400_000 + (hash(i, 5) % 86_400_000) - (i % 2 ? hash(i, 6) % 1000 : 0);
      const iso = new Date(ms).toISOString();
      expect(text((b) => b.timestamp(ms))).toBe(ms % 1000 === 0 ? iso.replace(".000Z", "Z") : iso);
    }
    expect(text((b) => b.timestamp(0))).toBe("1970-01-01T00:00:00Z");
    expect(text((b) => b.timestamp(-1))).toBe("1969-12-31T23:59:59.999Z");
    expect(text((b) => b.date(11016))).toBe("2000-02-29");
  });

  it("encodes strings as UTF-8 (lone surrogates as U+FFFD), growing as needed", () => {
    const s = "aé€😀\u2028" + "x".repeat(5000) + "\ud800z\udc00";
    expect(Buffer.from(text((b) => b.str(s), 4))).toEqual(Buffer.from(s, "utf8"));
    const b = new ByteBuffer(4);
    b.str("hello");
    expect(b.take()).toEqual(new Uint8Array(Buffer.from("hello")));
    expect(b.pos).toBe(0);
    b.bytes(new Uint8Array(40).fill(65));
    expect(b.take().length).toBe(40);
  });
});

describe("ByteBuffer fast paths write the same bytes as the reference implementation", () => {
  /**
   * Writes every value with `f`, one per line, into the current and the reference buffer (small
   * initial capacity, so growth is exercised) and compares the bytes, reporting the first line that differs.
   */
  const same = <T>(values: readonly T[], f: (b: ByteBuffer | OldByteBuffer, v: T) => void) => {
    const run = (b: ByteBuffer | OldByteBuffer) => {
      for (const v of values) {
        f(b, v);
        b.byte(10);
      }
      return Buffer.from(b.take()).toString("latin1").split("\n");
    };
    const got = run(new ByteBuffer(8));
    const want = run(new OldByteBuffer(8));
    const i = got.findIndex((line, j) => line !== want[j]);
    expect(i === -1 ? null : { value: values[i], got: got[i], want: want[i] }).toBeNull();
    expect(got.length).toBe(want.length);
  };
  /** A random double with a random magnitude: 2^0 .. 2^60. */
  const wide = (i: number, salt: number) => (hash(i, salt) / 2 ** 32) * 2 ** (hash(i, salt + 1) % 61);

  it("int, uint and padded", () => {
    const edges = [
      0,
      -0,
      9,
      10,
      99,
      100,
      101,
      999,
      1000,
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31),
      -(2 ** 31) - 1,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 1,
      1e8,
      1e8 - 1,
      1e9,
      1e10 - 1,
      1e15,
      2 ** 53 - 1,
      2 ** 53,
      -(2 ** 53),
      1e16,
      1e21,
      0.5,
      -0.5,
      1.5e9 + 0.5,
      NaN,
      Infinity,
      -Infinity,
    ];
    for (let k = 1; k <= 16; k++) edges.push(10 ** k - 1, 10 ** k, 10 ** k + 1);
    const values = [...edges];
    for (let i = 0; i < 20_000; i++) {
      const v = Math.floor(wide(i, 10));
      values.push(v, -v, hash(i, 12) % 1000, v + 0.25);
    }
    same(values, (b, v) => b.int(v));
    same(
      values.filter((v) => Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER),
      (b, v) => b.uint(v),
    );
    const padded: Array<[number, number]> = [];
    for (let i = 0; i < 20_000; i++) {
      const pad = 1 + (i % 12);
      padded.push([i % 3 === 0 ? hash(i, 13) : hash(i, 14) % 10 ** pad, pad], [Math.floor(wide(i, 15)), 17]);
    }
    same(padded, (b, [v, pad]) => b.padded(v, pad));
  });

  it("decimal", () => {
    const values = [
      0,
      -0,
      0.005,
      -0.005,
      0.5,
      1.005,
      2.675,
      42949672.95,
      42949672.96,
      4294967295,
      4294967296,
      9007199254740.99,
      1e13,
      1e20,
      -1e20,
      NaN,
      Infinity,
    ];
    for (let i = 0; i < 20_000; i++)
      values.push(wide(i, 20) / 1000, -wide(i, 22) / 10 ** (i % 6), Math.round(wide(i, 24)) / 100);
    for (const scale of [0, 1, 2, 3, 4, 6, 9, 15, 16, 22, 23]) same(values, (b, v) => b.decimal(v, scale));
  });

  it("date over the table window, its edges and far outside", () => {
    const values = Array.from({ length: 73_500 }, (_, i) => i - 25_600);
    values.push(
      -0,
      0.5,
      -0.5,
      -25567.5,
      47846.9,
      NaN,
      Infinity,
      -Infinity,
      -719468,
      -719469,
      2932896,
      2932897,
      -1e8,
      1e8,
    );
    for (let i = 0; i < 20_000; i++)
      values.push((hash(i, 30) % 7_000_000) - 3_500_000, (hash(i, 31) % 80_000) - 30_000 + (i % 4) / 4);
    same(values, (b, v) => b.date(v));
  });

  it("timestamp: integer and fractional ms, negative days, the window's edges", () => {
    const D = 86_400_000;
    const lo = -25567 * D;
    const hi = 47847 * D;
    const values = [
      0,
      -0,
      -1,
      1,
      999,
      1000,
      -1000,
      -999,
      D - 1,
      D,
      -D,
      -D - 1,
      lo,
      lo - 1,
      lo + 1,
      hi,
      hi - 1,
      hi + 1,
      lo - 0.5,
      hi - 0.5,
      -0.5,
      0.5,
      -1e-9,
      D - 1e-9,
      8.64e15,
      -8.64e15,
      1e20,
      NaN,
      Infinity,
      -Infinity,
    ];
    for (let i = 0; i < 50_000; i++) {
      const day = (hash(i, 40) % 80_000) - 30_000;
      const t = hash(i, 41) % D;
      const ms = day * D + t;
      values.push(
        ms,
        -ms,
        ms - (hash(i, 42) % 1000),
        day * D,
        ms + (hash(i, 43) % 1000) / 1000,
        ((hash(i, 44) % 7_000_000) - 3_500_000) * D + t,
      );
    }
    same(values, (b, v) => b.timestamp(v));
    // And against Date for the in-range integer values.
    const b = new ByteBuffer(8);
    const want: string[] = [];
    for (const v of values) {
      if (!Number.isInteger(v) || Math.abs(v) > 8.64e15) continue;
      const iso = new Date(v).toISOString();
      if (iso.startsWith("+") || iso.startsWith("-")) continue;
      want.push(v % 1000 === 0 ? iso.replace(".000Z", "Z") : iso);
      b.timestamp(v);
      b.byte(10);
    }
    expect(Buffer.from(b.take()).toString("latin1")).toBe(want.join("\n") + "\n");
  });
});
