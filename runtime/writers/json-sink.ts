/**
 * JSON in two modes. `jsonl`: one object per line. `json`: one array, `[\n` + rows joined by `,\n`
 * + `\n]\n`. Keys follow column order; numbers are JSON numbers (decimals with their exact text,
 * `12.30`), strings are escaped exactly as `JSON.stringify` escapes them, dates, timestamps and uuids
 * are strings, `json` columns go through `JSON.stringify`. A `bigint` (int64) is a number when it is a
 * safe integer and a string of its digits otherwise (`"9007199254740993"`), so no reader rounds it;
 * `bytes` are a base64 string; an `array` is a JSON array (its text from `arrayJson`).
 *
 *   {"id":1,"price":12.30,"name":"Ann \"A\"","born":"1990-05-01","tags":["a"],"note":null}
 */
import { formatUnits } from "../text/wide-decimal.js";
import type { ColumnMeta } from "../contract.js";
import { arrayJson } from "./array-json.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { base64Into } from "./byte-cells.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;
const OPEN = 123;
const CLOSE = 125;
const TRUE = encode("true");
const FALSE = encode("false");
const NULL = encode("null");
const ROW_SEPARATOR = encode(",\n");
const HEX = encode("0123456789abcdef");
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The short escapes JSON.stringify uses for control characters (0 = use \u00XX). */
const SHORT: readonly number[] = Array.from({ length: 32 }, (_, c) =>
  c === 8 ? 98 : c === 9 ? 116 : c === 10 ? 110 : c === 12 ? 102 : c === 13 ? 114 : 0,
);

export class JsonFormat implements SinkFactory {
  readonly extension: string;
  readonly header: Uint8Array;
  readonly footer: Uint8Array;
  readonly separator: Uint8Array;
  /** `"name":` per column, with a leading `,` after the first. */
  private readonly keys: readonly Uint8Array[];

  constructor(
    columns: readonly ColumnMeta[],
    private readonly lines: boolean,
  ) {
    this.extension = lines ? "jsonl" : "json";
    this.header = encode(lines ? "" : "[\n");
    this.footer = encode(lines ? "" : "\n]\n");
    this.separator = lines ? new Uint8Array(0) : ROW_SEPARATOR;
    this.keys = columns.map((c, i) => encode((i > 0 ? "," : "") + JSON.stringify(c.name) + ":"));
  }

  create(out: ByteBuffer, startsFile: boolean): ChunkSink {
    return new JsonSink(out, this.keys, this.lines, startsFile);
  }
}

/** Writes `s` as a JSON string literal, byte for byte what `JSON.stringify(s)` gives (as UTF-8). */
export function jsonString(b: ByteBuffer, s: string): void {
  b.byte(QUOTE);
  jsonChars(b, s, false);
  b.byte(QUOTE);
}

/** The characters of a JSON string, escaped as JSON.stringify does (ASCII letters lower-cased when `lower`). */
export function jsonChars(b: ByteBuffer, s: string, lower: boolean): void {
  const n = s.length;
  b.ensure(n * 6 + 2);
  const buf = b.buf;
  let p = b.pos;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) {
      if (c === QUOTE || c === BACKSLASH) buf[p++] = BACKSLASH;
      buf[p++] = lower && c >= 65 && c <= 90 ? c + 32 : c;
    } else if (lower && c >= 0x80) {
      b.pos = p;
      return jsonChars(b, s.slice(i).toLowerCase(), false);
    } else if (c < 0x20) {
      buf[p++] = BACKSLASH;
      const short = SHORT[c];
      if (short !== 0) buf[p++] = short;
      else p = hex4(buf, p, c);
    } else if (c >= 0xd800 && c <= 0xdfff && !isPairAt(s, i, c)) {
      buf[p++] = BACKSLASH;
      p = hex4(buf, p, c);
    } else {
      b.pos = p;
      i = b.utf8Char(s, i, c);
      p = b.pos;
    }
  }
  b.pos = p;
}

function isPairAt(s: string, i: number, c: number): boolean {
  if (c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function hex4(buf: Uint8Array, p: number, c: number): number {
  buf[p++] = 117; // u
  buf[p++] = HEX[(c >> 12) & 15];
  buf[p++] = HEX[(c >> 8) & 15];
  buf[p++] = HEX[(c >> 4) & 15];
  buf[p++] = HEX[c & 15];
  return p;
}

export class JsonSink implements ChunkSink {
  rows = 0;
  constructor(
    private readonly out: ByteBuffer,
    private readonly keys: readonly Uint8Array[],
    private readonly lines: boolean,
    private first: boolean,
  ) {}

  strStart(col: number): void {
    this.out.bytes(this.keys[col]);
    this.out.byte(QUOTE);
  }
  part(s: string): void {
    jsonChars(this.out, s, false);
  }
  partLower(s: string): void {
    jsonChars(this.out, s, true);
  }
  partInt(v: number): void {
    this.out.int(v);
  }
  strEnd(): void {
    this.out.byte(QUOTE);
  }

  beginRow(): void {
    if (this.first) this.first = false;
    else if (!this.lines) this.out.bytes(ROW_SEPARATOR);
    this.out.byte(OPEN);
  }
  int(col: number, v: number): void {
    this.out.bytes(this.keys[col]);
    this.out.int(v);
  }
  bigint(col: number, v: bigint): void {
    this.out.bytes(this.keys[col]);
    if (v >= -MAX_SAFE && v <= MAX_SAFE) this.out.str(v.toString());
    else {
      this.out.byte(QUOTE);
      this.out.str(v.toString());
      this.out.byte(QUOTE);
    }
  }
  float(col: number, v: number): void {
    this.out.bytes(this.keys[col]);
    if (Number.isFinite(v)) this.out.float(v);
    else this.out.bytes(NULL);
  }
  decimal(col: number, v: number, scale: number): void {
    this.out.bytes(this.keys[col]);
    this.out.decimal(v, scale);
  }
  /** A JSON number with the decimal's exact text (as v1 writes decimals), however many digits. */
  decimalBig(col: number, v: bigint, scale: number): void {
    this.out.bytes(this.keys[col]);
    this.out.str(formatUnits(v, scale));
  }
  str(col: number, v: string): void {
    this.out.bytes(this.keys[col]);
    jsonString(this.out, v);
  }
  bool(col: number, v: boolean): void {
    this.out.bytes(this.keys[col]);
    this.out.bytes(v ? TRUE : FALSE);
  }
  date(col: number, days: number): void {
    this.out.bytes(this.keys[col]);
    this.out.byte(QUOTE);
    this.out.date(days);
    this.out.byte(QUOTE);
  }
  timestamp(col: number, ms: number): void {
    this.out.bytes(this.keys[col]);
    this.out.byte(QUOTE);
    this.out.timestamp(ms);
    this.out.byte(QUOTE);
  }
  json(col: number, v: unknown): void {
    this.out.bytes(this.keys[col]);
    this.out.str(JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    this.out.bytes(this.keys[col]);
    this.out.byte(QUOTE);
    base64Into(this.out, v);
    this.out.byte(QUOTE);
  }
  array(col: number, v: readonly unknown[]): void {
    this.out.bytes(this.keys[col]);
    this.out.str(arrayJson(v));
  }
  nul(col: number): void {
    this.out.bytes(this.keys[col]);
    this.out.bytes(NULL);
  }
  endRow(): void {
    this.out.byte(CLOSE);
    if (this.lines) this.out.byte(LF);
    this.rows++;
  }
}
