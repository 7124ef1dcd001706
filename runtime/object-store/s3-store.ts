/**
 * The one module that talks to the AWS SDK (`@aws-sdk/client-s3`, `@aws-sdk/lib-storage`), loaded
 * only for an `s3://` output, through `RunEnv.importModule` (a bundle run by `node` loads them from
 * its own folder's `node_modules`, `dgen generate` from dgen's installation).
 *
 *   const store = await openS3Store(importModule, settings, env);
 *   await store.probe("lake");                                        // HEAD bucket
 *   await store.put("lake", "x/orders.csv", "/tmp/…/orders.csv", signal, { bytes: (n) => …, part: () => … });
 */
import { readFile, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Upload } from "@aws-sdk/lib-storage";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import type { S3Settings } from "./s3-settings.js";

type ClientModule = typeof import("@aws-sdk/client-s3");
type StorageModule = typeof import("@aws-sdk/lib-storage");

/** What an upload reports as it goes: bytes stored (a part, or a whole small file); a part of an unfinished multipart upload stored. */
export interface PutEvents {
  bytes(n: number): void;
  part(): void;
}

export interface S3Store {
  /** Throws the SDK's error when the bucket cannot be reached, is missing or is refused. */
  probe(bucket: string, signal?: AbortSignal): Promise<void>;
  /**
   * Uploads one file under `key`: one PUT below the part size, else a multipart upload with four
   * parts in flight. The object exists under `key` only once the upload completes; `signal` stops
   * it, and a stopped or failed multipart upload is aborted on the server before this returns.
   */
  put(bucket: string, key: string, file: string, signal: AbortSignal, events?: PutEvents): Promise<void>;
  /** Deletes `key`; a missing key is no error (S3 semantics). */
  remove(bucket: string, key: string, signal?: AbortSignal): Promise<void>;
  /** Whether any object's key starts with `prefix` (one ListObjectsV2 page; s3rver fails on MaxKeys). */
  anyUnder(bucket: string, prefix: string, signal?: AbortSignal): Promise<boolean>;
  close(): void;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  jsonl: "application/x-ndjson",
  geojson: "application/geo+json",
  sql: "application/sql",
  parquet: "application/vnd.apache.parquet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  avro: "application/avro",
  text: "text/plain",
  gz: "application/gzip",
  br: "application/x-brotli",
  zst: "application/zstd",
};

function contentType(key: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase() ?? "";
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

async function load<T>(importModule: (name: string) => Promise<unknown>, name: string): Promise<T> {
  try {
    const mod = (await importModule(name)) as T & { default?: T };
    return (mod as { S3Client?: unknown; Upload?: unknown }).S3Client !== undefined ||
      (mod as { Upload?: unknown }).Upload !== undefined
      ? mod
      : (mod.default ?? mod);
  } catch {
    throw new RunError(runtimeDiag(messages.objectStoreSdkMissing, [name]));
  }
}

export async function openS3Store(
  importModule: (name: string) => Promise<unknown>,
  settings: S3Settings,
): Promise<S3Store> {
  // The SDK warns on stderr about Node versions it will drop; dgen supports Node 20.19+ itself.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const sdk = await load<ClientModule>(importModule, "@aws-sdk/client-s3");
  const storage = await load<StorageModule>(importModule, "@aws-sdk/lib-storage");
  const region = settings.region ?? (await profileRegion(sdk)) ?? "us-east-1";
  const client: S3Client = new sdk.S3Client({
    region,
    forcePathStyle: settings.pathStyle,
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : { followRegionRedirects: true }),
  });
  return {
    async probe(bucket, signal) {
      await client.send(
        new sdk.HeadBucketCommand({ Bucket: bucket }),
        signal !== undefined ? { abortSignal: signal } : {},
      );
    },
    async put(bucket, key, file, signal, events) {
      const size = (await stat(file)).size;
      const base = { Bucket: bucket, Key: key, ContentType: contentType(key) };
      if (size < settings.partSize) {
        const body = size === 0 ? new Uint8Array(0) : await readFile(file, { signal });
        await client.send(new sdk.PutObjectCommand({ ...base, Body: body, ContentLength: size }), {
          abortSignal: signal,
        });
        events?.bytes(size);
        return;
      }
      await multipart(client, sdk, storage, base, file, size, settings.partSize, signal, events);
    },
    async remove(bucket, key, signal) {
      await client.send(
        new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }),
        signal !== undefined ? { abortSignal: signal } : {},
      );
    },
    async anyUnder(bucket, prefix, signal) {
      const listed = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
        signal !== undefined ? { abortSignal: signal } : {},
      );
      return (listed.KeyCount ?? listed.Contents?.length ?? 0) > 0;
    },
    close() {
      client.destroy();
    },
  };
}

async function multipart(
  client: S3Client,
  sdk: ClientModule,
  storage: StorageModule,
  base: { Bucket: string; Key: string; ContentType: string },
  file: string,
  size: number,
  partSize: number,
  signal: AbortSignal,
  events: PutEvents | undefined,
): Promise<void> {
  // S3 takes at most 10 000 parts: a very large file gets larger parts.
  const part = Math.max(partSize, Math.ceil(size / 10_000));
  const body = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const upload: Upload = new storage.Upload({
    client,
    params: { ...base, Body: body, ContentLength: size },
    partSize: part,
    queueSize: 4,
    leavePartsOnError: false,
  });
  let sent = 0;
  upload.on("httpUploadProgress", (p) => {
    if (p.loaded === undefined) return;
    events?.bytes(p.loaded - sent);
    sent = p.loaded;
    if (p.loaded < size) events?.part();
  });
  const stop = () => void upload.abort();
  signal.addEventListener("abort", stop, { once: true });
  try {
    if (signal.aborted) throw Object.assign(new Error("Upload aborted."), { name: "AbortError" });
    await upload.done();
  } catch (e) {
    body.destroy();
    // `done()` gives up at once on an abort, while its parts may still be in flight: abort the
    // multipart upload here, so that no part is left on the server by this run.
    const uploadId = (upload as unknown as { uploadId?: string }).uploadId;
    if (uploadId !== undefined)
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket: base.Bucket, Key: base.Key, UploadId: uploadId }))
        .catch(() => undefined);
    throw e;
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

/** The region of the profile (AWS_PROFILE, ~/.aws/config), if any. */
async function profileRegion(sdk: ClientModule): Promise<string | undefined> {
  const probe = new sdk.S3Client({});
  try {
    const r = probe.config.region;
    return typeof r === "function" ? await (r as () => Promise<string>)() : (r as string | undefined);
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}
