/**
 * A row sink that passes every call on to another and keeps the value written to one column, as a
 * number on one time line: timestamps in milliseconds since the epoch, dates at their midnight (UTC),
 * numbers as they are, one entry for every row. `dgen stream --event-time t.col` orders a table's events by it; a null cell
 * (or noise's `missing`, or text written in parts) records NaN, which the stream reads as "no time of its own" (see
 * event-source.ts).
 *
 *   const tap = new TimeTap(jsonSink, 2, times);   // column 2 of the table
 *   table.write(tap, 0, 100)                       // times: 100 numbers; the JSON as without the tap
 */
import type { ChunkSink, SinkFactory } from "../writers/sinks.js";
import type { ByteBuffer } from "../writers/byte-buffer.js";

const MS_PER_DAY = 86_400_000;

export class TimeTap implements ChunkSink {
  constructor(
    private readonly inner: ChunkSink,
    private readonly col: number,
    private readonly times: number[],
  ) {}

  get rows(): number {
    return this.inner.rows;
  }
  beginRow(): void {
    this.times.push(NaN);
    this.inner.beginRow();
  }
  int(col: number, v: number): void {
    if (col === this.col) this.times[this.times.length - 1] = v;
    this.inner.int(col, v);
  }
  bigint(col: number, v: bigint): void {
    if (col === this.col) this.times[this.times.length - 1] = Number(v);
    this.inner.bigint(col, v);
  }
  float(col: number, v: number): void {
    if (col === this.col) this.times[this.times.length - 1] = v;
    this.inner.float(col, v);
  }
  decimal(col: number, v: number, scale: number): void {
    if (col === this.col) this.times[this.times.length - 1] = v;
    this.inner.decimal(col, v, scale);
  }
  decimalBig(col: number, v: bigint, scale: number): void {
    if (col === this.col) this.times[this.times.length - 1] = Number(v) / 10 ** scale;
    this.inner.decimalBig(col, v, scale);
  }
  str(col: number, v: string): void {
    if (col === this.col) this.times[this.times.length - 1] = Date.parse(v);
    this.inner.str(col, v);
  }
  bool(col: number, v: boolean): void {
    this.inner.bool(col, v);
  }
  date(col: number, days: number): void {
    if (col === this.col) this.times[this.times.length - 1] = days * MS_PER_DAY;
    this.inner.date(col, days);
  }
  timestamp(col: number, ms: number): void {
    if (col === this.col) this.times[this.times.length - 1] = ms;
    this.inner.timestamp(col, ms);
  }
  json(col: number, v: unknown): void {
    this.inner.json(col, v);
  }
  bytes(col: number, v: Uint8Array): void {
    this.inner.bytes(col, v);
  }
  array(col: number, v: readonly unknown[]): void {
    this.inner.array(col, v);
  }
  nul(col: number): void {
    if (col === this.col) this.times[this.times.length - 1] = NaN;
    this.inner.nul(col);
  }
  strStart(col: number): void {
    this.inner.strStart(col);
  }
  part(s: string): void {
    this.inner.part(s);
  }
  partLower(s: string): void {
    this.inner.partLower(s);
  }
  partInt(v: number): void {
    this.inner.partInt(v);
  }
  strEnd(): void {
    this.inner.strEnd();
  }
  endRow(): void {
    this.inner.endRow();
  }
  finish(): unknown {
    return this.inner.finish?.();
  }
}

/** A factory whose sinks tap column `col` into `times` (one number a row, in row order). */
export function tapFactory(factory: SinkFactory, col: number, times: number[]): SinkFactory {
  return {
    extension: factory.extension,
    header: factory.header,
    footer: factory.footer,
    create: (out: ByteBuffer, startsFile: boolean, firstRow?: number) =>
      new TimeTap(factory.create(out, startsFile, firstRow), col, times),
  };
}
