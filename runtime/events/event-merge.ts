/**
 * The tables' events as one stream in event time: first every table without an event time, whole and
 * in schema order (the reference data the timed events point at), then the timed tables merged by
 * (time, the table's place in the schema, row index) — a k-way merge over the tables' cursors, one
 * row of each held at a time. Every event gets its sequence number here: its place in the stream.
 *
 *   const m = new EventMerge([customers, orders], [false, true]);
 *   m.next()   // { seq: 0, table: "customers", index: 0, … }
 */
import type { SourceRow, TableCursor } from "./event-source.js";

/** A row with its place in the stream (`seq`, from 0). */
export interface StreamEvent extends SourceRow {
  readonly seq: number;
}

interface Head {
  readonly row: SourceRow;
  readonly order: number;
  readonly cursor: TableCursor;
}

export class EventMerge {
  private seq = 0;
  private untimed: TableCursor[];
  private readonly heap: Head[] = [];

  /** `timed[i]` says whether `cursors[i]` has an event time; cursors in schema order. */
  constructor(cursors: readonly TableCursor[], timed: readonly boolean[]) {
    this.untimed = cursors.filter((_, i) => !timed[i]);
    cursors.forEach((cursor, order) => {
      if (!timed[order]) return;
      const row = cursor.next();
      if (row !== undefined) this.push({ row, order, cursor });
    });
  }

  next(): StreamEvent | undefined {
    while (this.untimed.length > 0) {
      const row = this.untimed[0]!.next();
      if (row !== undefined) return numbered(row, this.seq++);
      this.untimed = this.untimed.slice(1);
    }
    const top = this.heap[0];
    if (top === undefined) return undefined;
    const row = top.cursor.next();
    if (row === undefined) this.pop();
    else this.replaceTop({ row, order: top.order, cursor: top.cursor });
    return numbered(top.row, this.seq++);
  }

  private push(h: Head): void {
    const heap = this.heap;
    heap.push(h);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) this.replaceTop(last);
  }

  private replaceTop(h: Head): void {
    const heap = this.heap;
    heap[0] = h;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

function numbered(row: SourceRow, seq: number): StreamEvent {
  row.seq = seq;
  return row;
}

function before(a: Head, b: Head): boolean {
  if (a.row.time !== b.row.time) return a.row.time < b.row.time;
  if (a.order !== b.order) return a.order < b.order;
  return a.row.index < b.row.index;
}
