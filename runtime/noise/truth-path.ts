/**
 * Where `--truth FILE` goes: FILE resolved against the working directory, refused (DG5030) before
 * any row is written when it is a folder, would replace a file of the run (a data file or the
 * manifest), or lies inside the output folder at all — by real path, so a link to the output folder
 * does not hide it. A folder that a manifest describes holds the run's files and nothing else.
 *
 *   truthTarget("t.csv", "/work/out", ["people.csv"], "_manifest.json")    // { path: "/work/t.csv" }
 *   truthTarget("out/people.csv", "out", ["people.csv"], "_manifest.json") // { problem: DG5030 … }
 *   truthTarget("alias/t.csv", "out", …)   // alias → out: { problem: DG5030 "is inside the output folder" }
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../generate-options.js";
import { canonicalPath, isInside } from "../output-paths.js";

export function truthTarget(
  file: string,
  out: string,
  dataFiles: readonly string[],
  manifest: string,
): { path: string; problem?: undefined } | { path?: undefined; problem: Diagnostic } {
  const path = resolve(file);
  const real = canonicalPath(path);
  const problem = (why: string) => ({ problem: runtimeDiag(messages.badTruthPath, [file, why]) });
  if (isFolder(path)) return problem("is a folder; give the path of a file, such as truth.csv");
  for (const f of dataFiles)
    if (canonicalPath(resolve(out, f)) === real)
      return problem(`would replace the data file '${f}'; choose another name`);
  if (canonicalPath(resolve(out, manifest)) === real)
    return problem("would replace the run's manifest; choose another name");
  if (isInside(path, out))
    return problem(
      `is inside the output folder '${out}'; write it outside, so that the folder holds only the run's files`,
    );
  return { path };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
