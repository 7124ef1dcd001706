/**
 * The commit protocol of a run (docs/guarantees.md, "The commit protocol"). Every file of the run —
 * data files, the truth file, and the manifest — is complete under its temporary name before this
 * starts. Then, with no await in between, so that no signal handler can run inside it:
 *
 *   0. check that no final name is held by a folder (nothing has been touched yet);
 *   1. remove the old manifest: from here until step 3 the folder has no manifest, which by contract
 *      means "incomplete" — no manifest ever vouches for a mix of old and new files;
 *   2. rename the data files and the truth file to their final names, one by one (a lake run then
 *      commits each table: its log entry appears, created exclusively);
 *   3. rename the new manifest to its final name, last.
 *
 * The folder is fsync'ed after steps 1 and 3, so the removal is on disk before any new file appears
 * under a final name, and the manifest after all of them. A failure after step 1 leaves the folder
 * without a manifest (DG5061 says so); the caller removes the temporary files left.
 *
 *   const state = { invalidated: false };
 *   commitRun({ folder: "out", files, manifest }, state, commitSeam(process.env));
 */
import { closeSync, fsyncSync, openSync, statSync, unlinkSync } from "node:fs";
import { messages } from "../diagnostics/messages.js";
import { RunError, runtimeDiag } from "./generate-options.js";
import { fileError, type FileOutput } from "./writers/file-output.js";

export interface CommitJob {
  readonly folder: string;
  /** Finished data files and the truth file, under their temporary names. */
  readonly files: readonly FileOutput[];
  /** The finished manifest, under its temporary name. */
  readonly manifest: FileOutput;
  /**
   * Delta Lake and Iceberg runs: commits each table (its log entry, created exclusively) after the
   * data files' renames and before the manifest's (runtime/writers/lake/lake-table.ts).
   */
  readonly lake?: () => void;
}

/** Called before each numbered step; only tests set it (see commitSeam). */
export type CommitSeam = (step: number) => void;

export function commitRun(job: CommitJob, state: { invalidated: boolean }, seam?: CommitSeam): void {
  for (const f of [...job.files, job.manifest])
    if (isFolder(f.finalPath))
      throw new RunError(runtimeDiag(messages.outputNotWritable, [f.finalPath, "it is a folder"]));
  const at = (step: number, path: string) => {
    try {
      seam?.(step);
    } catch (e) {
      throw fileError(e, path);
    }
  };
  at(1, job.manifest.finalPath);
  try {
    unlinkSync(job.manifest.finalPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw fileError(e, job.manifest.finalPath);
  }
  state.invalidated = true;
  syncFolder(job.folder);
  job.files.forEach((f, i) => {
    at(2 + i, f.finalPath);
    f.commitSync();
  });
  job.lake?.();
  at(2 + job.files.length, job.manifest.finalPath);
  job.manifest.commitSync();
  syncFolder(job.folder);
}

/**
 * TEST SEAM, for test/behaviour/commit-protocol.test.ts only: `DGEN_TEST_COMMIT_STEP=K:ACTION` makes
 * the run, just before step K (0 = writing the manifest's temporary file, 1 = removing the old
 * manifest, 2… = the renames, the last = the manifest's rename), either kill itself (`kill`, as
 * `kill -9` or a power cut would), send itself a real signal (`SIGINT`, `SIGTERM`), or fail as the
 * file system would (`ENOSPC`, `EIO`, any errno code). Unset in every real run.
 */
export function commitSeam(env: NodeJS.ProcessEnv): CommitSeam | undefined {
  const m = /^(\d+):([A-Za-z0-9]+)$/.exec(env["DGEN_TEST_COMMIT_STEP"] ?? "");
  if (m === null) return undefined;
  const at = Number(m[1]);
  const action = m[2]!;
  return (step) => {
    if (step !== at) return;
    if (action === "kill") process.kill(process.pid, "SIGKILL");
    else if (action.startsWith("SIG")) process.kill(process.pid, action);
    else throw Object.assign(new Error(`${action}: injected by DGEN_TEST_COMMIT_STEP`), { code: action });
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** fsync a folder, so that the renames in it are on disk; best effort (not every system can). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // a file system without folder fsync: the order of renames is then the file system's
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
