/**
 * SQL data files of multi-row `INSERT`s, for MySQL/MariaDB, SQLite and SQL Server (PostgreSQL uses
 * COPY: `pg-copy-sink.ts`). A statement holds the rows of one batch of global row indexes
 * ([k·B, (k+1)·B), B from `INSERT_BATCH`), so any chunk or shard split cuts the same statements; a
 * file (or shard) also starts a statement at its first row.
 *
 *   INSERT INTO "customers" ("id", "name", "note") VALUES
 *   (1, 'O''Brien', NULL),
 *   (2, 'x', '');
 *
 * Literals: strings `'…'` with `'` doubled (MySQL also doubles `\`; SQL Server writes `N'…'`),
 * bytes `X'00ff'` (SQL Server `0x00ff`), booleans `1`/`0`, dates and timestamps as quoted text
 * (`YYYY-MM-DD HH:MM:SS.sss` for MySQL and SQL Server, dgen's ISO form for SQLite), arrays and JSON
 * as their JSON text. A string holding NUL stops the run (DG7040).
 */
import { formatUnits } from "../text/wide-decimal.js";
import { messages } from "../../diagnostics/messages.js";
import type { ColumnMeta, TableProgram } from "../contract.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { type Dialect, INSERT_BATCH, quoteIdent } from "../sql/dialect.js";
import { literalBody } from "../sql/sql-text.js";
import { arrayJson } from "./array-json.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { hexInto } from "./byte-cells.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

const COMMA = 44;
const QUOTE = 39;
const ROW_OPEN = encode(",\n(");
const END_STATEMENT = encode(";\n");
const NULL = encode("NULL");
const MSSQL_JOIN = encode("' + N'");

export class SqlInsertFormat implements SinkFactory {
  readonly extension = "sql";
  readonly header: Uint8Array;
  readonly footer: Uint8Array;
  private readonly head: Uint8Array;

  /** `rows`: whether the file gets any row (an empty file has no statement to end). */
  constructor(
    private readonly dialect: Exclude<Dialect, "postgres">,
    private readonly table: TableProgram,
    rows: boolean,
  ) {
    const q = (s: string) => quoteIdent(dialect, s);
    const cols = table.columns.map((c) => q(c.name)).join(", ");
    this.head = encode(`INSERT INTO ${q(table.name)} (${cols}) VALUES\n(`);
    const identity = dialect === "mssql" && table.columns.some((c) => c.identity);
    let header = "";
    let footer = rows ? ";\n" : "";
    if (dialect === "mysql") {
      // The literals assume MySQL's default string mode (backslash escapes on); NO_AUTO_VALUE_ON_ZERO
      // keeps an explicit 0 in an AUTO_INCREMENT column.
      header = "SET NAMES utf8mb4;\nSET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO';\n";
    }
    if (identity) {
      header += `SET IDENTITY_INSERT ${q(table.name)} ON;\n`;
      footer += `SET IDENTITY_INSERT ${q(table.name)} OFF;\n`;
    }
    this.header = encode(header);
    this.footer = encode(footer);
  }

  create(out: ByteBuffer, startsFile: boolean, firstRow = 0): ChunkSink {
    return new SqlInsertSink(out, this.dialect, this.table, this.head, startsFile, firstRow);
  }
}

export class SqlInsertSink implements ChunkSink {
  rows = 0;
  private col = 0;
  private readonly batch: number;
  private readonly backslash: boolean;
  private readonly mssql: boolean;
  /** SQL Server: the text written so far in this cell ends with a backslash. */
  private backslashEnded = false;
  private readonly textOpen: Uint8Array;

  constructor(
    private readonly out: ByteBuffer,
    private readonly dialect: Exclude<Dialect, "postgres">,
    private readonly table: TableProgram,
    private readonly head: Uint8Array,
    private readonly startsFile: boolean,
    private readonly firstRow: number,
  ) {
    this.batch = INSERT_BATCH[dialect];
    this.backslash = dialect === "mysql";
    this.mssql = dialect === "mssql";
    this.textOpen = encode(dialect === "mssql" ? "N'" : "'");
  }

  private sep(col: number): void {
    if (col !== 0) this.out.byte(COMMA);
  }

