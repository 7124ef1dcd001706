/**
 * CSV (RFC 4180): `,` between fields, `\n` after each row, a header row with the column names.
 * A field is quoted only when it contains `,` `"` CR or LF (quotes doubled inside); null is an empty
 * field and the empty string is `""`, so the two stay distinct.
 *
 *   id,name,note
 *   1,"Smith, Jane",
 *   2,"say ""hi""",""
 *
 * `bigint` (int64) cells are their decimal digits; `bytes` cells lower-case hex (`""` when empty, so
 * not null); `array` cells their compact JSON text, quoted like any other field (`"[""sql"",""go""]"`).
 */
import type { ColumnMeta } from "../contract.js";
import { arrayJson } from "./array-json.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { hexInto } from "./byte-cells.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const TRUE = encode("true");
const FALSE = encode("false");
const EMPTY_QUOTED = encode('""');

export class CsvFormat implements SinkFactory {
  readonly extension = "csv";
  readonly header: Uint8Array;
  readonly footer = new Uint8Array(0);

  constructor(
    columns: readonly ColumnMeta[],
    private readonly safe = false,
  ) {
    const b = new ByteBuffer(256);
    columns.forEach((c, i) => {
      if (i > 0) b.byte(COMMA);
      csvString(b, c.name);
    });
    b.byte(LF);
    this.header = b.take();
  }

  create(out: ByteBuffer): ChunkSink {
    return this.safe ? new CsvSafeSink(out) : new CsvSink(out);
  }
}

/** Writes `s` as one CSV field: bare when it can be, else quoted with `"` doubled. */
export function csvString(b: ByteBuffer, s: string): void {
  const n = s.length;
  if (n === 0) return b.bytes(EMPTY_QUOTED);
  b.ensure(n * 3);
  const start = b.pos;
  const buf = b.buf;
  let p = start;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === COMMA || c === QUOTE || c === LF || c === CR) {
        b.pos = start;
        return csvQuoted(b, s);
      }
      buf[p++] = c;
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
}

function csvQuoted(b: ByteBuffer, s: string): void {
  const n = s.length;
  b.ensure(n * 6 + 2);
  const buf = b.buf;
  let p = b.pos;
  buf[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === QUOTE) buf[p++] = QUOTE;
      buf[p++] = c;
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  buf[p++] = QUOTE;
  b.pos = p;
}

/**
 * Writes `s` unquoted (ASCII letters lower-cased when `lower`) and says whether it holds a character
 * that makes a CSV field need quotes. Non-ASCII text under `lower` goes through `toLowerCase`.
 */
export function csvRaw(b: ByteBuffer, s: string, lower: boolean): boolean {
  const n = s.length;
  b.ensure(n * 3);
  const buf = b.buf;
  let p = b.pos;
  let special = false;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === COMMA || c === QUOTE || c === LF || c === CR) special = true;
      else if (lower && c >= 65 && c <= 90) c += 32;
      buf[p++] = c;
    } else if (lower) {
      b.pos = p;
      return csvRaw(b, s.slice(i).toLowerCase(), false) || special;
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
  return special;
}

/** Quotes the field written at [start, pos) in place, doubling its quotes; an empty field becomes `""`. */
function quoteField(b: ByteBuffer, start: number): void {
  const field = b.buf.slice(start, b.pos);
  b.pos = start;
  b.ensure(field.length * 2 + 2);
  const buf = b.buf;
  let p = start;
  buf[p++] = QUOTE;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c === QUOTE) buf[p++] = QUOTE;
    buf[p++] = c;
  }
  buf[p++] = QUOTE;
  b.pos = p;
}

export class CsvSink implements ChunkSink {
  rows = 0;
  protected start = 0;
  private special = false;
  constructor(protected readonly out: ByteBuffer) {}

  strStart(col: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.start = this.out.pos;
    this.special = false;
  }
  part(s: string): void {
    if (csvRaw(this.out, s, false)) this.special = true;
  }
  partLower(s: string): void {
    if (csvRaw(this.out, s, true)) this.special = true;
  }
  partInt(v: number): void {
    this.out.int(v);
  }
  strEnd(): void {
    if (this.special || this.out.pos === this.start) quoteField(this.out, this.start);
  }

  beginRow(): void {}
  int(col: number, v: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.int(v);
  }
  bigint(col: number, v: bigint): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.str(v.toString());
  }
  float(col: number, v: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.float(v);
  }
  decimal(col: number, v: number, scale: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.decimal(v, scale);
  }
  str(col: number, v: string): void {
    if (col !== 0) this.out.byte(COMMA);
    csvString(this.out, v);
  }
  bool(col: number, v: boolean): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.bytes(v ? TRUE : FALSE);
  }
  date(col: number, days: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.date(days);
  }
  timestamp(col: number, ms: number): void {
    if (col !== 0) this.out.byte(COMMA);
    this.out.timestamp(ms);
  }
  json(col: number, v: unknown): void {
    if (col !== 0) this.out.byte(COMMA);
    csvString(this.out, JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    if (col !== 0) this.out.byte(COMMA);
    if (v.length === 0) this.out.bytes(EMPTY_QUOTED);
    else hexInto(this.out, v);
  }
  array(col: number, v: readonly unknown[]): void {
    if (col !== 0) this.out.byte(COMMA);
    csvString(this.out, arrayJson(v));
  }
  nul(col: number): void {
    if (col !== 0) this.out.byte(COMMA);
  }
  endRow(): void {
    this.out.byte(LF);
    this.rows++;
  }
}

/**
 * `--csv-safe`: a text cell that starts with `=`, `+`, `-`, `@`, tab or CR — which a spreadsheet opening
 * the CSV would run as a formula — gets a leading `'` (OWASP's advice against CSV injection), so
 * `=1+2` is written `'=1+2`. Numbers, dates and JSON cells are left alone: they are data to a
 * spreadsheet, never formulas. Readers other than spreadsheets see the `'`.
 */
export class CsvSafeSink extends CsvSink {
  override str(col: number, v: string): void {
    super.str(col, formulaLike(v.charCodeAt(0)) ? `'${v}` : v);
  }
  override strEnd(): void {
    const out = this.out;
    if (out.pos > this.start && formulaLike(out.buf[this.start])) {
      out.ensure(1);
      out.buf.copyWithin(this.start + 1, this.start, out.pos);
      out.buf[this.start] = APOSTROPHE;
      out.pos++;
    }
    super.strEnd();
  }
}

const APOSTROPHE = 39;

/** `=`, `+`, `-`, `@`, tab, CR: the first characters that make a spreadsheet read a formula. */
function formulaLike(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}
