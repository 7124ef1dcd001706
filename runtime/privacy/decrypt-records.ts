/**
 * Rewriting one record of a data file with its encrypted cells decrypted, for each text format the
 * runtime writes (runtime/writers/*-sink.ts). Every byte outside an encrypted cell is copied as it
 * is; a decrypted value is written with the writers' own escaping (`csvString`, `tsvString`,
 * `jsonString`), so the result is byte for byte the file a run without `@encrypt` writes.
 *
 * The plaintext of a cell is the text of its value as the CSV writer writes it, unquoted: `42`,
 * `12.30`, `true`, `2024-01-01`, `2024-01-01T10:00:00Z`, the `JSON.stringify` text of a json value.
 * So CSV and TSV need no type: the writers write such text exactly as the typed value. In JSON,
 * columns of type int, bigint, float, decimal, bool and json are written bare when their plaintext is
 * a JSON number (`true`/`false`, any JSON value for json), else as a JSON string (a value that noise
 * wrote in another notation, say).
 *
 * Null cells (empty CSV field, `\N` in TSV, `null` in JSON) are copied: null is never encrypted.
 */
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { ByteBuffer, encode } from "../writers/byte-buffer.js";
import { CsvFormat, csvString } from "../writers/csv-sink.js";
import { jsonString } from "../writers/json-sink.js";
import type { SupportedFormat } from "../writers/sinks.js";
import { TsvFormat, tsvString } from "../writers/tsv-sink.js";
import { CellDecryptError, decryptCell } from "./encrypt.js";
import type { EncryptionKeys } from "./keys.js";

export interface FileColumn {
  readonly name: string;
  /** The dgen type as in the manifest (`int`, `decimal(10, 2)?`, `Status`). */
  readonly type: string;
  readonly encrypted: boolean;
}

export interface RewriteContext {
  /** The file as shown in messages (relative to the folder being decrypted). */
  readonly file: string;
  readonly table: string;
  readonly columns: readonly FileColumn[];
  readonly keys: EncryptionKeys;
  /** The row index in the table (0-based) of the file's first data row: 0, or a shard's start. */
  readonly firstRow: number;
}

const COMMA = 44;
const QUOTE = 34;
const TAB = 9;
const LF = 10;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const NULL = encode("null");
const TSV_NULL = encode("\\N");

export const FORMAT_NAMES: Readonly<Record<SupportedFormat, string>> = {
  csv: "CSV",
  tsv: "TSV",
  json: "JSON",
  jsonl: "JSON Lines",
};

/** Rewrites records (byte ranges without their `\n`) into `out`, each followed by `\n`. */
export abstract class RecordRewriter {
  /** Data rows seen (the header row is not counted). */
  rows = 0;
  /** Cells decrypted. */
  cells = 0;
  protected readonly encrypted: readonly boolean[];

  constructor(
    protected readonly ctx: RewriteContext,
    readonly format: SupportedFormat,
  ) {
    this.encrypted = ctx.columns.map((c) => c.encrypted);
  }

  /** Records seen, the header row or a JSON array's `[` included. */
  lines = 0;

  record(buf: Buffer, start: number, end: number, out: ByteBuffer): void {
    this.lines++;
    this.rewrite(buf, start, end, out);
  }

  protected abstract rewrite(buf: Buffer, start: number, end: number, out: ByteBuffer): void;

  /** DG5046 for this file: `where` is "row 3", "the header row", "the end of the file". */
  malformed(where: string, reason: string): RunError {
    return new RunError(runtimeDiag(messages.badDataFile, [this.ctx.file, FORMAT_NAMES[this.format], where, reason]));
  }

