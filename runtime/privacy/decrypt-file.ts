/**
 * Decrypts one data file of a dgen output folder into a new file, streaming: read → decompress →
 * split into records → rewrite the encrypted cells → compress exactly as the run did → a temporary
 * file (`FileOutput`), which the caller commits when every file is done. A file without encrypted
 * columns is copied byte for byte.
 *
 * The file is held to its manifest: it must be a file inside the folder (not a link out of it, DG5084),
 * every encrypted cell must be the one its row was encrypted with (DG5080: the row index is `firstRow`
 * plus the row's place in the file), and at the end its row count, size and SHA-256 must be the ones
 * the manifest lists (DG5081, DG5082).
 *
 *   const out: FileOutput[] = [];
 *   const r = await decryptFile({ source, target, file: "persons.csv", table: "persons", format: "csv",
 *                                 compression: "none", columns }, keys, out);
 *   await out[0].commit();   // r = { rows: 2000, cells: 2000, bytes: 183_112, sha256: "…" }
 *   // (the job also gives root: "out/people", firstRow: 0, expected: { rows: 2000, bytes, sha256 })
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, sep } from "node:path";
import type { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip } from "node:zlib";
import { zstdDecompressStream } from "../writers/zstd.js";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { describeFsError, fileError, FileOutput } from "../writers/file-output.js";
import type { Compression, SupportedFormat } from "../writers/sinks.js";
import { createRewriter, FORMAT_NAMES, type FileColumn } from "./decrypt-records.js";
import type { EncryptionKeys } from "./keys.js";
import { RecordSplitter, RecordTooLong } from "./record-splitter.js";

export interface DecryptJob {
  /** The encrypted file. */
  readonly source: string;
  /** The final path of the clean file. */
  readonly target: string;
  /** The file as shown in messages (its path in the manifest). */
  readonly file: string;
  readonly table: string;
  readonly format: SupportedFormat;
  readonly compression: Compression;
  readonly columns: readonly FileColumn[];
  /** The folder being decrypted: `source` must resolve inside it. */
  readonly root: string;
  /** The table's row index (0-based) of the file's first data row: 0, or where a shard starts. */
  readonly firstRow: number;
  /** What the manifest lists for the file (each check only when listed). */
  readonly expected: { readonly rows?: number; readonly bytes?: number; readonly sha256?: string };
}