  private text(col: number, s: string, lower: boolean): void {
    if (this.mssql && s.length > 0) {
      // SQL Server drops a backslash followed by a line break inside a literal (a line continuation):
      // the literal ends after such a backslash and the text goes on in the next, `N'a\' + N'<LF>b'`.
      const first = s.charCodeAt(0);
      if (this.backslashEnded && (first === 10 || first === 13)) this.out.bytes(MSSQL_JOIN);
      this.backslashEnded = s.charCodeAt(s.length - 1) === 92;
      if (s.includes("\\")) {
        const pieces = s.split(/(?<=\\)(?=[\r\n])/);
        for (let i = 0; i < pieces.length; i++) {
          if (i > 0) this.out.bytes(MSSQL_JOIN);
          if (!literalBody(this.out, pieces[i]!, false, lower)) throw nulError(this.table, this.firstRow + this.rows, col, this.dialect);
        }
        return;
      }
    }
    if (!literalBody(this.out, s, this.backslash, lower)) throw nulError(this.table, this.firstRow + this.rows, col, this.dialect);
  }

  beginRow(): void {
    const row = this.firstRow + this.rows;
    if (this.rows === 0 && this.startsFile) this.out.bytes(this.head);
    else if (row % this.batch === 0) {
      this.out.bytes(END_STATEMENT);
      this.out.bytes(this.head);
    } else this.out.bytes(ROW_OPEN);
  }
  endRow(): void {
    this.out.byte(41); // )
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
    if (this.dialect === "sqlite" && !Number.isInteger(v)) return this.out.str(sqliteReal(v));
    this.out.float(v);
  }
  decimal(col: number, v: number, scale: number): void {
    this.sep(col);
    this.out.decimal(v, scale);
  }
  /** Exact decimal text; a quoted string in SQLite, whose TEXT column would make a bare literal a REAL. */
  decimalBig(col: number, v: bigint, scale: number): void {
    this.sep(col);
    if (this.dialect === "sqlite") this.out.byte(QUOTE);
    this.out.str(formatUnits(v, scale));
    if (this.dialect === "sqlite") this.out.byte(QUOTE);
  }
  str(col: number, v: string): void {
    this.sep(col);
    this.out.bytes(this.textOpen);
    this.backslashEnded = false;
    this.text(col, v, false);
    this.out.byte(QUOTE);
  }
  bool(col: number, v: boolean): void {
    this.sep(col);
    this.out.byte(v ? 49 : 48);
  }
  date(col: number, days: number): void {
    this.sep(col);
    this.out.byte(QUOTE);
    this.out.date(days);
    this.out.byte(QUOTE);
  }
  timestamp(col: number, ms: number): void {
    this.sep(col);
    this.out.byte(QUOTE);
    if (this.dialect === "sqlite") this.out.timestamp(ms);
    else sqlTimestamp(this.out, ms);
    this.out.byte(QUOTE);
  }
  json(col: number, v: unknown): void {
    this.str(col, JSON.stringify(v) ?? "null");
  }
  bytes(col: number, v: Uint8Array): void {
    this.sep(col);
    if (this.dialect === "mssql") {
      this.out.byte(48);
      this.out.byte(120);
      hexInto(this.out, v);
    } else {
      this.out.byte(88);
      this.out.byte(QUOTE);
      hexInto(this.out, v);
      this.out.byte(QUOTE);
    }
  }
  array(col: number, v: readonly unknown[]): void {
    this.str(col, arrayJson(v));
  }
  nul(col: number): void {
    this.sep(col);
    this.out.bytes(NULL);
  }
  strStart(col: number): void {
    this.sep(col);
    this.col = col;
    this.backslashEnded = false;
    this.out.bytes(this.textOpen);
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
  strEnd(): void {
    this.out.byte(QUOTE);
  }
}

/** `YYYY-MM-DD HH:MM:SS[.sss]`: dgen's ISO text with a space for the T and no Z (MySQL, SQL Server). */
export function sqlTimestamp(out: ByteBuffer, ms: number): void {
  const start = out.pos;
  out.timestamp(ms);
  const buf = out.buf;
  for (let p = start; p < out.pos; p++) {
    if (buf[p] === 84) {
      buf[p] = 32; // the T is the first one written
      break;
    }
  }
  out.pos--; // the Z
}

/** DG7040: a string cell holds NUL, which SQL text cannot carry the same way in every dialect. */
export function nulError(table: TableProgram, row: number, col: number, dialect: Dialect): RunError {
  const c: ColumnMeta | undefined = table.columns[col];
  return new RunError(
    runtimeDiag(
      messages.sqlNul,
      [table.name, row, c?.name ?? String(col), dialect],
      "remove U+0000 from the column's values, or write another format (csv, json)",
    ),
  );
}

/**
 * SQLite (3.40) reads some decimal texts of 15 or more significant digits one unit in the last place
 * off (`0.890026056421167` as `0.8900260564211671`); with 17 digits it reads every double exactly,
 * so such values are written with 17.
 */
function sqliteReal(v: number): string {
  const s = String(v);
  const digits = s.replace(/e.*$/, "").replace(/[-.]/g, "").replace(/^0+/, "").length;
  return digits >= 15 ? v.toPrecision(17) : s;
}

