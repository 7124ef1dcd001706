/**
 * Messages between the main thread and its workers.
 *
 * A worker is the program's own module (a bundle's `import.meta.url`) started with
 * `workerData: WorkerInit`; `main()` sees `dgenWorker` and calls `serveWorker` instead of running.
 * The worker configures the program with the main thread's settings, then answers each
 * `ChunkRequest` with the chunk's bytes (transferred, not copied) — and its truth rows under `--truth` —
 * or a diagnostic.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { RunSettings } from "../contract.js";
import type { RunFormat } from "../writers/sinks.js";
import type { Dialect } from "../sql/dialect.js";
import type { CsvOptions } from "../writers/csv-sink.js";
import type { ParquetCodec } from "../writers/parquet/codec.js";
import type { KeySource } from "../noise/write-keys.js";
import type { PartitionSpec } from "../partition.js";
import type { PartitionPiece } from "../writers/partition-router.js";

export interface WorkerInit {
  readonly dgenWorker: true;
  readonly settings: RunSettings;
  readonly format: RunFormat;
  readonly dialect?: Dialect;
  readonly csv?: CsvOptions;
  /** Parquet's page codec. */
  readonly codec?: ParquetCodec;
  /** CSV: `--csv-safe`. */
  readonly csvSafe?: boolean;
  /** Log dirtied cells for `--truth` and send them back with each chunk. */
  readonly truth?: boolean;
  /** `DGEN_KEY` / `DGEN_MASK_KEY` as the main thread read them, when a column needs them. */
  readonly keys?: KeySource;
  /** The partitioned table and its expression (`runtime/partition.ts`). */
  readonly partition?: PartitionSpec;
}

export interface ChunkRequest {
  readonly id: number;
  readonly table: string;
  readonly from: number;
  readonly to: number;
  readonly startsFile: boolean;
}

export type ChunkReply =
  | {
      readonly id: number;
      readonly bytes: Uint8Array;
      readonly truth?: Uint8Array;
      readonly meta?: unknown;
      readonly parts?: readonly PartitionPiece[];
    }
  | { readonly id: number; readonly diagnostic: Diagnostic };

export function isWorkerInit(data: unknown): data is WorkerInit {
  return typeof data === "object" && data !== null && (data as { dgenWorker?: unknown }).dgenWorker === true;
}
