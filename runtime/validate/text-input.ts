/**
 * Reads a data file as UTF-8 text in chunks, gunzipping or brotli-decompressing it on the way as the
 * runtime's writers compress it. Nothing is held beyond one chunk; a decoding problem (bad UTF-8,
 * corrupt gzip) is a `DataSyntaxError`, an I/O problem the file-system error.
 *
 *   await forEachChunk("out/orders.csv.gz", "gzip", (text) => parser.push(text));
 */
import { createReadStream } from "node:fs";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip } from "node:zlib";
import type { Compression } from "../writers/sinks.js";

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
  let source: Readable = file;
  if (compression !== "none") {
    const inflate = compression === "gzip" ? createGunzip() : createBrotliDecompress();
    inflate.on("error", (e) => (inflateError ??= e));
    source = pipeline(file, inflate, () => {});
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of source) onChunk(decode(decoder, chunk as Buffer, true));
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
