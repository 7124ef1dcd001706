/**
 * The pure parts of `--out s3://` (runtime/object-store/): which files commit a run and go up last,
 * in which order, and which s3:// URLs are usable. The uploads themselves: test/e2e/s3.test.ts.
 */
import { describe, expect, it } from "vitest";
import { uploadOrder } from "../../runtime/object-store/upload-order.js";
import { objectKey, objectUrl, parseS3Url, safeS3Url } from "../../runtime/object-store/s3-url.js";
import { hideSecrets, s3Settings } from "../../runtime/object-store/s3-settings.js";
import { s3Diagnostic } from "../../runtime/object-store/s3-errors.js";

describe("uploadOrder", () => {
  it("puts data first, then Delta logs in version order, then the manifest last", () => {
    const files = [
      "_manifest.json",
      "orders/_delta_log/00000000000000000010.json",
      "orders/part-00000.parquet",
      "orders/_delta_log/00000000000000000002.json",
      "orders/_delta_log/_last_checkpoint",
      "orders/_delta_log/00000000000000000010.checkpoint.parquet",
      "customers/part-00000.parquet",
    ];
    expect(uploadOrder(files, "_manifest.json")).toEqual({
      data: [
        "customers/part-00000.parquet",
        "orders/_delta_log/00000000000000000010.checkpoint.parquet",
        "orders/part-00000.parquet",
      ],
      commit: [
        "orders/_delta_log/00000000000000000002.json",
        "orders/_delta_log/00000000000000000010.json",
        "orders/_delta_log/_last_checkpoint",
        "_manifest.json",
      ],
    });
  });

  it("puts Iceberg metadata after its manifests, numbered versions in number order, the version hint after them", () => {
    const files = [
      "t/metadata/version-hint.text",
      "t/metadata/v10.metadata.json",
      "t/metadata/v2.metadata.json",
      "t/metadata/snap-1-1-abc.avro",
      "t/data/00000-0-abc.parquet",
      "_manifest.part-00001.json",
    ];
    const order = uploadOrder(files, "_manifest.part-00001.json");
    expect(order.data).toEqual(["t/data/00000-0-abc.parquet", "t/metadata/snap-1-1-abc.avro"]);
    expect(order.commit).toEqual([
      "t/metadata/v2.metadata.json",
      "t/metadata/v10.metadata.json",
      "t/metadata/version-hint.text",
      "_manifest.part-00001.json",
    ]);
  });

  it("treats a JSON data table named like a log as data unless it is in _delta_log", () => {
    expect(uploadOrder(["00000000000000000000.json", "_manifest.json"], "_manifest.json").data).toEqual([
      "00000000000000000000.json",
    ]);
  });
});

describe("s3:// URLs", () => {
  it("splits bucket and prefix, dropping a trailing slash", () => {
    expect(parseS3Url("s3://lake/ecommerce/")).toEqual({ url: { bucket: "lake", prefix: "ecommerce" } });
    expect(parseS3Url("s3://lake")).toEqual({ url: { bucket: "lake", prefix: "" } });
    const at = { bucket: "lake", prefix: "a/b" };
    expect(objectKey(at, "t/x.csv")).toBe("a/b/t/x.csv");
    expect(objectUrl(at, "_manifest.json")).toBe("s3://lake/a/b/_manifest.json");
    expect(objectUrl({ bucket: "lake", prefix: "" })).toBe("s3://lake");
  });

  it("refuses bad buckets, odd segments and credentials, which it never repeats", () => {
    for (const url of [
      "s3://",
      "s3://ab",
      "s3://Lake",
      "s3://la..ke/x",
      "s3://-lake",
      "s3://lake/a//b",
      "s3://lake/../x",
      "s3://lake/a\nb",
    ])
      expect(parseS3Url(url), url).toHaveProperty("problem");
    expect(parseS3Url("s3://AKIA:secret@lake/x")).toHaveProperty("problem");
    expect(safeS3Url("s3://AKIA:secret@lake/x")).toBe("s3://***@lake/x");
  });
});

