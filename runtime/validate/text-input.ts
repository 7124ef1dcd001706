/**
 * Reads a data file as UTF-8 text in chunks, decompressing gzip, brotli or zstd on the way as the
 * runtime's writers compress it. Nothing is held beyond one chunk; a decoding problem (bad UTF-8,
 * corrupt gzip) is a `DataSyntaxError`, an I/O problem the file-system error, and a compressed file
 * that inflates past `MAX_RATIO` (a bomb) a `DataLimitError`.
 *
 *   await forEachChunk("out/orders.csv.gz", "gzip", (text) => parser.push(text));
 */
import { createReadStream } from "node:fs";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip } from "node:zlib";
import type { Compression } from "../writers/sinks.js";
import { zstdDecompressStream } from "../writers/zstd.js";
import { MAX_RATIO, RATIO_FLOOR_BYTES, RATIO_LIMIT } from "./limits.js";

/** A problem in a file's content: where (1-based line, and column when known) and what. */
export class DataSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly column?: number,
  ) {
    super(reason);
  }
}

/** A limit of the reader passed (limits.ts): the rest of the file is not read (DG5085). */
export class DataLimitError extends DataSyntaxError {
  constructor(
    line: number,
    readonly found: readonly [what: string, limit: string],
    column?: number,
  ) {
    super(line, found[0], column);
  }
}

/** An I/O failure while reading (ENOENT, EACCES, EISDIR …), kept apart from content problems. */
export class DataReadError extends Error {
  constructor(readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

export async function forEachChunk(
  path: string,
  compression: Compression,
  onChunk: (text: string) => void,
): Promise<void> {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  let fileError: unknown;
  let inflateError: unknown;
  file.on("error", (e) => (fileError ??= e));
  let read = 0;
  let inflated = 0;
  if (compression !== "none") file.on("data", (chunk) => (read += chunk.length));
  let source: Readable = file;
  if (compression !== "none") {
    const inflate =
      compression === "gzip" ? createGunzip() : compression === "brotli" ? createBrotliDecompress() : zstdDecompressStream();
    inflate.on("error", (e) => (inflateError ??= e));
    source = pipeline(file, inflate, () => {});
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of source) {
      if (compression !== "none") {
        inflated += (chunk as Buffer).length;
        if (inflated > RATIO_FLOOR_BYTES && inflated > MAX_RATIO * read) throw new DataLimitError(0, RATIO_LIMIT);
      }
      onChunk(decode(decoder, chunk as Buffer, true));
    }
    onChunk(decode(decoder, undefined, false));
  } catch (e) {
    if (e instanceof DataSyntaxError) throw e;
    // the file's own error first: a failed read also ends the decompressor with that error
    if (fileError !== undefined) throw new DataReadError(fileError);
    if (inflateError !== undefined)
      throw new DataSyntaxError(0, `it is not valid ${compression} data (${(inflateError as Error).message})`);
    throw e;
  } finally {
    file.destroy();
  }
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw new DataSyntaxError(0, "it is not UTF-8 text");
  }
}
