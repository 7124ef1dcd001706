/**
 * `dgen compile schema.dgen [-o DIR]`: writes DIR/<schema>.ts (default generated/).
 */
import { join } from "node:path";
import { compile } from "../compile.js";
import { overwriteProblem, readingHost, urlProblem } from "./inputs.js";
import { readSchema, writeAtomic } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

export async function compileCommand(
  schemaPath: string,
  outDir: string,
  params: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const reads = readingHost(schemaPath);
  const r = await compile(loaded.file, reads.host, { params });
  if (r.files.size === 0)
    return { exitCode: exitFor(r.diagnostics) || 1, diagnostics: r.diagnostics, file: loaded.file };
  const url = urlProblem("-o", outDir);
  if (url) return { exitCode: 1, diagnostics: r.diagnostics, runDiagnostics: [url], file: loaded.file };
  for (const name of r.files.keys()) {
    const over = overwriteProblem("-o", join(outDir, name), reads.inputs());
    if (over) return { exitCode: 2, diagnostics: r.diagnostics, runDiagnostics: [over], file: loaded.file };
  }
  const written: string[] = [];
  for (const [name, text] of r.files) {
    const path = join(outDir, name);
    const problem = writeAtomic(path, text);
    if (problem) return { exitCode: 1, diagnostics: r.diagnostics, runDiagnostics: [problem], file: loaded.file };
    written.push(path);
  }
  return {
    exitCode: 0,
    diagnostics: r.diagnostics,
    file: loaded.file,
    stdout: written.map((p) => `wrote ${p}\n`).join(""),
  };
}
