/**
 * Making an output folder and its parents, one level at a time. Node's `mkdir(p, { recursive: true })`
 * loops forever where the parent exists but refuses new entries without saying EACCES (`/proc/nope`:
 * mkdir gives ENOENT under an existing `/proc`), burning a core and never returning to the event loop's
 * signal handlers. Here every level is made once, and a refusal is DG5009 naming the folder.
 *
 *   await makeFolder("out/shop/orders")   // makes out, out/shop, out/shop/orders as needed
 *   makeFolderSync("/proc/nope")          // throws RunError DG5009 "Cannot write to '/proc/nope': …"
 */
import { mkdirSync, statSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import { fileError } from "./file-output.js";

export async function makeFolder(path: string): Promise<void> {
  for (const dir of await missingLevels(path)) {
    try {
      await mkdir(dir);
    } catch (e) {
      if (!(await existsAsFolder(dir))) throw levelError(e, path);
    }
  }
}

export function makeFolderSync(path: string): void {
  for (const dir of missingLevelsSync(path)) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if (!existsAsFolderSync(dir)) throw levelError(e, path);
    }
  }
}

/** The folders from the first missing ancestor of `path` down to `path`; throws when a level is a file. */
async function missingLevels(path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      if ((await stat(p)).isDirectory()) return missing.reverse();
      throw notAFolder(path, p);
    } catch (e) {
      if (e instanceof RunError) throw e;
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(p) === p) throw levelError(e, path);
      missing.push(p);
    }
  }
}

function missingLevelsSync(path: string): string[] {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      if (statSync(p).isDirectory()) return missing.reverse();
      throw notAFolder(path, p);
    } catch (e) {
      if (e instanceof RunError) throw e;
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(p) === p) throw levelError(e, path);
      missing.push(p);
    }
  }
}

async function existsAsFolder(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function existsAsFolderSync(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function notAFolder(path: string, level: string): RunError {
  const what = resolve(path) === level ? "it is a file, not a folder" : `'${level}' is a file, not a folder`;
  return new RunError(runtimeDiag(messages.outputNotWritable, [path, what]));
}

/** mkdir's ENOENT under an existing parent means the file system takes no new folder there. */
function levelError(e: unknown, path: string): unknown {
  if ((e as NodeJS.ErrnoException).code === "ENOENT")
    return new RunError(runtimeDiag(messages.outputNotWritable, [path, "the file system there takes no new folder"]));
  return fileError(e, path);
}