describe("s3Settings", () => {
  it("addresses a custom endpoint path-style, AWS virtual-host style, unless DGEN_S3_PATH_STYLE says otherwise", () => {
    expect(get({ AWS_ENDPOINT_URL: "http://127.0.0.1:9000" }).pathStyle).toBe(true);
    expect(get({ AWS_ENDPOINT_URL_S3: "http://minio:9000", AWS_ENDPOINT_URL: "http://other" }).endpoint).toBe(
      "http://minio:9000",
    );
    expect(get({}).pathStyle).toBe(false);
    expect(get({ AWS_ENDPOINT_URL: "http://x:1", DGEN_S3_PATH_STYLE: "false" }).pathStyle).toBe(false);
    expect(get({ AWS_ENDPOINT_URL: "http://x:1", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }).endpoint).toBe(
      undefined,
    );
    expect(get({ DGEN_S3_PART_SIZE: "16MiB" }).partSize).toBe(16 * 1024 * 1024);
    expect(s3Settings({ DGEN_S3_PART_SIZE: "1MiB" })).toHaveProperty("problem.code", "DG5247");
    expect(s3Settings({ AWS_ENDPOINT_URL: "ftp://x" })).toHaveProperty("problem.code", "DG5247");
    expect(s3Settings({ AWS_ENDPOINT_URL: "http://u:p@x" })).toHaveProperty("problem.code", "DG5247");
  });

  it("hides the secret, the token and the key id", () => {
    const s = get({
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "s3cr3tvalue",
      AWS_SESSION_TOKEN: "tok3nvalue",
    });
    expect(hideSecrets("key AKIAEXAMPLE secret s3cr3tvalue token tok3nvalue", s)).toBe("key *** secret *** token ***");
  });
});

function get(env: Record<string, string>) {
  const r = s3Settings(env);
  if (!("settings" in r)) throw new Error(r.problem.message);
  return r.settings;
}

describe("s3Diagnostic", () => {
  const settings = get({
    AWS_ENDPOINT_URL: "http://127.0.0.1:9000",
    AWS_SECRET_ACCESS_KEY: "s3cr3tvalue",
    AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
  });
  const where = "'s3://lake/x/orders.csv'";
  const code = (e: unknown, probe = false) => s3Diagnostic(e, "lake", where, settings, probe);

  it("names the cause with its code, the object, and no secret", () => {
    expect(
      code(
        Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
      ).code,
    ).toBe("DG5243");
    expect(
      code({ name: "NoSuchBucket", message: "The specified bucket does not exist", $metadata: { httpStatusCode: 404 } })
        .code,
    ).toBe("DG5241");
    expect(code({ name: "NotFound", message: "UnknownError", $metadata: { httpStatusCode: 404 } }, true).code).toBe(
      "DG5241",
    );
    const denied = code({
      name: "InvalidAccessKeyId",
      message: "Key AKIAEXAMPLE with s3cr3tvalue is unknown.",
      $metadata: { httpStatusCode: 403 },
    });
    expect(denied.code).toBe("DG5242");
    expect(denied.message).toContain(where);
    expect(denied.message).not.toMatch(/AKIAEXAMPLE|s3cr3tvalue/);
    expect(
      code({ name: "Unknown", message: "UnknownError", $metadata: { httpStatusCode: 403 } }, true).message,
    ).toContain("HTTP 403 Forbidden");
    const down = code(Object.assign(new Error("connect failed"), { cause: { code: "ECONNREFUSED" } }));
    expect(down.code).toBe("DG5240");
    expect(down.message).toContain("at http://127.0.0.1:9000: the connection was refused");
    const other = code({
      name: "SlowDown",
      message: "Please reduce your request rate.",
      $metadata: { httpStatusCode: 503 },
    });
    expect(other.code).toBe("DG5244");
    expect(other.message).toBe(`Uploading ${where} failed: SlowDown: Please reduce your request rate.`);
  });
});
