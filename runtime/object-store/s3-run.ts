/**
 * `--out s3://bucket/prefix` (docs/guarantees.md, "Object storage"). The run is written into a local
 * staging folder with the local commit protocol, then goes up in this order:
 *
 *   0. before any row: the settings are read and the bucket is checked (HEAD), so a missing bucket,
 *      refused credentials or no connection stop the run with nothing written anywhere;
 *   1. the old manifest under the prefix is deleted: from here until step 4 the prefix has no
 *      manifest, which by contract means "incomplete" (as in a local folder);
 *   2. every data file, four at a time (multipart from the part size up); an object appears under its
 *      final key only when its upload completes;
 *   3. the commit files of lake tables, one by one (runtime/object-store/upload-order.ts);
 *   4. the manifest, last.
 *
 * On an error or a signal (Ctrl-C, SIGTERM) the uploads in flight are stopped and their multipart
 * uploads aborted, nothing more is uploaded, and the run ends with the error or DG7005 — plus DG5245
 * once step 1 is done. The staging folder is removed in every case (a `kill -9`'s by the next run).
 *
 *   await runToObjectStore(program, { rows: {}, out: "s3://lake/shop" }, env, "s3://lake/shop", "--out", run)
 */
import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Program } from "../contract.js";
import { type GenerateOptions, RunError, type RunEnv, type RunResult, runtimeDiag } from "../generate-options.js";
import { urlScheme } from "../output-paths.js";
import { manifestName } from "../run-manifest.js";
import { s3Diagnostic } from "./s3-errors.js";
import { s3Settings, type S3Settings } from "./s3-settings.js";
import { openS3Store, type S3Store } from "./s3-store.js";
import { objectKey, objectUrl, parseS3Url, type S3Location, safeS3Url } from "./s3-url.js";
import { makeStaging, removeStaging, stagedFiles } from "./staging.js";
import { uploadOrder } from "./upload-order.js";
import { fileError } from "../writers/file-output.js";
import { UploadProgress } from "./upload-progress.js";

type LocalRun = (program: Program, options: GenerateOptions, env: RunEnv) => Promise<RunResult>;

/** Data files uploaded at once (each with up to four parts in flight). */
const PARALLEL_FILES = 4;

export async function runToObjectStore(
  program: Program,
  options: GenerateOptions,
  env: RunEnv,
  url: string,
  from: string,
  localRun: LocalRun,
): Promise<RunResult> {
  const parsed = parseS3Url(url);
  if ("problem" in parsed) return failed([runtimeDiag(messages.badS3Url, [safeS3Url(url), from, parsed.problem])]);
  const at = parsed.url;
  const truthScheme = options.truth === undefined ? undefined : urlScheme(options.truth);
  if (truthScheme !== undefined)
    return failed([runtimeDiag(messages.urlOutputPath, [options.truth!, truthScheme, "--truth"])]);
  const envVars = env.env ?? process.env;
  const read = s3Settings(envVars);
  if ("problem" in read) return failed([read.problem]);
  const settings = read.settings;
  const seam = s3Seam(envVars);
  const guard = new UploadGuard();
  let store: S3Store | undefined;
  const state = { invalidated: false };
  const stderr = env.stderr ?? process.stderr;
  const show = options.progress !== false && (env.isTTY ?? (stderr as { isTTY?: boolean }).isTTY === true);
  let progress = new UploadProgress(undefined, 0);
  try {
    store = await openS3Store(env.importModule ?? ((n) => import(n)), settings);
    await step(() => store!.probe(at.bucket, guard.signal), at.bucket, `'${objectUrl(at)}'`, settings, true);
    try {
      guard.staging = makeStaging();
    } catch (e) {
      throw fileError(e, tmpdir());
    }
    await refuseExistingLakeTables(store, program, options, at, guard.signal, settings);
    // Iceberg's metadata names its files by URI: the prefix's, not the staging folder's.
    const local = await localRun(program, { ...options, out: guard.staging, lakeLocation: objectUrl(at) }, env);
    if (!local.ok)
      // A fresh staging folder has no old manifest: DG5061 about it would only confuse.
      return failed(local.diagnostics.filter((d) => d.code !== messages.outputIncomplete.code));
    guard.check();
    const manifest = manifestName(options.shard);
    const order = uploadOrder(stagedFiles(guard.staging), manifest);
    const where = (path: string) => `'${objectUrl(at, path)}'`;
    const bytes = [...order.data, ...order.commit].reduce((n, p) => n + statSync(join(guard.staging!, p)).size, 0);
    progress = new UploadProgress(show ? stderr : undefined, bytes);
    await step(
      () => store!.remove(at.bucket, objectKey(at, manifest), guard.signal),
      at.bucket,
      where(manifest),
      settings,
    );
    state.invalidated = true;
    await eachLimited(order.data, PARALLEL_FILES, guard, (path) =>
      step(
        () =>
          store!.put(at.bucket, objectKey(at, path), join(guard.staging!, path), guard.signal, {
            bytes: (n) => progress.advance(n),
            part: () => seam("part"),
          }),
        at.bucket,
        where(path),
        settings,
      ),
    );
    seam("commit");
    for (const path of order.commit) {
      guard.check();
      await step(
        () =>
          store!.put(at.bucket, objectKey(at, path), join(guard.staging!, path), guard.signal, {
            bytes: (n) => progress.advance(n),
            part: () => {},
          }),
        at.bucket,
        where(path),
        settings,
      );
    }
    return {
      ok: true,
      diagnostics: local.diagnostics,
      tables: local.tables,
      manifestPath: objectUrl(at, manifest),
      ...(local.truthPath !== undefined ? { truthPath: local.truthPath } : {}),
    };
  } catch (e) {
    const d: Diagnostic = guard.interrupted
      ? runtimeDiag(messages.interrupted, [])
      : e instanceof RunError
        ? e.diagnostic
        : runtimeDiag(messages.internal, [e instanceof Error ? e.message : String(e)]);
    return failed([d, ...(state.invalidated ? [runtimeDiag(messages.prefixIncomplete, [`'${objectUrl(at)}'`])] : [])]);
  } finally {
    progress.end();
    if (guard.staging !== undefined) removeStaging(guard.staging);
    guard.dispose();
    store?.close();
  }
}

