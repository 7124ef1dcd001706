/**
 * `--out s3://bucket/prefix` against a local S3-compatible server (s3rver, test/helpers/s3-server.ts),
 * driven through `dgen generate` and a built bundle run by `node`, read back through the AWS SDK:
 * the objects equal a local run's files byte for byte; a file over the part size goes up in parts;
 * the old manifest is deleted first and the new one uploaded last; a killed upload leaves no object
 * under the key of its unfinished file and no manifest; Ctrl-C aborts the multipart upload; a missing
 * bucket, a wrong key and no server are one clear error each, with no secret in them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, repoRoot, stackLines, tempDir } from "../helpers/cli.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";

const SCHEMA = `dataset lakeshop {
  seed: 7
}

table users {
  rows: 50
  id    int    @pk = sequence(1)
  name  string = pattern("[a-z]{8}")
}

table events {
  rows: 70_000
  id      int    @pk = sequence(1)
  user_id int    @ref(users.id) = pick(users).id
  kind    string = weighted({"view": 0.7, "cart": 0.2, "buy": 0.1})
  note    string = pattern("[a-z]{80}")
}

output { path: "s3://nobucket/from-schema" }
`;
const MIB = 1024 * 1024;
/** The smallest part S3 takes: events.csv (about 6.5 MiB) goes up in two parts. */
const PART = { DGEN_S3_PART_SIZE: "5MiB" };

let s3: S3Server;
const dir = tempDir("s3-e2e");
let local: string;
let env: Record<string, string>;
/** TMPDIR of the runs that stop: where their staging folders go. */
let tmp: string;

/** The objects under `prefix/` as paths relative to it. */
async function objects(prefix: string): Promise<string[]> {
  return (await s3.list("lake", `${prefix}/`)).map((o) => o.key.slice(prefix.length + 1));
}

async function sameAsLocal(prefix: string): Promise<void> {
  const files = listFiles(local);
  expect(await objects(prefix)).toEqual(files);
  for (const f of files)
    expect((await s3.get("lake", `${prefix}/${f}`)).equals(readFileSync(join(local, f)))).toBe(true);
}

function stagingLeft(tmp: string): string[] {
  return readdirSync(tmp).filter((n) => n.startsWith("dgen-s3-"));
}

