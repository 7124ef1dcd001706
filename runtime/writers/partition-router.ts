/**
 * A row sink that routes each row to the sink of its partition (runtime/partition.ts). A row's cells
 * are recorded as they come (the partition column may come last), then replayed into the sink of the
 * partition its value names, one sink and buffer per partition seen in the chunk. Each partition's
 * first row in the chunk starts its piece (`startsFile`); the main thread joins the pieces of one
 * partition with the format's `separator`.
 *
 *   const r = new PartitionRouter(spec, factory); table.write(r, from, to); r.pieces()
 *   // [{ value: "2024-01-01", bytes, meta }, …] in the order the partitions first appear
 */
import type { RowSink } from "../contract.js";
import { dateMs, NULL_PARTITION, type PartitionSpec, timePart } from "../partition.js";
import { formatUnits } from "../text/wide-decimal.js";
import { ByteBuffer } from "./byte-buffer.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

/** One partition's rows of one chunk. */
export interface PartitionPiece {
  readonly value: string;
  readonly bytes: Uint8Array;
  readonly meta?: unknown;
}

const enum Op {
  Int,
  Bigint,
  Float,
  Decimal,
  DecimalBig,
  Str,
  Bool,
  Date,
  Timestamp,
  Json,
  Bytes,
  Array,
  Nul,
}

const PIECE_CAPACITY = 1 << 16;

export class PartitionRouter implements ChunkSink {
  rows = 0;
  private readonly ops: Op[] = [];
  private readonly cols: number[] = [];
  private readonly values: unknown[] = [];
  private readonly scales: number[] = [];
  private value = NULL_PARTITION;
  private text = "";
  private textCol = 0;
  private readonly parts = new Map<string, { out: ByteBuffer; sink: ChunkSink }>();

  constructor(
    private readonly spec: PartitionSpec,
    private readonly factory: SinkFactory,
  ) {}

  private push(op: Op, col: number, v: unknown, scale = 0): void {
    this.ops.push(op);
    this.cols.push(col);
    this.values.push(v);
    this.scales.push(scale);
  }

  beginRow(): void {
    this.ops.length = this.cols.length = this.values.length = this.scales.length = 0;
    this.value = NULL_PARTITION;
  }
  int(col: number, v: number): void {
    if (col === this.spec.column) this.value = String(v);
    this.push(Op.Int, col, v);
  }
  bigint(col: number, v: bigint): void {
    if (col === this.spec.column) this.value = v.toString();
    this.push(Op.Bigint, col, v);
  }
  float(col: number, v: number): void {
    this.push(Op.Float, col, v);
  }
  decimal(col: number, v: number, scale: number): void {
    if (col === this.spec.column) this.value = v.toFixed(scale);
    this.push(Op.Decimal, col, v, scale);
  }
  decimalBig(col: number, v: bigint, scale: number): void {
    if (col === this.spec.column) this.value = formatUnits(v, scale);
    this.push(Op.DecimalBig, col, v, scale);
  }
  str(col: number, v: string): void {
    if (col === this.spec.column) this.value = v;
    this.push(Op.Str, col, v);
  }
  bool(col: number, v: boolean): void {
    if (col === this.spec.column) this.value = String(v);
    this.push(Op.Bool, col, v);
  }
  date(col: number, days: number): void {
    if (col === this.spec.column) this.value = timePart(this.spec.part, dateMs(days), false);
    this.push(Op.Date, col, days);
  }
  timestamp(col: number, ms: number): void {
    if (col === this.spec.column) this.value = timePart(this.spec.part, ms, true);
    this.push(Op.Timestamp, col, ms);
  }
  json(col: number, v: unknown): void {
    this.push(Op.Json, col, v);
  }
  bytes(col: number, v: Uint8Array): void {
    this.push(Op.Bytes, col, v);
  }
  array(col: number, v: readonly unknown[]): void {
    this.push(Op.Array, col, v);
  }
  nul(col: number): void {
    this.push(Op.Nul, col, null);
  }
  strStart(col: number): void {
    this.textCol = col;
    this.text = "";
  }
  part(s: string): void {
    this.text += s;
  }
  partLower(s: string): void {
    this.text += s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
  }
  partInt(v: number): void {
    this.text += String(v);
  }
  strEnd(): void {
    this.str(this.textCol, this.text);
  }

  endRow(): void {
    let target = this.parts.get(this.value);
    if (target === undefined) {
      const out = new ByteBuffer(PIECE_CAPACITY);
      target = { out, sink: this.factory.create(out, true) };
      this.parts.set(this.value, target);
    }
    replay(target.sink, this.ops, this.cols, this.values, this.scales);
    this.rows++;
  }

  /** The chunk's pieces, one per partition in the order they first appear. */
  pieces(): PartitionPiece[] {
    const out: PartitionPiece[] = [];
    for (const [value, p] of this.parts) {
      const meta = p.sink.finish?.();
      const bytes = p.out.take();
      out.push(meta !== undefined ? { value, bytes, meta } : { value, bytes });
    }
    return out;
  }
}

function replay(s: RowSink, ops: Op[], cols: number[], values: unknown[], scales: number[]): void {
  s.beginRow();
  for (let i = 0; i < ops.length; i++) {
    const c = cols[i]!;
    const v = values[i];
    switch (ops[i]) {
      case Op.Int:
        s.int(c, v as number);
        break;
      case Op.Bigint:
        s.bigint(c, v as bigint);
        break;
      case Op.Float:
        s.float(c, v as number);
        break;
      case Op.Decimal:
        s.decimal(c, v as number, scales[i]!);
        break;
      case Op.DecimalBig:
        s.decimalBig(c, v as bigint, scales[i]!);
        break;
      case Op.Str:
        s.str(c, v as string);
        break;
      case Op.Bool:
        s.bool(c, v as boolean);
        break;
      case Op.Date:
        s.date(c, v as number);
        break;
      case Op.Timestamp:
        s.timestamp(c, v as number);
        break;
      case Op.Json:
        s.json(c, v);
        break;
      case Op.Bytes:
        s.bytes(c, v as Uint8Array);
        break;
      case Op.Array:
        s.array(c, v as readonly unknown[]);
        break;
      case Op.Nul:
        s.nul(c);
        break;
    }
  }
  s.endRow();
}