export interface DecryptedFile {
  /** Data rows (0 for a file copied as it is). */
  readonly rows: number;
  /** Cells decrypted. */
  readonly cells: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** `keys` may be absent only when no column of the job is encrypted. Pushes its output onto `opened`. */
export async function decryptFile(
  job: DecryptJob,
  keys: EncryptionKeys | undefined,
  opened: FileOutput[],
): Promise<DecryptedFile> {
  await checkSource(job);
  try {
    await mkdir(dirname(job.target), { recursive: true });
  } catch (e) {
    throw fileError(e, dirname(job.target));
  }
  const encrypted = job.columns.some((c) => c.encrypted);
  if (!encrypted || keys === undefined) {
    const output = await FileOutput.open(job.target, "none");
    opened.push(output);
    const read = await readThrough(job, undefined, async (chunk) => output.write(chunk));
    checkRead(job, read);
    return { rows: 0, cells: 0, ...(await output.finish()) };
  }
  const output = await FileOutput.open(job.target, job.compression);
  opened.push(output);
  const rewriter = createRewriter(job.format, {
    file: job.file,
    table: job.table,
    columns: job.columns,
    keys,
    firstRow: job.firstRow,
  });
  const out = new ByteBuffer(1 << 16);
  const splitter = new RecordSplitter(job.format === "csv", (buf, start, end) => rewriter.record(buf, start, end, out));
  const decompress =
    job.compression === "gzip"
      ? createGunzip()
      : job.compression === "brotli"
        ? createBrotliDecompress()
        : job.compression === "zstd"
          ? zstdDecompressStream()
          : undefined;
  const read = await readThrough(job, decompress, async (chunk) => {
    try {
      splitter.push(chunk);
    } catch (e) {
      if (e instanceof RecordTooLong) throw rewriter.malformed(`after row ${rewriter.rows}`, e.message);
      throw e;
    }
    await output.write(out.take());
  });
  const pending = splitter.pending;
  if (pending !== "none")
    throw rewriter.malformed(
      "the end of the file",
      pending === "quote" ? "a quoted field is not closed" : "the last row has no line break (is the file cut short?)",
    );
  if (job.format !== "jsonl" && rewriter.lines === 0)
    throw rewriter.malformed(
      "the start of the file",
      `it is empty; dgen's ${FORMAT_NAMES[job.format]} files never are`,
    );
  const listed = job.expected.rows;
  if (listed !== undefined && rewriter.rows !== listed)
    throw new RunError(runtimeDiag(messages.decryptRowCount, [job.file, rewriter.rows, job.table, listed]));
  checkRead(job, read);
  return { rows: rewriter.rows, cells: rewriter.cells, ...(await output.finish()) };
}

/** DG5082 when the bytes read are not the size or SHA-256 the manifest lists. */
function checkRead(job: DecryptJob, read: { bytes: number; sha256: string }): void {
  const { bytes, sha256 } = job.expected;
  if (bytes !== undefined && read.bytes !== bytes)
    throw new RunError(
      runtimeDiag(messages.decryptFileChanged, [
        job.file,
        `it has ${read.bytes} bytes, and the manifest lists ${bytes}`,
      ]),
    );
  if (sha256 !== undefined && read.sha256 !== sha256)
    throw new RunError(
      runtimeDiag(messages.decryptFileChanged, [job.file, "its SHA-256 is not the one the manifest lists"]),
    );
}

async function checkSource(job: DecryptJob): Promise<void> {
  try {
    const s = await stat(job.source);
    if (!s.isFile()) throw new RunError(runtimeDiag(messages.fileUnreadable, [job.file, "it is not a file"]));
    const inside = relative(await realpath(job.root), await realpath(job.source));
    if (inside === "" || inside.split(sep)[0] === ".." || isAbsolute(inside))
      throw new RunError(runtimeDiag(messages.decryptOutsideFolder, [job.file, job.root]));
  } catch (e) {
    if (e instanceof RunError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new RunError(
        runtimeDiag(messages.fileNotFound, [job.file], "the manifest lists it; was it moved, renamed or deleted?"),
      );
    throw new RunError(runtimeDiag(messages.fileUnreadable, [job.file, code ? describeFsError(code, e) : String(e)]));
  }
}

/**
 * Streams the source's bytes (decompressed when `decompress` is given) into `each`, mapping errors to
 * diagnostics; gives the size and SHA-256 of the bytes read from the file.
 */
async function readThrough(
  job: DecryptJob,
  decompress: Transform | undefined,
  each: (chunk: Buffer) => Promise<void>,
): Promise<{ bytes: number; sha256: string }> {
  let corrupt: unknown;
  decompress?.once("error", (e) => (corrupt ??= e));
  const hash = createHash("sha256");
  let bytes = 0;
  const hashed = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  };
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) await each(chunk);
  };
  try {
    if (decompress) await pipeline(createReadStream(job.source), hashed, decompress, sink);
    else await pipeline(createReadStream(job.source), hashed, sink);
    return { bytes, sha256: hash.digest("hex") };
  } catch (e) {
    if (e instanceof RunError) throw e;
    if (corrupt !== undefined && e === corrupt) {
      const what = job.compression;
      throw new RunError(
        runtimeDiag(messages.badDataFile, [
          job.file,
          `${what}-compressed ${FORMAT_NAMES[job.format]}`,
          "its compressed data",
          `it is not valid ${what} data (${(e as Error).message})`,
        ]),
      );
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code))
      throw new RunError(runtimeDiag(messages.fileUnreadable, [job.file, describeFsError(code, e)]));
    throw fileError(e, job.file);
  }
}
