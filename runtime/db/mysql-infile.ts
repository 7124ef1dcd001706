/**
 * The rows of `--to mysql://…` as `LOAD DATA LOCAL INFILE` text, streamed from memory (mysql2's
 * `infileStreamFactory`: no temporary file). The server parses no SQL per row, so this is faster than
 * the INSERTs of `--format sql` (up to 1.37× in one run of `npm run bench:sql`; docs/benchmarks.md).
 *
 *   LOAD DATA LOCAL INFILE 'dgen:employees' INTO TABLE `employees` CHARACTER SET utf8mb4
 *     FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n' (`id`, `name`, @c2)
 *     SET `photo` = UNHEX(@c2)
 *   1	O'Brien\tjr	00ff
 *   2	\N	\N
 *
 * The text is PostgreSQL's COPY text with MySQL's values (one encoder, `PgCopySink`): tab between
 * fields, LF after a row, `\N` null, backslash, tab, LF and CR escaped with a backslash (`\\N` is the
 * text `\N`); booleans `1`/`0`, timestamps `YYYY-MM-DD HH:MM:SS.sss`, arrays and JSON their JSON text,
 * bytes hex that `UNHEX` turns back into bytes (so no raw byte meets the utf8mb4 conversion). NUL in a
 * string stops the run (DG7040), as in the INSERTs.
 *
 * `LOCAL` makes the server treat bad rows as with `IGNORE` (a duplicate key is skipped, a value too
 * long truncated) with a warning: the caller checks the affected rows and `SHOW WARNINGS`
 * (`mysql-load.ts`).
 */
import { Readable } from "node:stream";
import type { ColumnMeta, TableProgram } from "../contract.js";
import type { CellOut } from "../noise/column-out.js";
import { columnType, quoteIdent } from "../sql/dialect.js";
import { generateChunk } from "../workers/chunk.js";
import { arrayJson } from "../writers/array-json.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { hexInto } from "../writers/byte-cells.js";
import { PgCopySink } from "../writers/pg-copy-sink.js";
import type { ChunkSink, SinkFactory } from "../writers/sinks.js";
import { sqlTimestamp } from "../writers/sql-insert-sink.js";

/** Rows generated at a time; each chunk is sent in pieces of at most PIECE bytes (a packet each). */
const CHUNK_ROWS = 4096;
const PIECE = 1 << 16;

const q = (s: string) => quoteIdent("mysql", s);
const isBytes = (c: ColumnMeta) => /blob|binary/i.test(columnType("mysql", c, false));

/** The statement that reads one table's rows from the stream; `name` is what the stream factory is asked for. */
export function loadDataStatement(table: TableProgram): string {
  const cols = table.columns.map((c, i) => (isBytes(c) ? `@c${i}` : q(c.name)));
  const sets = table.columns.flatMap((c, i) => (isBytes(c) ? [`${q(c.name)} = UNHEX(@c${i})`] : []));
  return (
    `LOAD DATA LOCAL INFILE 'dgen' INTO TABLE ${q(table.name)} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${cols.join(", ")})` +
    (sets.length > 0 ? ` SET ${sets.join(", ")}` : "")
  );
}

export class MysqlInfileFormat implements SinkFactory {
  readonly extension = "tsv";
  readonly header = new Uint8Array(0);
  readonly footer = new Uint8Array(0);
  constructor(private readonly table: TableProgram) {}
  create(out: ByteBuffer, _startsFile: boolean, firstRow = 0): ChunkSink {
    return new MysqlInfileSink(out, this.table, firstRow);
  }
}

/** COPY text with MySQL's booleans, timestamps, bytes (hex for `UNHEX`) and arrays (JSON). */
class MysqlInfileSink extends PgCopySink {
  constructor(out: ByteBuffer, table: TableProgram, firstRow: number) {
    super(out, table, firstRow, "mysql");
  }
  override bool(col: number, v: boolean): void {
    this.sep(col);
    this.out.byte(v ? 49 : 48);
  }
  override timestamp(col: number, ms: number): void {
    this.sep(col);
    sqlTimestamp(this.out, ms);
  }
  override bytes(col: number, v: Uint8Array): void {
    this.sep(col);
    hexInto(this.out, v);
  }
  override array(col: number, v: readonly unknown[]): void {
    this.str(col, arrayJson(v));
  }
}

/**
 * The rows [from, to) of `table` as a stream of LOAD DATA text, generated as the server reads
 * (CHUNK_ROWS at a time; the stream reads ahead up to a piece, and mysql2 pauses it while the
 * socket is full, so memory stays flat and generating overlaps the server's work). `each` runs before
 * every chunk (Ctrl-C: it throws, the stream fails and the statement with it); `advance` after
 * (progress).
 */
export function infileStream(
  table: TableProgram,
  from: number,
  to: number,
  cells: CellOut,
  each: () => void,
  advance: (rows: number) => void,
): Readable {
  const factory = new MysqlInfileFormat(table);
  const buffer = new ByteBuffer();
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let at = from; at < to; ) {
      const end = Math.min(to, at + CHUNK_ROWS);
      each();
      const bytes = generateChunk(table, factory, buffer, at, end, true, cells).bytes;
      // copied: the buffer is reused for the next chunk while these pieces wait to be sent
      for (let p = 0; p < bytes.length; p += PIECE) yield Buffer.from(bytes.subarray(p, Math.min(bytes.length, p + PIECE)));
      advance(end - at);
      at = end;
    }
  }
  return Readable.from(pieces(), { objectMode: false, highWaterMark: PIECE });
}
