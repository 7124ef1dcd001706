/**
 * What dgen itself reads from the environment for `--out s3://…` (the AWS SDK reads the rest:
 * credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, `AWS_PROFILE` and
 * the shared files, SSO, web identity, container and instance roles; the region from `AWS_REGION`
 * or the profile). The rule for addressing: an endpoint from `AWS_ENDPOINT_URL_S3` or
 * `AWS_ENDPOINT_URL` (MinIO, Ceph, R2, a local test server) is addressed path-style
 * (`http://host:9000/bucket/key`), AWS itself virtual-host style (`bucket.s3.amazonaws.com`);
 * `DGEN_S3_PATH_STYLE=true|false` overrides either.
 *
 *   s3Settings({ AWS_ENDPOINT_URL: "http://127.0.0.1:9000" })
 *   // { settings: { endpoint: "http://127.0.0.1:9000", pathStyle: true, partSize: 8388608, … } }
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../generate-options.js";

export const MIB = 1024 * 1024;
/** S3's smallest part (but the last) of a multipart upload, and lib-storage's. */
export const MIN_PART_SIZE = 5 * MIB;
const MAX_PART_SIZE = 5 * 1024 * MIB;
/** Parts of 8 MiB: a file of 8 MiB or more goes up in parts. */
export const DEFAULT_PART_SIZE = 8 * MIB;

export interface S3Settings {
  /** A custom endpoint (origin and path), or undefined for AWS's own. */
  readonly endpoint: string | undefined;
  readonly pathStyle: boolean;
  /** Files of this size or more go up as multipart uploads in parts of this size. */
  readonly partSize: number;
  /** The region, when the environment names one (else the profile's, else us-east-1). */
  readonly region: string | undefined;
  /** Texts that never reach a message: the secret key, the session token, the access key id. */
  readonly secrets: readonly string[];
}

export function s3Settings(env: NodeJS.ProcessEnv): { settings: S3Settings } | { problem: Diagnostic } {
  const bad = (name: string, rule: string) => ({
    problem: runtimeDiag(messages.badObjectStoreSetting, [name, env[name] ?? "", rule]),
  });
  const ignore = /^true$/i.test(env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? "");
  const endpointName = ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"].find((n) => (env[n] ?? "") !== "");
  const endpoint = ignore || endpointName === undefined ? undefined : env[endpointName]!;
  if (endpoint !== undefined) {
    let u: URL;
    try {
      u = new URL(endpoint);
    } catch {
      return bad(endpointName!, "expected an http:// or https:// URL");
    }
    if (u.protocol !== "http:" && u.protocol !== "https:")
      return bad(endpointName!, "expected an http:// or https:// URL");
    if (u.username !== "" || u.password !== "") return bad(endpointName!, "credentials do not go in the endpoint URL");
  }
  const styleText = env["DGEN_S3_PATH_STYLE"];
  let pathStyle = endpoint !== undefined;
  if (styleText !== undefined && styleText !== "") {
    if (/^(true|1)$/i.test(styleText)) pathStyle = true;
    else if (/^(false|0)$/i.test(styleText)) pathStyle = false;
    else return bad("DGEN_S3_PATH_STYLE", "expected true or false");
  }
  let partSize = DEFAULT_PART_SIZE;
  const partText = env["DGEN_S3_PART_SIZE"];
  if (partText !== undefined && partText !== "") {
    const m = /^(\d+)\s*(MiB)?$/i.exec(partText.trim());
    const n = m === null ? NaN : Number(m[1]) * (m[2] !== undefined ? MIB : 1);
    if (!Number.isSafeInteger(n) || n < MIN_PART_SIZE || n > MAX_PART_SIZE)
      return bad("DGEN_S3_PART_SIZE", "expected a size from 5MiB to 5120MiB, in bytes or as NMiB");
    partSize = n;
  }
  const region = [env["AWS_REGION"], env["AWS_DEFAULT_REGION"]].find((r) => r !== undefined && r !== "");
  const secrets = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"]
    .map((n) => env[n] ?? "")
    .filter((s) => s.length >= 4);
  return { settings: { endpoint, pathStyle, partSize, region, secrets } };
}

/** The endpoint for messages: its origin (never a user part), or "AWS S3". */
export function endpointText(settings: S3Settings): string {
  if (settings.endpoint === undefined) return settings.region !== undefined ? `AWS S3 (${settings.region})` : "AWS S3";
  const u = new URL(settings.endpoint);
  return u.origin;
}

/** `text` with every secret of the environment replaced by `***`. */
export function hideSecrets(text: string, settings: Pick<S3Settings, "secrets">): string {
  let out = text;
  for (const s of settings.secrets) out = out.split(s).join("***");
  return out;
}
