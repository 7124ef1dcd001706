/**
 * The page compression codecs of Parquet files, and the one place that imports a codec library
 * (`snappyjs`, pure JavaScript, so it bundles into the program's `.mjs`); zstd comes from ../zstd.ts.
 *
 *   pageCodec("snappy").id   // 1 (SNAPPY in the Parquet format)
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { compress as snappy } from "snappyjs";
import { zstdCompress } from "../zstd.js";

export const PARQUET_CODECS = ["snappy", "zstd", "gzip", "brotli", "none"] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

export interface PageCodec {
  /** The CompressionCodec number written in the column metadata. */
  readonly id: number;
  compress(body: Uint8Array): Uint8Array;
}

export function pageCodec(name: ParquetCodec): PageCodec {
  switch (name) {
    case "none":
      return { id: 0, compress: (b) => b };
    case "snappy":
      return { id: 1, compress: (b) => snappy(b) };
    case "gzip":
      return { id: 2, compress: (b) => gzipSync(b, { level: 6 }) };
    case "zstd":
      // The WebAssembly is loaded before the run (and in each worker) by `zstdReady()`.
      return { id: 6, compress: (b) => zstdCompress(b) };
    case "brotli":
      return {
        id: 4,
        compress: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
      };
  }
}
