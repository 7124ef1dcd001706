/**
 * An incremental reader of TSV as the TSV writer (runtime/writers/tsv-sink.ts) writes it — the
 * PostgreSQL `COPY ... TEXT` convention: one record per line, TAB between fields, no quoting; inside a
 * field `\t` `\n` `\r` `\\` stand for TAB, LF, CR and backslash, and a field that is exactly `\N` is
 * null. Also read: `\b` `\f` `\v` `\0`. Any other character after a backslash, and a backslash that
 * ends a field, is a `DataSyntaxError` (dgen never writes them, and PostgreSQL would read them each its
 * own way). A CR before the LF (a CRLF file) is dropped. An empty field is the empty string.
 *
 *   const r = new TsvRecords((fields) => rows.push(fields));
 *   r.push("id\tnote\n1\ta\\tb\n2\t\\N\n"); r.end();   // ["id","note"], ["1","a\tb"], ["2",null]
 */
import type { RecordSink } from "./csv-reader.js";
import { MAX_ROW_CHARS, ROW_LIMIT } from "./limits.js";
import { DataLimitError, DataSyntaxError } from "./text-input.js";

const ESCAPES: Readonly<Record<string, string>> = {
  t: "\t",
  n: "\n",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};

export class TsvRecords {
  private rest = "";
  private line = 1;

  constructor(private readonly onRecord: RecordSink) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.record(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? text : text.slice(start);
    text = "";
    if (this.rest.length > MAX_ROW_CHARS) throw new DataLimitError(this.line, ROW_LIMIT);
  }

  end(): void {
    if (this.rest.length > 0) this.record(this.rest.endsWith("\r") ? this.rest.slice(0, -1) : this.rest);
    this.rest = "";
  }

  private record(line: string): void {
    const raw = line.split("\t");
    const fields: (string | null)[] = raw;
    let column = 1;
    for (let i = 0; i < raw.length; i++) {
      const f = raw[i]!;
      if (f.indexOf("\\") >= 0 && f !== "\\N") {
        const bad = badEscape(f);
        if (bad !== undefined) throw new DataSyntaxError(this.line, bad.reason, column + bad.at);
        fields[i] = unescapeTsv(f);
      } else if (f === "\\N") fields[i] = null;
      column += f.length + 1;
    }
    this.onRecord(fields, this.line++);
  }
}

/** The first backslash of `f` that starts no escape dgen reads, and why; undefined when there is none. */
function badEscape(f: string): { at: number; reason: string } | undefined {
  for (let i = f.indexOf("\\"); i >= 0; i = f.indexOf("\\", i + 2)) {
    if (i + 1 >= f.length)
      return { at: i, reason: "a lone '\\' at the end of a field (an escape needs a character after it)" };
    const c = f[i + 1]!;
    if (c !== "\\" && ESCAPES[c] === undefined)
      return { at: i, reason: `unknown escape '\\${c}' (TSV escapes are \\t \\n \\r \\\\, and \\N alone for null)` };
  }
  return undefined;
}

/** `a\\tb` → `a<TAB>b` (after `badEscape` found nothing). */
export function unescapeTsv(f: string): string {
  return f.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);
}