  /**
   * Decrypts the cell text of column `col` in the current row, which must be the row it was encrypted
   * for (DG5042 / DG5043 / DG5080 on failure).
   */
  protected decrypt(col: number, text: string): string {
    const column = this.ctx.columns[col]!.name;
    try {
      const plain = decryptCell(this.ctx.keys, this.ctx.table, column, this.ctx.firstRow + this.rows - 1, text);
      this.cells++;
      return plain;
    } catch (e) {
      if (!(e instanceof CellDecryptError)) throw e;
      if (e.kind === "authentication")
        throw new RunError(runtimeDiag(messages.decryptFailed, [this.ctx.file, this.rows, column]));
      if (e.kind === "row")
        throw new RunError(runtimeDiag(messages.decryptWrongRow, [this.ctx.file, this.ctx.table, this.rows, column]));
      const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
      throw new RunError(
        runtimeDiag(messages.notEncryptedCell, [this.ctx.file, this.rows, column, `'${shown}': ${e.message}`]),
      );
    }
  }

  protected fieldCount(found: number): RunError {
    const n = this.ctx.columns.length;
    return this.malformed(
      `row ${this.rows}`,
      `it has ${found} fields; the manifest lists ${n} column${n === 1 ? "" : "s"}`,
    );
  }
}

/** Picks the rewriter of a format. */
export function createRewriter(format: SupportedFormat, ctx: RewriteContext): RecordRewriter {
  switch (format) {
    case "csv":
      return new CsvRewriter(ctx);
    case "tsv":
      return new TsvRewriter(ctx);
    case "json":
    case "jsonl":
      return new JsonRewriter(ctx, format);
  }
}

function sameBytes(a: Uint8Array, buf: Buffer, start: number, end: number): boolean {
  if (end - start !== a.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

/** The header row as the writer writes it, without its `\n`. */
function headerOf(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, bytes.length - 1);
}

class CsvRewriter extends RecordRewriter {
  private readonly header: Uint8Array;
  private seenHeader = false;

  constructor(ctx: RewriteContext) {
    super(ctx, "csv");
    this.header = headerOf(new CsvFormat(ctx.columns.map(meta)).header);
  }

  protected rewrite(buf: Buffer, start: number, end: number, out: ByteBuffer): void {
    if (!this.seenHeader) {
      this.seenHeader = true;
      if (!sameBytes(this.header, buf, start, end))
        throw this.malformed("the header row", "it does not name the manifest's columns in order");
      out.bytes(this.header);
      out.byte(LF);
      return;
    }
    this.rows++;
    const n = this.encrypted.length;
    let copied = start;
    let pos = start;
    let col = 0;
    for (;;) {
      const fieldStart = pos;
      let quoted = false;
      if (pos < end && buf[pos] === QUOTE) {
        quoted = true;
        pos++;
        for (;;) {
          if (pos >= end) throw this.malformed(`row ${this.rows}`, "a quoted field is not closed");
          if (buf[pos] === QUOTE) {
            if (pos + 1 < end && buf[pos + 1] === QUOTE) pos += 2;
            else {
              pos++;
              break;
            }
          } else pos++;
        }
        if (pos < end && buf[pos] !== COMMA)
          throw this.malformed(`row ${this.rows}`, "a quoted field is followed by more text");
      } else {
        while (pos < end && buf[pos] !== COMMA) {
          if (buf[pos] === QUOTE) throw this.malformed(`row ${this.rows}`, "a quote in an unquoted field");
          pos++;
        }
      }
      if (col < n && this.encrypted[col] && pos > fieldStart) {
        const text = quoted
          ? buf.toString("utf8", fieldStart + 1, pos - 1).replaceAll('""', '"')
          : buf.toString("utf8", fieldStart, pos);
        const plain = this.decrypt(col, text);
        out.bytes(buf.subarray(copied, fieldStart));
        csvString(out, plain);
        copied = pos;
      }
      col++;
      if (pos >= end) break;
      pos++; // the comma
    }
    if (col !== n) throw this.fieldCount(col);
    out.bytes(buf.subarray(copied, end));
    out.byte(LF);
  }
}

class TsvRewriter extends RecordRewriter {
  private readonly header: Uint8Array;
  private seenHeader = false;

  constructor(ctx: RewriteContext) {
    super(ctx, "tsv");
    this.header = headerOf(new TsvFormat(ctx.columns.map(meta)).header);
  }

  protected rewrite(buf: Buffer, start: number, end: number, out: ByteBuffer): void {
    if (!this.seenHeader) {
      this.seenHeader = true;
      if (!sameBytes(this.header, buf, start, end))
        throw this.malformed("the header row", "it does not name the manifest's columns in order");
      out.bytes(this.header);
      out.byte(LF);
      return;
    }
    this.rows++;
    const n = this.encrypted.length;
    let copied = start;
    let pos = start;
    let col = 0;
    for (;;) {
      let stop = pos;
      while (stop < end && buf[stop] !== TAB) stop++;
      if (col < n && this.encrypted[col] && !sameBytes(TSV_NULL, buf, pos, stop)) {
        const plain = this.decrypt(col, unescapeTsv(buf.toString("utf8", pos, stop)));
        out.bytes(buf.subarray(copied, pos));
        tsvString(out, plain);
        copied = stop;
      }
      col++;
      if (stop >= end) break;
      pos = stop + 1;
    }
    if (col !== n) throw this.fieldCount(col);
    out.bytes(buf.subarray(copied, end));
    out.byte(LF);
  }
}

function unescapeTsv(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c));
}

