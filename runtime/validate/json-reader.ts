/**
 * Incremental readers of the two JSON formats the runtime writes: `jsonl` (one object per line; blank
 * lines skipped) and `json` (one array of objects). The array is not loaded whole: a scanner follows
 * strings and nesting to find where each element ends, and only that element's text is parsed
 * (`parseRowObject`). Memory is one row, whatever the file's size or layout.
 *
 *   const r = new JsonArrayRecords((row, line) => rows.push(row));
 *   r.push('[\n{"id":1},\n{"id":2}\n]\n'); r.end();   // two Maps, lines 2 and 3
 */
import { DEPTH_LIMIT, MAX_ROW_CHARS, ROW_LIMIT } from "./limits.js";
import { DataLimitError, DataSyntaxError } from "./text-input.js";
import { JsonSyntaxError, parseRowObject, type JsonCell } from "./json-value.js";

export type ObjectSink = (row: Map<string, JsonCell>, line: number) => void;

/** A `JsonSyntaxError` at `offset` of `text`, which starts on `line` at `column`, as a DataSyntaxError. */
function located(e: unknown, text: string, line: number, column: number): unknown {
  if (!(e instanceof JsonSyntaxError)) return e;
  if (e.tooDeep) return new DataLimitError(line, DEPTH_LIMIT);
  let l = line;
  let lineStart = -1;
  for (let i = text.indexOf("\n"); i >= 0 && i < e.offset; i = text.indexOf("\n", i + 1)) {
    l++;
    lineStart = i;
  }
  const col = lineStart < 0 ? column + e.offset : e.offset - lineStart;
  return new DataSyntaxError(l, e.reason, col);
}

export class JsonlRecords {
  private rest = "";
  private line = 1;

  constructor(private readonly onRecord: ObjectSink) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.record(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? text : text.slice(start);
    if (this.rest.length > MAX_ROW_CHARS) throw new DataLimitError(this.line, ROW_LIMIT);
  }

  end(): void {
    if (this.rest.length > 0) this.record(this.rest);
    this.rest = "";
  }

  private record(line: string): void {
    const at = this.line++;
    if (/^\s*$/.test(line)) return;
    let row;
    try {
      row = parseRowObject(line);
    } catch (e) {
      throw located(e, line, at, 1);
    }
    this.onRecord(row, at);
  }
}

const enum At {
  BeforeArray,
  BeforeElement,
  InElement,
  AfterElement,
  AfterArray,
}

export class JsonArrayRecords {
  private at = At.BeforeArray;
  private first = true;
  private line = 1;
  private column = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element's text from earlier chunks. */
  private carried = "";
  private elementLine = 1;
  private elementColumn = 1;

  constructor(private readonly onRecord: ObjectSink) {}

  push(chunk: string): void {
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.column = 0;
      } else this.column++;
      if (this.at === At.InElement) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92) this.escaped = true;
          else if (c === 34) this.inString = false;
        } else if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          if (--this.depth === 0) {
            const text = this.carried + chunk.slice(start, i + 1);
            this.carried = "";
            this.at = At.AfterElement;
            this.element(text);
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      switch (this.at) {
        case At.BeforeArray:
          if (c !== 91) this.fail("a .json data file must be one array of row objects ([{...}, ...])");
          this.at = At.BeforeElement;
          break;
        case At.BeforeElement:
          if (c === 93 && this.first) this.at = At.AfterArray;
          else if (c === 123) {
            this.at = At.InElement;
            this.first = false;
            this.depth = 1;
            start = i;
            this.elementLine = this.line;
            this.elementColumn = this.column;
          } else this.fail(c === 93 ? "a comma before ']'" : "every element of the array must be a row object ({...})");
          break;
        case At.AfterElement:
          if (c === 44) this.at = At.BeforeElement;
          else if (c === 93) this.at = At.AfterArray;
          else this.fail("expected ',' or ']' after a row object");
          break;
        case At.AfterArray:
          this.fail("unexpected text after the array");
      }
    }
    if (this.at === At.InElement) {
      this.carried += chunk.slice(start);
      if (this.carried.length > MAX_ROW_CHARS) throw new DataLimitError(this.elementLine, ROW_LIMIT);
    }
  }

  end(): void {
    if (this.at === At.AfterArray) return;
    if (this.at === At.BeforeArray)
      throw new DataSyntaxError(this.line, "the file is empty; expected an array ([...])");
    throw new DataSyntaxError(this.line, "the file ends inside the array (a row or the closing ']' is missing)");
  }

  private element(text: string): void {
    let row;
    try {
      row = parseRowObject(text);
    } catch (e) {
      throw located(e, text, this.elementLine, this.elementColumn);
    }
    this.onRecord(row, this.elementLine);
  }

  private fail(reason: string): never {
    throw new DataSyntaxError(this.line, reason, this.column);
  }
}
