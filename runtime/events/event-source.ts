/**
 * Each table's rows as events, in that table's event-time order, generated lazily a chunk at a time
 * with the very sinks `dgen generate --format jsonl` writes with (runtime/run-plan.ts plans them), so an
 * event's `data` is the table's JSON Lines row byte for byte.
 *
 * Three orders:
 * - **row order** — a table without an event time: its rows as `generate` writes them;
 * - **tick order** — a time-series table (`rows: per P every D from A to B`): row `p·n + k` happens at
 *   `A + k·D`, so the events go step by step, and within a step parent by parent. The rows are made in
 *   blocks of steps (every parent's rows of the block, one run of consecutive rows per parent), so a
 *   `walk` replays at most a block's worth of its series per row;
 * - **column order** (`--event-time t.col`) — the table is generated whole, its rows sorted by the
 *   column (ties by row index); a row whose column is null keeps the time of the row before it.
 *
 *   const c = tableCursor(file, { kind: "rows" }, cells);
 *   c.next()   // { table: "customers", index: 0, time: NaN, chunk, start, end }: chunk[start, end) = '{"id":1,…}'
 *
 * A row stays bytes from the sink to the target (no decoding to text and encoding again): a row is a
 * range of its chunk's bytes.
 */
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import type { CellOut } from "../noise/column-out.js";
import type { PlannedFile } from "../run-plan.js";
import { generateChunk } from "../workers/chunk.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import type { SinkFactory } from "../writers/sinks.js";
import { tapFactory } from "./time-tap.js";

/** One row of one table, as an event before it has its place in the stream. */
export interface SourceRow {
  readonly table: string;
  /** The row's index in its table (as `generate` numbers rows). */
  readonly index: number;
  /** Its event time on one line (ms since the epoch for times and dates); NaN: the table has none. */
  readonly time: number;
  /** The row's JSON text, exactly as in `generate --format jsonl`: `chunk[start, end)` (UTF-8, no line feed). */
  readonly chunk: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** Its place in the stream: -1 until the merge (event-merge.ts) numbers it (one object an event). */
  seq: number;
}

/** How a table's events are ordered (see above). */
export type EventOrder =
  | { readonly kind: "rows" }
  | { readonly kind: "ticks"; readonly fromMs: number; readonly stepMs: number }
  | { readonly kind: "column"; readonly column: number };

/** The most rows a table ordered by `--event-time` may have: it is held in memory while it streams. */
export const MAX_SORTED_ROWS = 5_000_000;

/** Rows made at once for a time-series table (a block of steps over every parent). */
const BLOCK_ROWS = 32_768;

/** The first chunk of a table is small, so the first events go out soon; each next one is twice as large. */
const FIRST_CHUNK_ROWS = 1024;

export interface TableCursor {
  readonly table: string;
  /** The next row, or undefined when the table has no more. */
  next(): SourceRow | undefined;
}

export function tableCursor(file: PlannedFile, order: EventOrder, cells: CellOut): TableCursor {
  switch (order.kind) {
    case "rows":
      return new RowCursor(file, cells);
    case "ticks":
      return new TickCursor(file, order.fromMs, order.stepMs, cells);
    case "column":
      return new ColumnCursor(file, order.column, cells);
  }
}

/** Rows [from, to) as JSON lines: one chunk of bytes and where each row starts (`starts[n]`: the end). */
interface RowBytes {
  readonly chunk: Uint8Array;
  /** Row i is chunk[starts[i], starts[i + 1] - 1) (the line feed left out). */
  readonly starts: number[];
}

function rowBytes(file: PlannedFile, factory: SinkFactory, buffer: ByteBuffer, from: number, to: number, cells: CellOut): RowBytes {
  // `bytes` is the buffer's own copy (ByteBuffer.take), so it outlives the next chunk.
  const chunk = generateChunk(file.table, factory, buffer, from, to, from === file.from, cells).bytes;
  // A JSON line holds no raw line feed (JSON escapes it), so each 10 ends a row.
  const starts = [0];
  for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) starts.push(i + 1);
  return { chunk, starts };
}

/** Buffers one chunk of rows at a time. */
abstract class Buffered implements TableCursor {
  protected chunks: Uint8Array[] = [];
  protected starts: number[] = [];
  protected ends: number[] = [];
  protected indexes: number[] = [];
  protected times: number[] = [];
  private at = 0;
  protected readonly buffer = new ByteBuffer();

  constructor(
    protected readonly file: PlannedFile,
    protected readonly cells: CellOut,
  ) {}

  get table(): string {
    return this.file.table.name;
  }