/**
 * How a decrypted JSON value is written: bare when its type is one of these, and its text fits; an
 * int64 bare only while it is a safe integer (as the writer writes it); bytes as base64 (their
 * encrypted text is the hex the text formats write).
 */
type JsonBare = "number" | "int64" | "bool" | "json" | "bytes" | null;

const NOT_FINITE = new Set(["NaN", "Infinity", "-Infinity"]);
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function bareKind(type: string): JsonBare {
  const base = type.replace(/\?\s*$/, "").trim();
  if (base === "int" || base === "int16" || base === "int32" || base === "float" || /^decimal\s*\(/.test(base))
    return "number";
  if (base === "int64" || base === "bigint") return "int64";
  if (base === "bytes") return "bytes";
  if (base === "bool") return "bool";
  if (base === "json" || base.endsWith("[]")) return "json";
  return null;
}

function isBare(kind: JsonBare, text: string): boolean {
  switch (kind) {
    case "number":
      return JSON_NUMBER.test(text);
    case "int64":
      return /^-?(?:0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text));
    case "bytes":
      return false;
    case "bool":
      return text === "true" || text === "false";
    case "json":
      try {
        JSON.parse(text);
        return text.length > 0 && text.trim() === text;
      } catch {
        return false;
      }
    case null:
      return false;
  }
}

/**
 * JSON Lines (`{...}` per line) and JSON arrays (`[`, then one object per line, each but the last
 * followed by `,`, then `]`): the writer never puts a line break inside a row.
 */
class JsonRewriter extends RecordRewriter {
  /** `"name":` per column, with a leading `,` after the first, as the writer encodes them. */
  private readonly keys: readonly Uint8Array[];
  private readonly bare: readonly JsonBare[];
  private readonly jsonl: boolean;

  constructor(ctx: RewriteContext, format: "json" | "jsonl") {
    super(ctx, format);
    this.jsonl = format === "jsonl";
    this.keys = ctx.columns.map((c, i) => encode((i > 0 ? "," : "") + JSON.stringify(c.name) + ":"));
    this.bare = ctx.columns.map((c) => bareKind(c.type));
  }

