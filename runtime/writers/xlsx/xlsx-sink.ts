/**
 * The XLSX row sink: writes the `<row>` elements of one chunk as SpreadsheetML, typed cells (numbers,
 * booleans, date and timestamp serials with a date style, decimals with their scale's style, strings
 * inline — never formulas), then `finish()` deflates them into the chunk's bytes as one or more
 * segments (a new one where a sheet ends: every 1 048 575 data rows of the table) and returns their
 * CRC-32s and lengths, and the display widths of the chunk's first rows.
 */
import { formatUnits } from "../../text/wide-decimal.js";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { messages } from "../../../diagnostics/messages.js";
import type { ColumnMeta } from "../../contract.js";
import { ByteBuffer, encode } from "../byte-buffer.js";
import { hexInto } from "../byte-cells.js";
import { arrayJson } from "../array-json.js";
import type { ChunkSink } from "../sinks.js";
import { xmlText } from "./xml-text.js";
import { columnLetters, STYLE_DATE, STYLE_TIMESTAMP, styleOfScale } from "./xlsx-parts.js";

/** Data rows per sheet: 1 048 576 rows, less the header row. */
export const SHEET_ROWS = 1_048_575;
/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;
const WIDTH_ROWS = 100;
const DAY_MS = 86_400_000;
/** Days from Excel's 1899-12-30 (serial 0 in the 1900 date system) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;
/** Integers with more digits than this lose precision in a spreadsheet: written as text. */
const MAX_EXACT = 999_999_999_999_999;

const ROW_OPEN = encode('<row r="');
const ROW_CLOSE = encode("</row>");
const NUM_OPEN = encode("><v>");
const NUM_CLOSE = encode("</v></c>");
const STR_OPEN = encode(' t="inlineStr"><is><t xml:space="preserve">');
const STR_CLOSE = encode("</t></is></c>");
const TRUE = encode(' t="b"><v>1</v></c>');
const FALSE = encode(' t="b"><v>0</v></c>');

/** ` s="N"` for every cell style. */
const STYLE_ATTRS = Array.from({ length: 32 }, (_, s) => encode(` s="${s}"`));
const XML = new ByteBuffer(1 << 20);

export interface XlsxSegment {
  /** The sheet (by table row / SHEET_ROWS) these rows belong to. */
  readonly sheet: number;
  readonly compressed: number;
  readonly size: number;
  readonly crc: number;
}

export interface XlsxChunkMeta {
  readonly segments: readonly XlsxSegment[];
  /** Characters of the widest value per column in the chunk's first rows. */
  readonly widths: readonly number[];
}

export class XlsxSink implements ChunkSink {
  rows = 0;
  /** The chunk's rows as XML, before deflating: one buffer per thread, reused by every chunk. */
  private readonly xml = XML;
  private readonly segments: XlsxSegment[] = [];
  private readonly widths: number[];
  private sheet: number;
  private partCol = 0;
  private partChars = 0;
  /** `<c r="` + the column's letters, per column; the row's number and `"` after it. */
  private readonly refs: readonly Uint8Array[];
  private rowRef = "";

  constructor(
    private readonly table: string,
    private readonly columns: readonly ColumnMeta[],
    private readonly out: ByteBuffer,
    private readonly from: number,
  ) {
    this.widths = columns.map(() => 0);
    this.refs = columns.map((_, i) => encode(`<c r="${columnLetters(i)}`));
    this.sheet = Math.floor(from / SHEET_ROWS);
  }

  beginRow(): void {
    const row = this.from + this.rows;
    if (this.rows > 0 && row % SHEET_ROWS === 0) {
      this.flush();
      this.sheet = row / SHEET_ROWS;
    }
    // The row's number in its sheet (row 1 is the header); exceljs needs it.
    const n = String((row % SHEET_ROWS) + 2);
    this.xml.bytes(ROW_OPEN);
    this.xml.str(n);
    this.xml.str('">');
    this.rowRef = n;
  }
  endRow(): void {
    this.xml.bytes(ROW_CLOSE);
    this.rows++;
  }

  private width(col: number, n: number): void {
    if (this.rows < WIDTH_ROWS && n > this.widths[col]) this.widths[col] = n;
  }

  /** `<c r="B7"`: a cell's opening up to its attributes. */
  private cell(col: number): void {
    this.xml.bytes(this.refs[col]);
    this.xml.str(this.rowRef);
    this.xml.byte(34);
  }

