/**
 * An incremental RFC 4180 reader: text goes in by chunks, records come out one by one. Fields are
 * separated by `,` and records by LF, CRLF or CR; a field in double quotes may hold `,`, line breaks
 * and doubled quotes. An empty unquoted field is null and `""` the empty string — exactly how the
 * CSV writer (runtime/writers/csv-sink.ts) tells them apart.
 *
 *   const r = new CsvRecords((fields, line) => rows.push(fields));
 *   r.push('id,note\n1,"a, b"\n2,\n'); r.end();   // ["id","note"], ["1","a, b"], ["2",null]
 *
 * A quote inside an unquoted field, text after a closing quote, or a quoted field still open at the
 * end is a `DataSyntaxError` naming the line; a record past `MAX_ROW_CHARS` a `DataLimitError`.
 */
import { MAX_ROW_CHARS, ROW_LIMIT } from "./limits.js";
import { DataLimitError, DataSyntaxError } from "./text-input.js";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterCr,
}

/** A record's fields and the 1-based line it starts on. */
export type RecordSink = (fields: (string | null)[], line: number) => void;

export class CsvRecords {
  private state = State.FieldStart;
  private fields: (string | null)[] = [];
  private field = "";
  private line = 1;
  private recordLine = 1;
  /** Characters of the current record's finished fields (a separator counted for each). */
  private recordChars = 0;
  /** How many of `fields` `recordChars` counts. */
  private counted = 0;

  constructor(
    private readonly onRecord: RecordSink,
    private readonly separator = COMMA,
  ) {}

  push(chunk: string): void {
    const sep = this.separator;
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === State.AfterCr) {
        // CRLF ends one record; after a lone CR this character starts the next one
        this.state = State.FieldStart;
        if (c === LF) continue;
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.field = "";
            start = i + 1;
          } else if (c === sep) this.fields.push(null);
          else if (c === LF || c === CR) {
            this.fields.push(null);
            this.endRecord(c);
          } else {
            this.state = State.Unquoted;
            this.field = "";
            start = i;
          }
          break;
        case State.Unquoted:
          if (c === sep) {
            this.fields.push(this.field + chunk.slice(start, i));
            this.state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.fields.push(this.field + chunk.slice(start, i));
            this.endRecord(c);
          } else if (c === QUOTE) throw new DataSyntaxError(this.line, "a quote inside an unquoted field");
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += chunk.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF) this.line++;
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            start = i + 1;
            this.state = State.Quoted;
          } else if (c === sep) {
            this.fields.push(this.field);
            this.state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.fields.push(this.field);
            this.endRecord(c);
          } else throw new DataSyntaxError(this.line, "text after the closing quote of a field");
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += chunk.slice(start);
    const fields = this.fields;
    for (; this.counted < fields.length; this.counted++) this.recordChars += (fields[this.counted]?.length ?? 0) + 1;
    if (this.recordChars + this.field.length > MAX_ROW_CHARS) throw new DataLimitError(this.recordLine, ROW_LIMIT);
  }

  /** The end of the text: the last record may lack its line break; an open quote is an error. */
  end(): void {
    switch (this.state) {
      case State.Quoted:
        throw new DataSyntaxError(this.recordLine, "a quoted field is not closed before the end of the file");
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.fields.push(this.field);
        this.endRecord(LF);
        break;
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.fields.push(null);
          this.endRecord(LF);
        }
        break;
      case State.AfterCr:
        break;
    }
  }

  private endRecord(c: number): void {
    const fields = this.fields;
    this.fields = [];
    this.field = "";
    this.recordChars = 0;
    this.counted = 0;
    this.onRecord(fields, this.recordLine);
    this.line++;
    this.recordLine = this.line;
    this.state = c === CR ? State.AfterCr : State.FieldStart;
  }
}