/** Runs one request; its failure becomes a RunError with the diagnostic that names the object. */
/**
 * A lake table is written into an empty place only: the staging folder starts empty, so a run would
 * write version 0 again over a table already at the prefix. `--mode error` (the default) refuses such a
 * table, as it does locally (DG5220's promise), and `--mode append` is local only for now (DG5225).
 */
async function refuseExistingLakeTables(
  store: S3Store,
  program: Program,
  options: GenerateOptions,
  at: S3Location,
  signal: AbortSignal,
  settings: S3Settings,
): Promise<void> {
  const format = options.format ?? program.output.format;
  if (format !== "delta" && format !== "iceberg") return;
  const log = format === "delta" ? "_delta_log/" : "metadata/";
  for (const t of program.tables) {
    if (options.tables !== undefined && !options.tables.includes(t.name)) continue;
    const key = objectKey(at, `${t.name}/${log}`);
    let found = false;
    await step(
      async () => void (found = await store.anyUnder(at.bucket, key, signal)),
      at.bucket,
      `'${objectUrl(at, `${t.name}/${log}`)}'`,
      settings,
    );
    if (found)
      throw new RunError(
        runtimeDiag(messages.lakeTableOnObjectStore, [objectUrl(at, t.name), format, options.mode ?? "error"]),
      );
  }
}

async function step(
  request: () => Promise<void>,
  bucket: string,
  where: string,
  settings: S3Settings,
  probe = false,
): Promise<void> {
  try {
    await request();
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw new RunError(s3Diagnostic(e, bucket, where, settings, probe));
  }
}

/** `fn` over `items`, at most `limit` at once; the first failure stops the others (through the guard) and is thrown once all have ended. */
async function eachLimited(
  items: readonly string[],
  limit: number,
  guard: UploadGuard,
  fn: (item: string) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { e: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && !guard.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        failure ??= { e };
        guard.stop();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.e;
  guard.check();
}

/**
 * SIGINT/SIGTERM and exit while an `s3://` run goes: a signal stops the uploads in flight (their
 * multipart uploads are aborted) and the run ends with DG7005; an exit removes the staging folder.
 * While the local run writes, its own guard (run.ts) removes its temporary files too.
 */
class UploadGuard {
  interrupted = false;
  staging: string | undefined;
  private readonly controller = new AbortController();
  private readonly onSignal = () => {
    this.interrupted = true;
    this.controller.abort();
  };
  private readonly onExit = () => {
    if (this.staging !== undefined) removeStaging(this.staging);
  };

  constructor() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
    process.on("exit", this.onExit);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops what is in flight after a failure. */
  stop(): void {
    this.controller.abort();
  }

  check(): void {
    if (this.interrupted) throw new RunError(runtimeDiag(messages.interrupted, []));
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
    process.off("exit", this.onExit);
  }
}

/**
 * TEST SEAM, for test/e2e/s3.test.ts only: `DGEN_TEST_S3_STEP=STEP:ACTION` makes the run, at `part`
 * (the first part of a multipart upload is stored, the upload not finished) or `commit` (every data
 * file is up, no commit file yet), kill itself (`kill`, as `kill -9` would) or send itself a real
 * signal (`SIGINT`, `SIGTERM`). Unset in every real run.
 */
function s3Seam(env: NodeJS.ProcessEnv): (step: string) => void {
  const m = /^(part|commit):(kill|SIGINT|SIGTERM)$/.exec(env["DGEN_TEST_S3_STEP"] ?? "");
  if (m === null) return () => {};
  let fired = false;
  return (step) => {
    if (fired || step !== m[1]) return;
    fired = true;
    process.kill(process.pid, m[2] === "kill" ? "SIGKILL" : m[2]!);
  };
}

function failed(diagnostics: Diagnostic[]): RunResult {
  return { ok: false, diagnostics, tables: [] };
}