  private number(col: number, v: number, style: number): void {
    this.cell(col);
    const x = this.xml;
    if (style !== 0) x.bytes(STYLE_ATTRS[style]);
    x.bytes(NUM_OPEN);
    x.float(v);
    x.bytes(NUM_CLOSE);
  }

  private text(col: number, s: string): void {
    if (s.length > MAX_CELL_CHARS) this.tooLong(col, s.length);
    this.width(col, s.length);
    this.cell(col);
    this.xml.bytes(STR_OPEN);
    xmlText(this.xml, s);
    this.xml.bytes(STR_CLOSE);
  }

  private tooLong(col: number, n: number): never {
    const m = messages.xlsxCellTooLong;
    throw { code: m.code, message: m.format(this.table, this.from + this.rows, this.columns[col].name, n, MAX_CELL_CHARS) };
  }

  int(col: number, v: number): void {
    if (Math.abs(v) > MAX_EXACT) return this.text(col, String(v));
    this.width(col, String(v).length);
    this.number(col, v, 0);
  }
  bigint(col: number, v: bigint): void {
    if (v > MAX_EXACT || v < -MAX_EXACT) return this.text(col, v.toString());
    this.int(col, Number(v));
  }
  float(col: number, v: number): void {
    if (!Number.isFinite(v)) return this.nul(col);
    this.width(col, Math.min(12, String(v).length));
    this.number(col, v, 0);
  }
  decimal(col: number, v: number, scale: number): void {
    this.width(col, String(Math.round(Math.abs(v))).length + scale + 2);
    this.cell(col);
    this.xml.bytes(STYLE_ATTRS[styleOfScale(scale)]);
    this.xml.bytes(NUM_OPEN);
    this.xml.decimal(v, scale);
    this.xml.bytes(NUM_CLOSE);
  }
  /** A wide decimal as a text cell: a number cell keeps only 15 significant digits. */
  decimalBig(col: number, v: bigint, scale: number): void {
    this.text(col, formatUnits(v, scale));
  }
  str(col: number, v: string): void {
    this.text(col, v);
  }
  bool(col: number, v: boolean): void {
    this.width(col, 5);
    this.cell(col);
    this.xml.bytes(v ? TRUE : FALSE);
  }
  date(col: number, days: number): void {
    this.width(col, 10);
    this.number(col, days + EPOCH_SERIAL, STYLE_DATE);
  }
  timestamp(col: number, ms: number): void {
    this.width(col, 19);
    // Whole days plus the fraction of the day, nudged up by 10 µs: a double cannot hold most instants
    // exactly, and readers that truncate to the second (LibreOffice) would show the one before when
    // the double falls just below it; 10 µs is far above the double's error and far below 1 ms.
    const days = Math.floor(ms / DAY_MS);
    this.number(col, days + EPOCH_SERIAL + (ms - days * DAY_MS + 0.01) / DAY_MS, STYLE_TIMESTAMP);
  }
  json(col: number, v: unknown): void {
    this.text(col, JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    const b = new ByteBuffer(2 * v.length + 16);
    hexInto(b, v);
    this.text(col, new TextDecoder().decode(b.buf.subarray(0, b.pos)));
  }
  array(col: number, v: readonly unknown[]): void {
    this.text(col, arrayJson(v));
  }
  /** A null is no cell at all (the cells carry their references). */
  nul(_col: number): void {}
  strStart(col: number): void {
    this.partCol = col;
    this.partChars = 0;
    this.cell(col);
    this.xml.bytes(STR_OPEN);
  }
  part(s: string): void {
    this.partChars += s.length;
    xmlText(this.xml, s);
  }
  partLower(s: string): void {
    this.partChars += s.length;
    xmlText(this.xml, s, true);
  }
  partInt(v: number): void {
    const s = String(v);
    this.partChars += s.length;
    this.xml.str(s);
  }
  strEnd(): void {
    if (this.partChars > MAX_CELL_CHARS) this.tooLong(this.partCol, this.partChars);
    this.width(this.partCol, this.partChars);
    this.xml.bytes(STR_CLOSE);
  }

  /** Deflates the rows written since the last cut as a segment of the current sheet. */
  private flush(): void {
    const raw = this.xml.buf.subarray(0, this.xml.pos);
    const packed = deflateRawSync(raw, { level: 1, finishFlush: constants.Z_SYNC_FLUSH });
    this.out.bytes(packed);
    this.segments.push({ sheet: this.sheet, compressed: packed.length, size: raw.length, crc: crc32(raw) });
    this.xml.pos = 0;
  }

  finish(): XlsxChunkMeta {
    this.flush();
    return { segments: this.segments, widths: this.widths };
  }
}

