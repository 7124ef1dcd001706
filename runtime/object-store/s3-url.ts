/**
 * `s3://bucket/prefix`: the bucket and the key prefix of an output, checked before anything runs.
 * A bucket follows S3's naming rules (3–63 characters: lower-case letters, digits, `.` and `-`,
 * starting and ending with a letter or digit); the prefix is `/`-separated names without empty,
 * `.` or `..` segments (a trailing `/` is dropped). A URL with a user part (`s3://key:secret@bucket`)
 * is refused and never repeated with its secret.
 *
 *   parseS3Url("s3://lake/ecommerce/")      // { url: { bucket: "lake", prefix: "ecommerce" } }
 *   objectKey({ bucket: "lake", prefix: "ecommerce" }, "orders.csv")   // "ecommerce/orders.csv"
 *   objectUrl({ bucket: "lake", prefix: "" }, "_manifest.json")        // "s3://lake/_manifest.json"
 */
export interface S3Location {
  readonly bucket: string;
  /** Without leading or trailing `/`; "" for the bucket's root. */
  readonly prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isS3Url(path: string): boolean {
  return /^s3:\/\//i.test(path);
}

/** The URL with any user part hidden, for messages. */
export function safeS3Url(url: string): string {
  return url.replace(/^(s3:\/\/)[^/]*@/i, "$1***@");
}

export function parseS3Url(url: string): { url: S3Location } | { problem: string } {
  const rest = url.replace(/^s3:\/\//i, "");
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash + 1).replace(/\/+$/, "");
  if (bucket.includes("@"))
    return {
      problem:
        "credentials do not go in the URL; dgen reads them from the AWS environment (AWS_ACCESS_KEY_ID, AWS_PROFILE…)",
    };
  if (bucket === "") return { problem: "it names no bucket (expected s3://bucket/prefix)" };
  if (!BUCKET.test(bucket) || bucket.includes(".."))
    return {
      problem: `'${bucket}' is not a valid bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit)`,
    };
  if (path !== "") {
    const segments = path.split("/");
    if (segments.some((s) => s === "" || s === "." || s === ".."))
      return { problem: "the prefix has an empty, '.' or '..' segment" };
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(path)) return { problem: "the prefix holds a control character" };
  }
  return { url: { bucket, prefix: path } };
}

/** The object key of a file of the run (a path relative to the output folder, with `/`). */
export function objectKey(at: S3Location, path: string): string {
  return at.prefix === "" ? path : `${at.prefix}/${path}`;
}

export function objectUrl(at: S3Location, path?: string): string {
  const key = path === undefined ? at.prefix : objectKey(at, path);
  return key === "" ? `s3://${at.bucket}` : `s3://${at.bucket}/${key}`;
}
