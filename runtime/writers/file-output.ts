/**
 * A streaming output file written under a temporary name in the final folder
 * (`<final>.tmp-dgen-<pid>-<host>-<random>`, see temp-names.ts), optionally compressed, hashed (SHA-256 of the bytes on disk) and
 * counted while writing. `finish()` closes it, `commit()` renames it to the final name, `abort()`
 * removes it: a crash or an error never leaves a truncated file under a final name.
 *
 *   const f = await FileOutput.open("out/orders.csv.gz", "gzip");
 *   await f.write(bytes); const { bytes, sha256 } = await f.finish(); await f.commit();
 */
import { createHash } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { renameSync, rmSync } from "node:fs";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createBrotliCompress, createGzip } from "node:zlib";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import type { Compression } from "./sinks.js";
import { tempFileName } from "./temp-names.js";
import { type ZstdFrames, zstdFrames } from "./zstd.js";

/** A stream of zstd frames (runtime/writers/zstd.ts). */
function zstdTransform(frames: ZstdFrames): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        for (const f of frames.write(chunk)) this.push(f);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, frames.end());
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Fixed levels, so the same rows give the same compressed bytes. */
const GZIP_LEVEL = 6;
const BROTLI_QUALITY = 5;
/** Gzip header byte 9 (OS) is platform-dependent in zlib; always write 3 (Unix). */
const GZIP_OS_OFFSET = 9;

export const COMPRESSION_EXTENSIONS: Readonly<Record<Compression, string>> = {
  none: "",
  gzip: ".gz",
  brotli: ".br",
  zstd: ".zst",
};

export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
}

export class FileOutput {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private failure: unknown;
  private closed = false;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
    private readonly head: Writable,
    private readonly done: Promise<void>,
  ) {
    done.catch((e: unknown) => (this.failure ??= e));
  }

  static async open(finalPath: string, compression: Compression): Promise<FileOutput> {
    const tempPath = tempFileName(finalPath);
    let handle;
    try {
      handle = await open(tempPath, "wx");
    } catch (e) {
      throw fileError(e, finalPath);
    }
    const file = handle.createWriteStream();
    let out!: FileOutput;
    const patchGzip = compression === "gzip";
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        if (patchGzip && out.bytes <= GZIP_OS_OFFSET && out.bytes + chunk.length > GZIP_OS_OFFSET) {
          chunk[GZIP_OS_OFFSET - out.bytes] = 3;
        }
        out.hash.update(chunk);
        out.bytes += chunk.length;
        cb(null, chunk);
      },
    });
    const compressor =
      compression === "gzip"
        ? createGzip({ level: GZIP_LEVEL })
        : compression === "brotli"
          ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
          : compression === "zstd"
            ? zstdTransform(await zstdFrames())
            : undefined;
    const done = compressor ? pipeline(compressor, hasher, file) : pipeline(hasher, file);
    out = new FileOutput(finalPath, tempPath, compressor ?? hasher, done);
    return out;
  }

  /** Writes bytes, waiting while the disk is behind (backpressure). */
  async write(chunk: Uint8Array): Promise<void> {
    this.check();
    if (chunk.length === 0) return;
    if (!this.head.write(chunk)) await this.drained();
    this.check();
  }

  /** Resolves on `drain`, or on `close` when the pipeline failed (no race with a long-lived promise: that leaks). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const head = this.head;
      const done = () => {
        head.off("drain", done);
        head.off("close", done);
        resolve();
      };
      head.on("drain", done);
      head.on("close", done);
    });
  }

  /** Flushes and closes the temporary file; returns the size and hash of the bytes on disk. */
  async finish(): Promise<WrittenFile> {
    this.check();
    this.head.end();
    try {
      await this.done;
    } catch (e) {
      throw fileError(e, this.finalPath);
    }
    this.closed = true;
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Gives the finished file its final name (replacing an older file of that name). */
  async commit(): Promise<void> {
    try {
      await rename(this.tempPath, this.finalPath);
    } catch (e) {
      throw fileError(e, this.finalPath);
    }
  }

  /** Flushes the finished temporary file to the disk (fsync), so that its rename never outruns its bytes. */
  async sync(): Promise<void> {
    try {
      const handle = await open(this.tempPath, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw fileError(e, this.finalPath);
    }
  }

  /** `commit()` for the commit protocol (runtime/commit.ts), which no signal handler may interleave. */
  commitSync(): void {
    try {
      renameSync(this.tempPath, this.finalPath);
    } catch (e) {
      throw fileError(e, this.finalPath);
    }
  }

  /** Stops writing and removes the temporary file. Never throws. */
  async abort(): Promise<void> {
    if (!this.closed) this.head.destroy();
    await this.done.catch(() => undefined);
    await rm(this.tempPath, { force: true }).catch(() => undefined);
  }

  /** For signal handlers and exit hooks: removes the temporary file synchronously. */
  abortSync(): void {
    if (!this.closed) this.head.destroy();
    try {
      rmSync(this.tempPath, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw fileError(this.failure, this.finalPath);
  }
}

/** Maps a file-system error to DG5010 (disk full) or DG5009 (anything else the system refused); other errors rethrown. */
export function fileError(e: unknown, path: string): unknown {
  if (e instanceof RunError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return new RunError(runtimeDiag(messages.diskFull, [path]));
  if (typeof code === "string" && /^E[A-Z0-9]+$/.test(code))
    return new RunError(runtimeDiag(messages.outputNotWritable, [path, describeFsError(code, e)]));
  return e;
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ENOENT: "the folder does not exist",
  EEXIST: "a file of that name is in the way",
  ENOTEMPTY: "a folder of that name is in the way",
  ENAMETOOLONG: "the name is too long for the file system",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
  EBUSY: "it is busy",
  EIO: "the device reported an input/output error",
  ELOOP: "its path has a loop of links",
  EXDEV: "it is on another device",
  EFBIG: "the file is too large for the file system",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ETXTBSY: "it is busy",
  EINVAL: "the file system does not accept that name",
};

/** A file-system error code in words: `describeFsError("EISDIR", e)` → `"it is a folder"`; never the raw message. */
export function describeFsError(code: string, _e?: unknown): string {
  return FS_ERRORS[code] ?? `the system refused it (${code})`;
}
