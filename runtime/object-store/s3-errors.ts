/**
 * An AWS SDK error as one diagnostic, in words, naming the bucket or the object — never a stack, a
 * request id, or a secret: missing credentials (DG5243), a missing bucket (DG5241), access denied or
 * bad credentials (DG5242), no connection (DG5240), anything else (DG5244).
 *
 *   s3Diagnostic(e, "s3://lake/x/orders.csv", settings)
 *   // error[DG5242]: The object store refused access to 's3://lake/x/orders.csv': InvalidAccessKeyId …
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../generate-options.js";
import { endpointText, hideSecrets, type S3Settings } from "./s3-settings.js";

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const DENIED = new Set([
  "AccessDenied",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "InvalidToken",
  "TokenRefreshRequired",
  "AllAccessDisabled",
  "AccountProblem",
]);

/** A HEAD request's error has no body: its status is all there is to say. */
const STATUS_TEXT: Record<number, string> = {
  400: " Bad Request",
  403: " Forbidden",
  404: " Not Found",
  500: " Internal Server Error",
  503: " Service Unavailable",
};

const NETWORK: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host name was not found",
  EAI_AGAIN: "the host name could not be resolved",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EPIPE: "the connection was closed",
  TimeoutError: "the request timed out",
};

/** `where`: the object or bucket in quotes; `probe`: the error answers the bucket check (HEAD). */
export function s3Diagnostic(
  e: unknown,
  bucket: string,
  where: string,
  settings: S3Settings,
  probe = false,
): Diagnostic {
  const err = (typeof e === "object" && e !== null ? e : { message: String(e) }) as SdkError;
  const name = err.name ?? "";
  const status = err.$metadata?.httpStatusCode;
  const text = (s: string) => hideSecrets(s, settings);
  const said = (err.message ?? "").replace(/\s+/g, " ").trim().replace(/\.$/, "");
  const vague = name === "" || name === "Unknown" || name === "UnknownError";
  const reason = text(
    vague
      ? status !== undefined
        ? `HTTP ${status}${STATUS_TEXT[status] ?? ""}`
        : said
      : said !== "" && said !== "UnknownError" && said !== name
        ? `${name}: ${said}`
        : name,
  );
  if (name === "CredentialsProviderError" || /could not load credentials/i.test(said))
    return runtimeDiag(messages.noCredentials, [bucket]);
  if (name === "NoSuchBucket" || (probe && status === 404))
    return runtimeDiag(messages.noSuchBucket, [bucket, endpointText(settings)]);
  if (DENIED.has(name) || status === 403) return runtimeDiag(messages.objectStoreDenied, [where, reason]);
  const net = networkReason(err);
  if (net !== undefined)
    return runtimeDiag(messages.objectStoreUnreachable, [`${where} at ${endpointText(settings)}`, net]);
  return runtimeDiag(messages.uploadFailed, [where, reason === "" ? "an unknown error" : reason]);
}

function networkReason(err: SdkError): string | undefined {
  for (let at: SdkError | undefined = err, depth = 0; at !== undefined && depth < 4; depth++) {
    for (const k of [at.code, at.name]) if (k !== undefined && NETWORK[k] !== undefined) return NETWORK[k];
    at = typeof at.cause === "object" && at.cause !== null ? (at.cause as SdkError) : undefined;
  }
  const errors = (err as { errors?: SdkError[] }).errors;
  if (Array.isArray(errors))
    for (const inner of errors) if (inner.code && NETWORK[inner.code]) return NETWORK[inner.code];
  return undefined;
}