beforeAll(async () => {
  s3 = await startS3Server(["lake"]);
  env = { ...s3.env, ...PART };
  writeFileSync(join(dir, "s.dgen"), SCHEMA);
  local = join(dir, "local");
  tmp = join(dir, "tmp");
  mkdirSync(tmp);
  const r = await dgen(["generate", "s.dgen", "--out", local, "--quiet"], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(readFileSync(join(local, "events.csv")).length).toBeGreaterThan(5 * MIB);
});

afterAll(async () => {
  await s3?.close();
});

describe("--out s3://", () => {
  it("uploads objects equal to a local run's files, the large one in parts, the manifest deleted first and uploaded last", async () => {
    const from = s3.requests.length;
    const r = await dgen(["generate", "s.dgen", "--out", "s3://lake/shop", "--quiet"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("users: 50 rows\nevents: 70000 rows\n");
    await sameAsLocal("shop");
    const writes = s3.requests.slice(from).filter((q) => !q.startsWith("HEAD ") && !q.startsWith("GET "));
    const path = (q: string) => q.split(" ")[1]!.split("?")[0];
    const call = (q: string) => `${q.split(" ")[0]} ${path(q)}`;
    expect(call(writes[0]!)).toBe("DELETE /lake/shop/_manifest.json");
    expect(call(writes[writes.length - 1]!)).toBe("PUT /lake/shop/_manifest.json");
    const events = writes.filter((q) => path(q) === "/lake/shop/events.csv");
    expect(events.filter((q) => /[?&]partNumber=\d+/.test(q)).length).toBe(2);
    expect(events.some((q) => q.startsWith("POST ") && /[?&]uploads\b/.test(q))).toBe(true);
    expect(events.some((q) => q.startsWith("POST ") && /[?&]uploadId=/.test(q))).toBe(true);
    expect(writes.filter((q) => path(q) === "/lake/shop/users.csv").map(call)).toEqual(["PUT /lake/shop/users.csv"]);
    expect(s3.pendingUploads("lake")).toBe(0);
    // a local run into a folder of its own never appears: no folder named 's3:'
    expect(existsSync(join(dir, "s3:"))).toBe(false);
  });

  it("a bundle run by node uploads the same objects (the SDK loaded from the bundle's node_modules)", async () => {
    const b = join(dir, "bundle");
    mkdirSync(b);
    symlinkSync(join(repoRoot, "node_modules"), join(b, "node_modules"), "dir");
    const built = await dgen(["build", "s.dgen", "-o", join(b, "s.mjs")], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const r = await node(join(b, "s.mjs"), ["--out", "s3://lake/bundle", "--quiet"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    await sameAsLocal("bundle");
  });

  it("a killed upload leaves no manifest and the old object whole under the unfinished file's key", async () => {
    // over the complete run of the first test, with another seed: every new file differs from it
    const killed = await dgen(["generate", "s.dgen", "--out", "s3://lake/shop", "--seed", "8", "--quiet"], {
      cwd: dir,
      env: { ...env, TMPDIR: tmp, DGEN_TEST_S3_STEP: "part:kill" },
    });
    expect(killed.code).toBe(null); // killed by SIGKILL
    expect(await objects("shop")).toEqual(listFiles(local).filter((f) => f !== "_manifest.json"));
    expect((await s3.get("lake", "shop/events.csv")).equals(readFileSync(join(local, "events.csv")))).toBe(true);
    expect(stagingLeft(tmp).length).toBe(1); // removed by the next run (below)
  });

  it("Ctrl-C mid-upload aborts the multipart upload: DG7005 and DG5245, no object under its key, no staging folder", async () => {
    const from = s3.requests.length;
    const r = await dgen(["generate", "s.dgen", "--out", "s3://lake/stopped", "--quiet"], {
      cwd: dir,
      env: { ...env, TMPDIR: tmp, DGEN_TEST_S3_STEP: "part:SIGINT" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG7005]");
    expect(r.stderr).toContain("warning[DG5245]: The prefix 's3://lake/stopped' is incomplete");
    const left = await objects("stopped");
    expect(left).not.toContain("events.csv");
    expect(left).not.toContain("_manifest.json");
    // AbortMultipartUpload was sent (s3rver answers it with 405 and keeps the parts: its limit, not ours)
    const served = s3.requests.slice(from);
    expect(served.some((q) => /^DELETE \/lake\/stopped\/events\.csv\?uploadId=/.test(q))).toBe(true);
    expect(served.some((q) => /^POST \/lake\/stopped\/events\.csv\?uploadId=/.test(q))).toBe(false);
    // its own staging folder and the killed run's (a dead process's) are gone
    expect(stagingLeft(tmp)).toEqual([]);
  });

  it("a missing bucket, a wrong key and no server are one clear error each, nothing uploaded, no secret said", async () => {
    const run = (args: string[], extra: Record<string, string>) =>
      dgen(["generate", "s.dgen", ...args, "--quiet"], { cwd: dir, env: { ...env, TMPDIR: tmp, ...extra } });
    const secret = "wJalrXUtnFEMI-not-a-real-secret";
    const before = s3.requests.length;
    // independent runs, at once
    const [missing, denied, down, fromSchema, bad] = await Promise.all([
      run(["--out", "s3://nobucket/x"], {}),
      run(["--out", "s3://lake/denied"], { AWS_ACCESS_KEY_ID: "AKIAWRONGKEY0001", AWS_SECRET_ACCESS_KEY: secret }),
      run(["--out", "s3://lake/down"], { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_MAX_ATTEMPTS: "1" }),
      // the schema's output path (every other run here names --out) goes the same way
      run([], {}),
      run(["--out", "s3://Bad_Bucket/x"], {}),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error[DG5241]: The bucket 'nobucket' does not exist at ${s3.endpoint}`);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("error[DG5242]: The object store refused access to 's3://lake/denied'");
    expect(denied.stderr).not.toContain(secret);
    expect(denied.stderr).not.toContain("AKIAWRONGKEY0001");
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      "error[DG5240]: Cannot reach the object store for 's3://lake/down' at http://127.0.0.1:9",
    );
    expect(fromSchema.code).toBe(1);
    expect(fromSchema.stderr).toContain("error[DG5241]: The bucket 'nobucket' does not exist");
    expect(existsSync(join(dir, "s3:"))).toBe(false);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error[DG8130]");
    for (const r of [missing, denied, down]) expect(stackLines(r.stderr)).toEqual([]);
    for (const r of [missing, down]) expect(r.stderr).toContain("nothing was uploaded");
    // only bucket checks reached the server: no object was written or deleted
    expect(s3.requests.slice(before).every((q) => q.startsWith("HEAD "))).toBe(true);
    expect(await objects("denied")).toEqual([]);
    expect(stagingLeft(tmp)).toEqual([]);
  });

  it("a lake table goes up with its metadata naming the prefix, and is never written over (DG5225)", async () => {
    const args = ["generate", "s.dgen", "--out", "s3://lake/iceberg", "--format", "iceberg", "--tables", "users", "--quiet"];
    const first = await dgen(args, { cwd: dir, env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const keys = await objects("iceberg");
    const meta = keys.find((k) => /^users\/metadata\/v1\.metadata\.json$/.test(k))!;
    expect(meta).toBeDefined();
    const doc = JSON.parse((await s3.get("lake", `iceberg/${meta}`)).toString("utf8")) as { location: string };
    expect(doc.location).toBe("s3://lake/iceberg/users");
    const again = await dgen(args, { cwd: dir, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("error[DG5225]: 's3://lake/iceberg/users' already holds a iceberg table");
    expect(await objects("iceberg")).toEqual(keys);
  });
});
