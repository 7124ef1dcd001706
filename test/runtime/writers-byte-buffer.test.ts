import { describe, expect, it } from "vitest";
import { ByteBuffer } from "../../runtime/writers/byte-buffer.js";
import { hash } from "./fixtures/toy-program.js";

const text = (f: (b: ByteBuffer) => void, capacity = 16) => {
  const b = new ByteBuffer(capacity);
  f(b);
  return Buffer.from(b.take()).toString("utf8");
};

describe("ByteBuffer", () => {
  it("writes integers by digit loop like String()", () => {
    const values = [0, -0, 1, -1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 1e15, 1e15 - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e16, 2 ** 60, 1.5];
    for (let i = 0; i < 2000; i++) values.push(hash(i, 1) * (i % 2 ? 1 : -1), hash(i, 2) * 2 ** 21 + hash(i, 3));
    for (const v of values) expect(text((b) => b.int(v))).toBe(String(v));
  });

  it("writes decimals with exactly `scale` places", () => {
    const cases: Array<[number, number, string]> = [
      [12.3, 2, "12.30"], [-0.05, 2, "-0.05"], [0, 2, "0.00"], [-0, 3, "0.000"], [5, 0, "5"], [-1234.5, 1, "-1234.5"],
      [0.001, 3, "0.001"], [123456789.12, 2, "123456789.12"], [1e20, 2, (1e20).toFixed(2)],
    ];
    for (const [v, s, want] of cases) expect(text((b) => b.decimal(v, s))).toBe(want);
    for (let i = 0; i < 5000; i++) {
      const scale = i % 5;
      const v = ((hash(i, 9) % 20_000_001) - 10_000_000) / 10 ** scale;
      expect(text((b) => b.decimal(v, scale))).toBe(v.toFixed(scale));
    }
  });

  it("writes floats like String(v)", () => {
    for (const v of [0.1, -2.5, 1e21, 1e-7, 123456.789, 3, -7, Math.PI, NaN, Infinity]) expect(text((b) => b.float(v))).toBe(String(v));
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
