/**
 * Names of dgen's temporary files and folders, and the removal of those that a killed run
 * (`kill -9`, a power cut) left behind. A name carries a marker, the owner's host tag and pid:
 *
 *   tempFileName("out/orders.csv")   // "out/orders.csv.tmp-dgen-4711-3fa2-9c01d7"
 *   tempDirPrefix()                  // "dgen-bundle-3fa2-4711-" (mkdtemp adds 6 characters)
 *
 * A leftover is removed only when it is ours (the marker), made on this host (the tag: a folder shared
 * between machines holds other hosts' pids) and its owner is dead (`process.kill(pid, 0)` says ESRCH).
 * A pid that is alive — even reused by another program — keeps its files: the sweep errs on keeping.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";

/** 4 hex digits of the host name's hash. */
export const HOST_TAG: string = createHash("sha256").update(hostname()).digest("hex").slice(0, 4);

const FILE = /\.tmp-dgen-(\d{1,10})-([0-9a-f]{4})-[0-9a-f]{6}$/;
const BUNDLE_DIR = /^dgen-bundle-([0-9a-f]{4})-(\d{1,10})-[A-Za-z0-9]{6}$/;

export function tempFileName(finalPath: string): string {
  return `${finalPath}.tmp-dgen-${process.pid}-${HOST_TAG}-${randomBytes(3).toString("hex")}`;
}

export function tempDirPrefix(): string {
  return `dgen-bundle-${HOST_TAG}-${process.pid}-`;
}

/** Whether a process of this pid is gone. EPERM means it lives under another user. */
export function isDead(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function staleOwner(match: RegExpExecArray | null, hostAt: number, pidAt: number): boolean {
  if (match === null || match[hostAt] !== HOST_TAG) return false;
  const pid = Number(match[pidAt]);
  return pid !== process.pid && isDead(pid);
}

/**
 * Removes the temporary files of dead dgen processes in `folder` (not below it); `only`, when given,
 * limits the sweep to leftovers of that final name. Never throws: a sweep is housekeeping.
 */
export function sweepStaleFiles(folder: string, only?: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (only !== undefined && !name.startsWith(`${basename(only)}.tmp-dgen-`)) continue;
    if (!staleOwner(FILE.exec(name), 2, 1)) continue;
    try {
      rmSync(join(folder, name), { force: true });
    } catch {
      // another sweep got there first, or it is not ours to remove after all
    }
  }
}

/** Removes the bundle folders of dead dgen processes in `tmp` (the OS temp folder). */
export function sweepStaleBundles(tmp: string): void {
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    if (!staleOwner(BUNDLE_DIR.exec(name), 1, 2)) continue;
    try {
      rmSync(join(tmp, name), { recursive: true, force: true });
    } catch {
      // as above
    }
  }
}
