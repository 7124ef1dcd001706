/**
 * `dgen validate schema.dgen DATA [--format text|json] [--limit N]`: compiles and bundles the schema
 * exactly as `dgen generate` does, into a temporary file, and runs that bundle's `validateData()` on
 * DATA (a data file, or a folder as `dgen generate` writes it). The checks are the emitted module's
 * own validators, so generation and validation cannot disagree.
 *
 *   $ dgen validate examples/shop.dgen out/shop
 *   customers: 10000 rows, ok
 *   ...
 *   total: 4 of 4 tables checked, 41873 rows, 0 violations
 *
 * Exit status: 0 when every checked row is valid and no file had an error, 1 otherwise. A temporary
 * folder that cannot take the bundle (a full or read-only $TMPDIR) is DG5010 / DG5009, exit 1.
 */
import { tmpdir } from "node:os";
import { RunError } from "../../runtime/generate-options.js";
import { fileError } from "../../runtime/writers/file-output.js";
import type { Program, ValidateOptions, ValidationResult } from "../../runtime/index.js";
import { formatReport, reportJson } from "../../runtime/validate/report.js";
import { messages } from "../../diagnostics/messages.js";
import { renderJson } from "../../diagnostics/render.js";
import { withBundle } from "./bundled.js";
import { exitFor, type CommandResult } from "./result.js";

const GENERATE_ONLY = messages.formatNotWrittenYet.code;

interface BundleModule {
  program: Program;
  validateData(program: Program, options: ValidateOptions): Promise<ValidationResult>;
}

export async function validateCommand(
  schemaPath: string,
  dataPath: string,
  options: {
    readonly format: "text" | "json";
    readonly limit: number;
    readonly params?: Record<string, string>;
    readonly noCache?: boolean;
  },
): Promise<CommandResult> {
  try {
    return await validateWithBundle(schemaPath, dataPath, options);
  } catch (e) {
    // only writing the bundle into $TMPDIR can throw a file-system error here: validateData reports its own
    const path = typeof e === "object" && e !== null && "path" in e ? String(e.path) : tmpdir();
    const mapped = fileError(e, path);
    if (mapped instanceof RunError) return { exitCode: 1, diagnostics: [], runDiagnostics: [mapped.diagnostic] };
    throw e;
  }
}

function validateWithBundle(
  schemaPath: string,
  dataPath: string,
  options: {
    readonly format: "text" | "json";
    readonly limit: number;
    readonly params?: Record<string, string>;
    readonly noCache?: boolean;
  },
): Promise<CommandResult> {
  return withBundle<BundleModule>(
    schemaPath,
    options.params ?? {},
    async (mod, bundled) => {
      // DG6003 (an output format not written yet) concerns generating; validate reads files by their names
      const built = { ...bundled, diagnostics: bundled.diagnostics.filter((d) => d.code !== GENERATE_ONLY) };
      const result = await mod.validateData(mod.program, { data: dataPath, limit: options.limit });
      const exitCode = result.ok ? 0 : 1;
      const file = built.file ? { file: built.file } : {};
      if (options.format === "json") {
        const all = [...built.diagnostics, ...result.diagnostics];
        const diagnostics = JSON.parse(renderJson(all, built.file)) as unknown;
        return {
          exitCode: Math.max(exitCode, exitFor(all)) as 0 | 1 | 2,
          diagnostics: [],
          stdout: reportJson(result, diagnostics),
        };
      }
      return {
        exitCode: Math.max(exitCode, exitFor(built.diagnostics)) as 0 | 1 | 2,
        diagnostics: built.diagnostics,
        runDiagnostics: result.diagnostics,
        ...file,
        // a DATA path that could not be read at all has no report, only its diagnostic
        ...(result.tables.some((t) => t.checked) || result.diagnostics.length === 0
          ? { stdout: formatReport(result) }
          : {}),
      };
    },
    { noCache: options.noCache === true },
  );
}