  protected rewrite(buf: Buffer, start: number, end: number, out: ByteBuffer): void {
    if (start === end || buf[start] !== OPEN) {
      // A JSON array's own lines: `[` first, `]` last, an empty line between them when there are no rows.
      const one = end - start === 1 ? buf[start] : -1;
      if (this.jsonl || !(start === end || one === OPEN_ARRAY || one === CLOSE_ARRAY))
        throw this.malformed(`line ${this.lines}`, "a line that is not a row");
      out.bytes(buf.subarray(start, end));
      out.byte(LF);
      return;
    }
    this.rows++;
    const where = () => `row ${this.rows}`;
    let copied = start;
    let pos = start + 1;
    for (let col = 0; col < this.keys.length; col++) {
      const key = this.keys[col]!;
      if (!sameBytes(key, buf, pos, Math.min(end, pos + key.length)))
        throw this.malformed(where(), "its keys are not the manifest's columns in order");
      pos += key.length;
      const valueEnd = skipValue(buf, pos, end);
      if (valueEnd < 0) throw this.malformed(where(), `the value of '${this.ctx.columns[col]!.name}' is not JSON`);
      if (this.encrypted[col] && !sameBytes(NULL, buf, pos, valueEnd)) {
        if (buf[pos] !== QUOTE) {
          const raw = buf.toString("utf8", pos, Math.min(valueEnd, pos + 24));
          throw new RunError(
            runtimeDiag(messages.notEncryptedCell, [
              this.ctx.file,
              this.rows,
              this.ctx.columns[col]!.name,
              `it is '${raw}', not a string`,
            ]),
          );
        }
        const plain = this.decrypt(col, JSON.parse(buf.toString("utf8", pos, valueEnd)) as string);
        out.bytes(buf.subarray(copied, pos));
        if (isBare(this.bare[col]!, plain)) out.str(plain);
        else if (this.bare[col] === "bytes" && /^(?:[0-9a-f]{2})*$/.test(plain))
          jsonString(out, Buffer.from(plain, "hex").toString("base64"));
        else if (this.bare[col] === "number" && NOT_FINITE.has(plain))
          out.bytes(NULL); // as the writer writes them
        else jsonString(out, plain);
        copied = valueEnd;
      }
      pos = valueEnd;
    }
    if (pos >= end || buf[pos] !== CLOSE) throw this.malformed(where(), "it has more keys than the manifest's columns");
    pos++;
    const rest = end - pos;
    if (rest > 1 || (rest === 1 && (this.jsonl || buf[pos] !== COMMA)))
      throw this.malformed(where(), "text after the row's closing '}'");
    out.bytes(buf.subarray(copied, end));
    out.byte(LF);
  }
}

/** The end of the JSON value at `pos` (the writer's values: strings, numbers, literals, objects, arrays); -1 if none. */
function skipValue(buf: Buffer, pos: number, end: number): number {
  if (pos >= end) return -1;
  const c = buf[pos];
  if (c === QUOTE) return skipString(buf, pos, end);
  if (c === OPEN || c === OPEN_ARRAY) {
    let depth = 0;
    for (let i = pos; i < end; i++) {
      const b = buf[i];
      if (b === QUOTE) {
        i = skipString(buf, i, end) - 1;
        if (i < 0) return -1;
      } else if (b === OPEN || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE || b === CLOSE_ARRAY) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = pos;
  while (i < end && buf[i] !== COMMA && buf[i] !== CLOSE) {
    if (buf[i] === QUOTE || buf[i] === OPEN || buf[i] === OPEN_ARRAY) return -1;
    i++;
  }
  return i === pos ? -1 : i;
}

/** The end of the JSON string opening at `pos` (just after its closing quote); -1 if it does not close. */
function skipString(buf: Buffer, pos: number, end: number): number {
  for (let i = pos + 1; i < end; i++) {
    const b = buf[i];
    if (b === BACKSLASH) i++;
    else if (b === QUOTE) return i + 1;
  }
  return -1;
}

/** Enough of a ColumnMeta for the writers' header rows. */
function meta(c: FileColumn) {
  return { name: c.name, type: c.type, kind: "string" as const, nullable: false, scale: 0, tags: [] };
}