  /** Fills the next chunk; false when the table is done. */
  protected abstract fill(): boolean;

  next(): SourceRow | undefined {
    if (this.at >= this.indexes.length) {
      this.chunks = [];
      this.starts = [];
      this.ends = [];
      this.indexes = [];
      this.times = [];
      this.at = 0;
      if (!this.fill() || this.indexes.length === 0) return undefined;
    }
    const i = this.at++;
    const row: SourceRow = {
      table: this.table,
      index: this.indexes[i]!,
      time: this.times[i] ?? NaN,
      chunk: this.chunks[i]!,
      start: this.starts[i]!,
      end: this.ends[i]!,
      seq: -1,
    };
    return row;
  }

  /** Appends row `k` of `rows` (see RowBytes). */
  protected pushRow(rows: RowBytes, k: number): void {
    this.chunks.push(rows.chunk);
    this.starts.push(rows.starts[k]!);
    this.ends.push(rows.starts[k + 1]! - 1);
  }
}

class RowCursor extends Buffered {
  private from = this.file.from;
  private size = FIRST_CHUNK_ROWS;

  protected fill(): boolean {
    if (this.from >= this.file.to) return false;
    const to = Math.min(this.file.to, this.from + Math.min(this.size, this.file.chunkRows));
    this.size *= 2;
    const rows = rowBytes(this.file, this.file.factory, this.buffer, this.from, to, this.cells);
    for (let i = this.from; i < to; i++) {
      this.pushRow(rows, i - this.from);
      this.indexes.push(i);
    }
    this.from = to;
    return true;
  }
}

class TickCursor extends Buffered {
  private readonly length: number;
  private readonly parents: number;
  private block: number;
  private readonly maxBlock: number;
  private step = 0;

  constructor(
    file: PlannedFile,
    private readonly fromMs: number,
    private readonly stepMs: number,
    cells: CellOut,
  ) {
    super(file, cells);
    this.length = file.table.seriesLength ?? 1;
    this.parents = Math.floor((file.to - file.from) / this.length);
    const steps = (rows: number) => Math.max(1, Math.min(this.length, Math.floor(rows / Math.max(1, this.parents))));
    this.block = steps(FIRST_CHUNK_ROWS);
    this.maxBlock = steps(BLOCK_ROWS);
  }

  protected fill(): boolean {
    if (this.step >= this.length || this.parents === 0) return false;
    const k0 = this.step;
    const k1 = Math.min(this.length, k0 + this.block);
    const perParent: RowBytes[] = [];
    for (let p = 0; p < this.parents; p++) {
      const base = this.file.from + p * this.length;
      perParent.push(rowBytes(this.file, this.file.factory, this.buffer, base + k0, base + k1, this.cells));
    }
    for (let k = k0; k < k1; k++) {
      const time = this.fromMs + k * this.stepMs;
      for (let p = 0; p < this.parents; p++) {
        this.pushRow(perParent[p]!, k - k0);
        this.indexes.push(this.file.from + p * this.length + k);
        this.times.push(time);
      }
    }
    this.step = k1;
    this.block = Math.min(this.maxBlock, this.block * 2);
    return true;
  }
}

class ColumnCursor extends Buffered {
  private done = false;

  constructor(
    file: PlannedFile,
    private readonly column: number,
    cells: CellOut,
  ) {
    super(file, cells);
  }

  protected fill(): boolean {
    if (this.done) return false;
    this.done = true;
    const rows = this.file.to - this.file.from;
    if (rows > MAX_SORTED_ROWS)
      throw new RunError(runtimeDiag(messages.streamSortTooLarge, [this.table, rows, MAX_SORTED_ROWS]));
    const times: number[] = [];
    const factory = tapFactory(this.file.factory, this.column, times);
    const all: { rows: RowBytes; k: number }[] = [];
    for (let from = this.file.from; from < this.file.to; from += this.file.chunkRows) {
      const to = Math.min(this.file.to, from + this.file.chunkRows);
      const rows = rowBytes(this.file, factory, this.buffer, from, to, this.cells);
      for (let k = 0; k < rows.starts.length - 1; k++) all.push({ rows, k });
    }
    let last = -Infinity;
    for (let i = 0; i < times.length; i++) {
      if (Number.isNaN(times[i]!)) times[i] = last;
      else last = times[i]!;
    }
    const order = Array.from({ length: all.length }, (_, i) => i);
    order.sort((a, b) => times[a]! - times[b]! || a - b);
    for (const i of order) {
      this.pushRow(all[i]!.rows, all[i]!.k);
      this.indexes.push(this.file.from + i);
      this.times.push(times[i]!);
    }
    return true;
  }
}
