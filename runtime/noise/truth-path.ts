/**
 * Where `--truth FILE` goes: FILE resolved against the working directory, refused (DG5030) before
 * any row is written when it is a folder or would replace a file of the run (a data file or the
 * manifest).
 *
 *   truthTarget("t.csv", "/work/out", ["people.csv"], "_manifest.json")    // { path: "/work/t.csv" }
 *   truthTarget("out/people.csv", "out", ["people.csv"], "_manifest.json") // { problem: DG5030 … }
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../generate-options.js";

export function truthTarget(
  file: string,
  out: string,
  dataFiles: readonly string[],
  manifest: string,
): { path: string; problem?: undefined } | { path?: undefined; problem: Diagnostic } {
  const path = resolve(file);
  const problem = (why: string) => ({ problem: runtimeDiag(messages.badTruthPath, [file, why]) });
  if (isFolder(path)) return problem("is a folder; give the path of a file, such as truth.csv");
  for (const f of dataFiles)
    if (resolve(out, f) === path) return problem(`would replace the data file '${f}'; choose another name`);
  if (resolve(out, manifest) === path) return problem("would replace the run's manifest; choose another name");
  return { path };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
