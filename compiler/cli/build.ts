/**
 * `dgen build schema.dgen [-o FILE.mjs]`: one self-contained bundle for `node`
 * (default: `<schema>.mjs` next to the schema).
 */
import { dirname, resolve } from "node:path";
import type { ProtectedInput } from "../../runtime/output-paths.js";
import { bundle } from "../bundle/bundle.js";
import { compile } from "../compile.js";
import { overwriteProblem, readingHost, urlProblem } from "./inputs.js";
import { readSchema, writeAtomic } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

/**
 * Compiles and bundles; the bundle's text and the files it read, or the diagnostics that stopped it.
 * `refuse`, given the files read, can stop it before bundling (`dgen build -o` naming an input).
 */
export async function buildBundle(
  schemaPath: string,
  params: Readonly<Record<string, string>> = {},
  refuse?: (inputs: readonly ProtectedInput[]) => Diagnostic | undefined,
): Promise<{ text?: string; result: CommandResult; inputs: readonly ProtectedInput[] }> {
  const reads = readingHost(schemaPath);
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { result: { exitCode: 1, diagnostics: [loaded.diagnostic] }, inputs: reads.inputs() };
  const r = await compile(loaded.file, reads.host, { format: false, params });
  const [entry] = r.files;
  if (!entry)
    return {
      result: { exitCode: exitFor(r.diagnostics) || 1, diagnostics: r.diagnostics, file: loaded.file },
      inputs: reads.inputs(),
    };
  const refused = refuse?.(reads.inputs());
  if (refused)
    return {
      result: {
        exitCode: exitFor([refused]),
        diagnostics: r.diagnostics,
        runDiagnostics: [refused],
        file: loaded.file,
      },
      inputs: reads.inputs(),
    };
  const text = await bundle({ moduleName: entry[0], moduleText: entry[1], resolveDir: dirname(resolve(schemaPath)) });
  return { text, result: { exitCode: 0, diagnostics: r.diagnostics, file: loaded.file }, inputs: reads.inputs() };
}

export async function buildCommand(
  schemaPath: string,
  outFile: string | undefined,
  params: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const target = outFile ?? schemaPath.replace(/\.dgen$/i, "") + ".mjs";
  const built = await buildBundle(
    schemaPath,
    params,
    (inputs) => urlProblem("-o", target) ?? overwriteProblem("-o", target, inputs),
  );
  if (built.text === undefined) return built.result;
  const problem = writeAtomic(target, built.text);
  if (problem) return { ...built.result, exitCode: 1, runDiagnostics: [problem] };
  return { ...built.result, stdout: `wrote ${target}\n` };
}
