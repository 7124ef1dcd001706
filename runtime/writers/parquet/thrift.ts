/**
 * Thrift's compact protocol, write side only: just enough to write Parquet's page headers and file
 * footer. Field ids are given explicitly; the writer tracks the last id of each open struct.
 *
 *   const t = new ThriftWriter();
 *   t.i32(1, 7); t.stop();   // bytes 0x15 0x0e 0x00
 */

export const T_TRUE = 1;
export const T_FALSE = 2;
export const T_BYTE = 3;
export const T_I32 = 5;
export const T_I64 = 6;
export const T_BINARY = 8;
export const T_LIST = 9;
export const T_STRUCT = 12;

const utf8 = new TextEncoder();

export class ThriftWriter {
  private buf = new Uint8Array(256);
  private pos = 0;
  private last = 0;
  private readonly stack: number[] = [];

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  private varbig(v: bigint): void {
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  private zigzag(v: number | bigint): void {
    const b = BigInt(v);
    this.varbig(b >= 0n ? b << 1n : (-b << 1n) - 1n);
  }

  private header(id: number, type: number): void {
    const delta = id - this.last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last = id;
  }

  i32(id: number, v: number): void {
    this.header(id, T_I32);
    this.zigzag(v);
  }

  i64(id: number, v: number | bigint): void {
    this.header(id, T_I64);
    this.zigzag(v);
  }

  i8(id: number, v: number): void {
    this.header(id, T_BYTE);
    this.byte(v & 0xff);
  }

  bool(id: number, v: boolean): void {
    this.header(id, v ? T_TRUE : T_FALSE);
  }

  binary(id: number, v: Uint8Array): void {
    this.header(id, T_BINARY);
    this.varint(v.length);
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  string(id: number, v: string): void {
    this.binary(id, utf8.encode(v));
  }

  /** Opens a struct field; close it with `end()`. */
  struct(id: number): void {
    this.header(id, T_STRUCT);
    this.stack.push(this.last);
    this.last = 0;
  }

  /** An empty struct field (the marker structs of logical types: `STRING`, `DATE`, …). */
  empty(id: number): void {
    this.struct(id);
    this.end();
  }

  /** Closes the innermost struct (or ends the top-level one). */
  end(): void {
    this.byte(0);
    this.last = this.stack.pop() ?? 0;
  }

  /** A list field header of `n` elements of `elem` type; structs in it are opened with `item()`. */
  list(id: number, elem: number, n: number): void {
    this.header(id, T_LIST);
    if (n < 15) this.byte((n << 4) | elem);
    else {
      this.byte(0xf0 | elem);
      this.varint(n);
    }
  }

  /** Opens a struct element of a list; close it with `end()`. */
  item(): void {
    this.stack.push(this.last);
    this.last = 0;
  }

  listI32(v: number): void {
    this.zigzag(v);
  }

  listString(v: string): void {
    const b = utf8.encode(v);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}
