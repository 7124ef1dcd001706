/**
 * The local folder an `s3://` run is written into before it goes up: `$TMPDIR/dgen-s3-<host tag>-<pid>-XXXXXX`,
 * removed when the run ends (also on an error, a signal or an exit). A `kill -9` leaves it behind;
 * the next `s3://` run on this host removes those of dead processes (as runtime/writers/temp-names.ts
 * does for bundle folders).
 *
 *   const dir = makeStaging();   // "/tmp/dgen-s3-3fa2-4711-Zx81Qa"
 *   removeStaging(dir);
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOST_TAG, isDead } from "../writers/temp-names.js";

const STAGING = /^dgen-s3-([0-9a-f]{4})-(\d{1,10})-[A-Za-z0-9]{6}$/;

export function makeStaging(): string {
  const tmp = tmpdir();
  sweepStaleStaging(tmp);
  return mkdtempSync(join(tmp, `dgen-s3-${HOST_TAG}-${process.pid}-`));
}

export function removeStaging(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // nothing more to do; the next run's sweep takes it
  }
}

function sweepStaleStaging(tmp: string): void {
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STAGING.exec(name);
    if (m === null || m[1] !== HOST_TAG || Number(m[2]) === process.pid || !isDead(Number(m[2]))) continue;
    removeStaging(join(tmp, name));
  }
}

/** Every file below `dir`, as paths relative to it with `/`, sorted. */
export function stagedFiles(dir: string, under = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, under), { withFileTypes: true })) {
    const rel = under === "" ? e.name : `${under}/${e.name}`;
    if (e.isDirectory()) out.push(...stagedFiles(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}
