/**
 * zstd for the text formats (`--compression zstd`, `.zst`) and Parquet's pages, and the one module that
 * imports zstd libraries: `@hpcc-js/wasm-zstd` compresses (its WebAssembly is inlined in its JavaScript,
 * so a bundle stays one file that plain node runs; docs/benchmarks.md has the measurement behind the
 * choice), and `fzstd` (pure JavaScript) decompresses as a stream for `dgen validate` and `dgen decrypt`,
 * which the WebAssembly build cannot do without knowing each frame's size. A file is a
 * sequence of zstd frames, one per ~4 MB of output, each compressed on its own at level 1:
 * concatenated frames are one valid zstd file (RFC 8878 §3.1), and the frame boundaries follow the
 * writes, which follow the run's chunks, so the bytes are the same for any worker count.
 *
 *   const frames = await zstdFrames(); frames.write(bytes) /* frames so far *\/; frames.end()
 */
import { Zstd } from "@hpcc-js/wasm-zstd";
import { Decompress } from "fzstd";
import { Transform } from "node:stream";

/** Level 1: on CSV it both compresses better and runs faster than levels 2–3 (docs/benchmarks.md). */
export const ZSTD_LEVEL = 1;
/** Bytes gathered into one frame before it is compressed. */
const FRAME_BYTES = 4 << 20;

let loading: Promise<Zstd> | undefined;
let loaded: Zstd | undefined;

/** Loads the WebAssembly once (Parquet's zstd pages compress synchronously after this, `zstdCompress`). */
export async function zstdReady(): Promise<void> {
  loaded = await (loading ??= Zstd.load());
}

/** One zstd frame of `bytes` at ZSTD_LEVEL; `zstdReady()` must have run in this thread. */
export function zstdCompress(bytes: Uint8Array): Uint8Array {
  if (loaded === undefined) throw new Error("zstd is used before zstdReady()");
  return loaded.compress(bytes, ZSTD_LEVEL);
}

/** A frame writer for one file (a frame gathers its input, so several files can be open at once). */
export interface ZstdFrames {
  /** Takes `bytes`; returns the frames that are complete. */
  write(bytes: Uint8Array): Uint8Array[];
  /** The last frame (empty input gives one empty frame, so an empty file is valid zstd too). */
  end(): Uint8Array;
}

export async function zstdFrames(): Promise<ZstdFrames> {
  const z = await (loading ??= Zstd.load());
  let parts: Uint8Array[] = [];
  let size = 0;
  const frame = (): Uint8Array => {
    const input = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return z.compress(input, ZSTD_LEVEL);
  };
  return {
    write(bytes) {
      if (bytes.length === 0) return [];
      parts.push(bytes);
      size += bytes.length;
      return size >= FRAME_BYTES ? [frame()] : [];
    },
    end() {
      return frame();
    },
  };
}

/** Decompresses a whole `.zst` file (every frame) — for `dgen validate` and tests of small files. */
export async function zstdDecompress(bytes: Uint8Array): Promise<Uint8Array> {
  const z = await (loading ??= Zstd.load());
  return z.decompress(bytes);
}

/** A stream that decompresses zstd (any frames, any writer) as it arrives; corrupt or cut data is an error. */
export function zstdDecompressStream(): Transform {
  let inflater: Decompress | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        inflater ??= new Decompress((data) => this.push(data));
        inflater.push(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        (inflater ??= new Decompress((data) => this.push(data))).push(new Uint8Array(0), true);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}
