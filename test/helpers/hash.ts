/** SHA-256 and byte comparisons of output files. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "./cli.js";

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

/** Relative path → sha256 of every file under `dir`, optionally skipping some names. */
export function folderHashes(dir: string, skip: (path: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir)) if (!skip(f)) out[f] = sha256File(join(dir, f));
  return out;
}
