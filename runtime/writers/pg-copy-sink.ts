/**
 * PostgreSQL data files: one `COPY … FROM stdin` in the text format, which `psql` reads from the file
 * itself. Fields are separated by a tab; `\N` is null; `\`, LF, CR and tab inside text are escaped
 * with a backslash; booleans are `t`/`f`, bytes `\\x00ff` (the backslash of bytea's hex form, escaped),
 * arrays PostgreSQL array literals, JSON its text. A string holding NUL stops the run (DG7040):
 * PostgreSQL text cannot store it.
 *
 *   COPY "customers" ("id", "name", "note") FROM stdin;
 *   1	O'Brien	\N
 *   \.
 */
import { formatUnits } from "../text/wide-decimal.js";
import type { TableProgram } from "../contract.js";
import { type Dialect, quoteIdent } from "../sql/dialect.js";
import { copyText, pgArrayLiteral } from "../sql/sql-text.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { hexInto } from "./byte-cells.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";
import { nulError } from "./sql-insert-sink.js";

const TAB = 9;
const LF = 10;
const NULL = encode("\\N");
const BYTEA = encode("\\\\x");

export class PgCopyFormat implements SinkFactory {
  readonly extension = "sql";
  readonly header: Uint8Array;
  readonly footer = encode("\\.\n");

  constructor(private readonly table: TableProgram) {
    const q = (s: string) => quoteIdent("postgres", s);
    const cols = table.columns.map((c) => q(c.name)).join(", ");
    this.header = encode(`COPY ${q(table.name)} (${cols}) FROM stdin;\n`);
  }

  create(out: ByteBuffer, _startsFile: boolean, firstRow = 0): ChunkSink {
    return new PgCopySink(out, this.table, firstRow);
  }
}

/** Also the base of MySQL's `LOAD DATA` text (runtime/db/mysql-infile.ts), whose escapes are the same. */
export class PgCopySink implements ChunkSink {
  rows = 0;
  private col = 0;

  constructor(
    protected readonly out: ByteBuffer,
    private readonly table: TableProgram,
    private readonly firstRow: number,
    private readonly dialect: Dialect = "postgres",
  ) {}

  protected sep(col: number): void {
    if (col !== 0) this.out.byte(TAB);
  }
  private text(col: number, s: string, lower: boolean): void {
    if (!copyText(this.out, s, lower)) throw nulError(this.table, this.firstRow + this.rows, col, this.dialect);
  }

  beginRow(): void {}
  endRow(): void {
    this.out.byte(LF);
    this.rows++;
  }
  int(col: number, v: number): void {
    this.sep(col);
    this.out.int(v);
  }
  bigint(col: number, v: bigint): void {
    this.sep(col);
    this.out.str(v.toString());
  }
  float(col: number, v: number): void {
    this.sep(col);
    this.out.float(v);
  }
  decimal(col: number, v: number, scale: number): void {
    this.sep(col);
    this.out.decimal(v, scale);
  }
  decimalBig(col: number, v: bigint, scale: number): void {
    this.sep(col);
    this.out.str(formatUnits(v, scale));
  }
  str(col: number, v: string): void {
    this.sep(col);
    this.text(col, v, false);
  }
  bool(col: number, v: boolean): void {
    this.sep(col);
    this.out.byte(v ? 116 : 102);
  }
  date(col: number, days: number): void {
    this.sep(col);
    this.out.date(days);
  }
  timestamp(col: number, ms: number): void {
    this.sep(col);
    this.out.timestamp(ms);
  }
  json(col: number, v: unknown): void {
    this.str(col, JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    this.sep(col);
    this.out.bytes(BYTEA);
    hexInto(this.out, v);
  }
  array(col: number, v: readonly unknown[]): void {
    this.str(col, pgArrayLiteral(v));
  }
  nul(col: number): void {
    this.sep(col);
    this.out.bytes(NULL);
  }
  strStart(col: number): void {
    this.sep(col);
    this.col = col;
  }
  part(s: string): void {
    this.text(this.col, s, false);
  }
  partLower(s: string): void {
    this.text(this.col, s, true);
  }
  partInt(v: number): void {
    this.out.int(v);
  }
  strEnd(): void {}
}
