/**
 * A local S3-compatible server for the tests: s3rver (npm, a fake S3 on the local disk), started
 * in this process on a free port of 127.0.0.1, in a temporary folder, with its buckets made. It
 * checks the access key id (a wrong one is InvalidAccessKeyId), speaks multipart uploads, and keeps
 * unfinished multipart uploads in `<root>/<bucket>/._S3rver_uploads/<id>/`, which `pendingUploads`
 * counts. Every request it serves is logged (`requests`), so a test can check their order.
 *
 *   const s3 = await startS3Server(["lake"]);
 *   await dgen(["generate", "s.dgen", "--out", "s3://lake/x"], { env: s3.env });
 *   await s3.list("lake", "x/")      // [{ key: "x/_manifest.json", size: 1234 }, …]
 *   await s3.close();
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
// s3rver ships no types.
// @ts-expect-error no declaration file
import S3rver from "s3rver";

export interface S3Server {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  /** The environment a dgen process needs to reach the server (no AWS machinery beyond it). */
  readonly env: Record<string, string>;
  /** Every request served, as `METHOD /bucket/key?query`, in arrival order. */
  readonly requests: string[];
  list(bucket: string, prefix: string): Promise<{ key: string; size: number }[]>;
  get(bucket: string, key: string): Promise<Buffer>;
  /** Multipart uploads begun and neither completed nor aborted. */
  pendingUploads(bucket: string): number;
  close(): Promise<void>;
}

/** s3rver's only key pair. */
export const S3_KEY = "S3RVER";

export async function startS3Server(buckets: readonly string[]): Promise<S3Server> {
  const root = mkdtempSync(join(tmpdir(), "dgen-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: root,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const requests: string[] = [];
  (server as { httpServer: { on(e: "request", f: (r: IncomingMessage) => void): void } }).httpServer.on(
    "request",
    (r) => requests.push(`${r.method} ${r.url}`),
  );
  const env = {
    AWS_ACCESS_KEY_ID: S3_KEY,
    AWS_SECRET_ACCESS_KEY: S3_KEY,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3: "",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: join(root, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(root, "no-credentials"),
  };
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY },
  });
  return {
    endpoint,
    env,
    requests,
    async list(bucket, prefix) {
      const out: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async get(bucket, key) {
      const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await r.Body!.transformToByteArray());
    },
    pendingUploads(bucket) {
      try {
        return readdirSync(join(root, bucket, "._S3rver_uploads")).length;
      } catch {
        return 0;
      }
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
