/**
 * CSV (RFC 4180): `,` between fields, `\n` after each row, a header row with the column names.
 * A field is quoted only when it contains `,` `"` CR or LF (quotes doubled inside); null is an empty
 * field and the empty string is `""`, so the two stay distinct.
 *
 *   id,name,note
 *   1,"Smith, Jane",
 *   2,"say ""hi""",""
 *
 * Options (`CsvOptions`): another delimiter (`--delimiter`), null as a text such as `\N` (`--null-as`;
 * a string cell equal to that text is then quoted, so the two stay distinct), no header (`--no-header`).
 *
 * `bigint` (int64) cells are their decimal digits; `bytes` cells lower-case hex (`""` when empty, so
 * not null); `array` cells their compact JSON text, quoted like any other field (`"[""sql"",""go""]"`).
 */
import { formatUnits } from "../text/wide-decimal.js";
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

/** `--delimiter`, `--null-as`, `--no-header` (plain data, so workers get them too). */
export interface CsvOptions {
  /** One ASCII character other than `"`, CR, LF; default `,`. */
  readonly delimiter?: string;
  /** Null cells as this text; default: an empty field. */
  readonly nullAs?: string;
  /** Default true. */
  readonly header?: boolean;
  /** `--csv-safe`: a `'` before text cells a spreadsheet would read as a formula (`= + - @`, tab, CR). */
  readonly safe?: boolean;
}

export class CsvFormat implements SinkFactory {
  readonly extension = "csv";
  readonly header: Uint8Array;
  readonly footer = new Uint8Array(0);
  private readonly delimiter: number;

  constructor(
    columns: readonly ColumnMeta[],
    private readonly options: CsvOptions = {},
  ) {
    this.delimiter = options.delimiter?.charCodeAt(0) ?? COMMA;
    const b = new ByteBuffer(256);
    columns.forEach((c, i) => {
      if (i > 0) b.byte(this.delimiter);
      csvString(b, c.name, this.delimiter);
    });
    b.byte(LF);
    this.header = options.header === false ? new Uint8Array(0) : b.take();
  }

  create(out: ByteBuffer): ChunkSink {
    const nullAs = this.options.nullAs || undefined;
    return this.options.safe ? new CsvSafeSink(out, this.delimiter, nullAs) : new CsvSink(out, this.delimiter, nullAs);
  }
}

/** Writes `s` as one CSV field: bare when it can be, else quoted with `"` doubled. */
export function csvString(b: ByteBuffer, s: string, delimiter = COMMA): void {
  const n = s.length;
  if (n === 0) return b.bytes(EMPTY_QUOTED);
  b.ensure(n * 3);
  const start = b.pos;
  const buf = b.buf;
  let p = start;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === delimiter || c === QUOTE || c === LF || c === CR) {
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
export function csvRaw(b: ByteBuffer, s: string, lower: boolean, delimiter = COMMA): boolean {
  const n = s.length;
  b.ensure(n * 3);
  const buf = b.buf;
  let p = b.pos;
  let special = false;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === delimiter || c === QUOTE || c === LF || c === CR) special = true;
      else if (lower && c >= 65 && c <= 90) c += 32;
      buf[p++] = c;
    } else if (lower) {
      b.pos = p;
      return csvRaw(b, s.slice(i).toLowerCase(), false, delimiter) || special;
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
  private readonly nullBytes: Uint8Array | undefined;
  constructor(
    protected readonly out: ByteBuffer,
    private readonly delim = COMMA,
    private readonly nullAs?: string,
  ) {
    this.nullBytes = nullAs !== undefined ? encode(nullAs) : undefined;
  }

  /** Whether the field written at [start, pos) reads as the null text (then it must be quoted). */
  private looksNull(start: number): boolean {
    const n = this.nullBytes;
    if (n === undefined || this.out.pos - start !== n.length) return false;
    for (let i = 0; i < n.length; i++) if (this.out.buf[start + i] !== n[i]) return false;
    return true;
  }

  strStart(col: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.start = this.out.pos;
    this.special = false;
  }
  part(s: string): void {
    if (csvRaw(this.out, s, false, this.delim)) this.special = true;
  }
  partLower(s: string): void {
    if (csvRaw(this.out, s, true, this.delim)) this.special = true;
  }
  partInt(v: number): void {
    this.out.int(v);
  }
  strEnd(): void {
    if (this.special || this.out.pos === this.start || this.looksNull(this.start)) quoteField(this.out, this.start);
  }

  beginRow(): void {}
  int(col: number, v: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.int(v);
  }
  bigint(col: number, v: bigint): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.str(v.toString());
  }
  float(col: number, v: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.float(v);
  }
  decimal(col: number, v: number, scale: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.decimal(v, scale);
  }
  decimalBig(col: number, v: bigint, scale: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.str(formatUnits(v, scale));
  }
  str(col: number, v: string): void {
    if (col !== 0) this.out.byte(this.delim);
    if (v === this.nullAs) csvQuoted(this.out, v);
    else csvString(this.out, v, this.delim);
  }
  bool(col: number, v: boolean): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.bytes(v ? TRUE : FALSE);
  }
  date(col: number, days: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.date(days);
  }
  timestamp(col: number, ms: number): void {
    if (col !== 0) this.out.byte(this.delim);
    this.out.timestamp(ms);
  }
  json(col: number, v: unknown): void {
    if (col !== 0) this.out.byte(this.delim);
    csvString(this.out, JSON.stringify(v) ?? "null", this.delim);
  }
  bytes(col: number, v: Uint8Array): void {
    if (col !== 0) this.out.byte(this.delim);
    if (v.length === 0) this.out.bytes(EMPTY_QUOTED);
    else hexInto(this.out, v);
  }
  array(col: number, v: readonly unknown[]): void {
    if (col !== 0) this.out.byte(this.delim);
    csvString(this.out, arrayJson(v), this.delim);
  }
  nul(col: number): void {
    if (col !== 0) this.out.byte(this.delim);
    if (this.nullBytes !== undefined) this.out.bytes(this.nullBytes);
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
