/**
 * Generating one chunk of rows into bytes — the same function in the main thread and in workers —
 * and turning whatever the emitted code throws into a diagnostic.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { TableProgram } from "../contract.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import type { ByteBuffer } from "../writers/byte-buffer.js";
import type { ChunkSink, SinkFactory } from "../writers/sinks.js";
import type { CellOut } from "../noise/column-out.js";
import type { PartitionSpec } from "../partition.js";
import { type PartitionPiece, PartitionRouter } from "../writers/partition-router.js";

/** A chunk's bytes, and under `--truth` the truth rows of its dirtied cells. */
export interface ChunkBytes {
  readonly bytes: Uint8Array;
  readonly truth?: Uint8Array;
  /** A block format's metadata of this chunk (Parquet: its row group), for the file footer. */
  readonly meta?: unknown;
  /** A partitioned table's chunk: its rows per partition (then `bytes` is empty). */
  readonly parts?: readonly PartitionPiece[];
}

/**
 * Rows `[from, to)` of `table` in the factory's format; throws a `RunError` if generation fails.
 * `cells` carries the truth log and the keys to noisy, masked and encrypted columns.
 */
export function generateChunk(
  table: TableProgram,
  factory: SinkFactory,
  out: ByteBuffer,
  from: number,
  to: number,
  startsFile: boolean,
  cells?: CellOut,
  partition?: PartitionSpec,
): ChunkBytes {
  const router = partition !== undefined ? new PartitionRouter(partition, factory) : undefined;
  const sink: ChunkSink = router ?? factory.create(out, startsFile, from);
  let meta: unknown;
  let parts: PartitionPiece[] | undefined;
  try {
    table.write(sink, from, to, cells);
    if (router !== undefined) parts = router.pieces();
    else meta = sink.finish?.();
  } catch (e) {
    out.pos = 0;
    cells?.truth?.take();
    throw new RunError(errorDiagnostic(e, table.name, from + sink.rows));
  }
  const bytes = out.take();
  const withMeta = parts !== undefined ? { bytes, parts } : meta !== undefined ? { bytes, meta } : { bytes };
  return cells?.truth ? { ...withMeta, truth: cells.truth.take() } : withMeta;
}

/**
 * A diagnostic for an error thrown while generating `row` of `table`: a `RunError`'s own, an error
 * that carries a catalog code (`{ code: "DG7001", message }` or `{ diagnostic }`), else DG7004.
 */
export function errorDiagnostic(e: unknown, table: string, row: number): Diagnostic {
  if (e instanceof RunError) return e.diagnostic;
  const obj = (typeof e === "object" && e !== null ? e : {}) as {
    code?: unknown;
    message?: unknown;
    diagnostic?: unknown;
  };
  const inner = obj.diagnostic as Diagnostic | undefined;
  if (inner && typeof inner.code === "string" && typeof inner.message === "string") {
    return {
      ...runtimeDiag(messages.generationFailed, [table, row, inner.message]),
      code: inner.code,
      message: inner.message,
    };
  }
  if (typeof obj.code === "string" && /^DG\d{4}$/.test(obj.code) && typeof obj.message === "string") {
    return {
      ...runtimeDiag(messages.generationFailed, [table, row, obj.message]),
      code: obj.code,
      message: obj.message,
    };
  }
  const reason = typeof obj.message === "string" ? obj.message : String(e);
  return runtimeDiag(messages.generationFailed, [table, row, reason.replace(/\.$/, "")]);
}
