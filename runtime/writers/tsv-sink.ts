/**
 * TSV (the PostgreSQL `COPY ... TEXT` / MySQL `LOAD DATA` convention): `\t` between fields, `\n`
 * after each row, a header row, no quoting. Inside values TAB, LF, CR and backslash are written as
 * `\t` `\n` `\r` `\\`; null is `\N`.
 *
 *   id<TAB>note
 *   1<TAB>line one\nline two
 *   2<TAB>\N
 *
 * `bigint` (int64) cells are their decimal digits; `bytes` cells lower-case hex (empty when there are
 * no bytes); `array` cells their compact JSON text, escaped like any string (`["sql","go"]`).
 */
import { formatUnits } from "../text/wide-decimal.js";
import type { ColumnMeta } from "../contract.js";
import { arrayJson } from "./array-json.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { hexInto } from "./byte-cells.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

const TAB = 9;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const TRUE = encode("true");
const FALSE = encode("false");
const NULL = encode("\\N");

export class TsvFormat implements SinkFactory {
  readonly extension = "tsv";
  readonly header: Uint8Array;
  readonly footer = new Uint8Array(0);

  constructor(columns: readonly ColumnMeta[]) {
    const b = new ByteBuffer(256);
    columns.forEach((c, i) => {
      if (i > 0) b.byte(TAB);
      tsvString(b, c.name);
    });
    b.byte(LF);
    this.header = b.take();
  }

  create(out: ByteBuffer): ChunkSink {
    return new TsvSink(out);
  }
}

/** Writes `s` with TAB, LF, CR and backslash escaped (ASCII letters lower-cased when `lower`). */
export function tsvString(b: ByteBuffer, s: string, lower = false): void {
  const n = s.length;
  b.ensure(n * 3);
  const buf = b.buf;
  let p = b.pos;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === TAB || c === LF || c === CR || c === BACKSLASH) {
        buf[p++] = BACKSLASH;
        buf[p++] = c === TAB ? 116 : c === LF ? 110 : c === CR ? 114 : BACKSLASH;
      } else buf[p++] = lower && c >= 65 && c <= 90 ? c + 32 : c;
    } else if (lower) {
      b.pos = p;
      return tsvString(b, s.slice(i).toLowerCase());
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
}

export class TsvSink implements ChunkSink {
  rows = 0;
  constructor(private readonly out: ByteBuffer) {}

  strStart(col: number): void {
    if (col !== 0) this.out.byte(TAB);
  }
  part(s: string): void {
    tsvString(this.out, s);
  }
  partLower(s: string): void {
    tsvString(this.out, s, true);
  }
  partInt(v: number): void {
    this.out.int(v);
  }
  strEnd(): void {}

  beginRow(): void {}
  int(col: number, v: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.int(v);
  }
  bigint(col: number, v: bigint): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.str(v.toString());
  }
  float(col: number, v: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.float(v);
  }
  decimal(col: number, v: number, scale: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.decimal(v, scale);
  }
  decimalBig(col: number, v: bigint, scale: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.str(formatUnits(v, scale));
  }
  str(col: number, v: string): void {
    if (col !== 0) this.out.byte(TAB);
    tsvString(this.out, v);
  }
  bool(col: number, v: boolean): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.bytes(v ? TRUE : FALSE);
  }
  date(col: number, days: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.date(days);
  }
  timestamp(col: number, ms: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.timestamp(ms);
  }
  json(col: number, v: unknown): void {
    if (col !== 0) this.out.byte(TAB);
    tsvString(this.out, JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    if (col !== 0) this.out.byte(TAB);
    hexInto(this.out, v);
  }
  array(col: number, v: readonly unknown[]): void {
    if (col !== 0) this.out.byte(TAB);
    tsvString(this.out, arrayJson(v));
  }
  nul(col: number): void {
    if (col !== 0) this.out.byte(TAB);
    this.out.bytes(NULL);
  }
  endRow(): void {
    this.out.byte(LF);
    this.rows++;
  }
}
